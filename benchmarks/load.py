"""Load on the production stack of `make prod-smoke`: concurrent anonymous clients for a fixed time on the home
page, the annuaire near a town, a profile and a search, against three targets started in the same run:

* nginx → Varnish → gunicorn (TLS, the full stack: Varnish's cache, then the application's);
* gunicorn directly (the application's page cache in Redis, no Varnish);
* a second gunicorn with `PAGE_CACHE_SECONDS=0` (no page cache: every request rendered), the reference.

The load comes from `wrk` (Debian's package, installed when missing and running as root): a C client, so that on
a 2-CPU machine the client is not what bounds the cached figures (a Python client costs more per request than
Varnish does). For each target and page: one connection alone for a few seconds (latency), then N connections for
D seconds, each waiting for its answer before the next request (closed loop): requests per second, p50, p95 and
errors (any answer but 2xx/3xx, and socket errors), read from wrk's own latency histogram.

    .venv/bin/python benchmarks/load.py                          # 50 clients x 60 s per page and target
    .venv/bin/python benchmarks/load.py --clients 20 --duration 10
    .venv/bin/python benchmarks/load.py --pages search,home     # some pages only
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import prod_smoke, services  # noqa: E402

services.PACKAGES.setdefault("wrk", "wrk")

# wrk's Lua hooks: the Host header of the page (curl and wrk do not resolve *.localhost), and a JSON summary of
# its latency histogram (microseconds) and errors, printed on the last line.
WRK_SCRIPT = """
wrk.headers["Host"] = os.getenv("WRK_HOST")
for name, value in string.gmatch(os.getenv("WRK_HEADERS") or "", "([^=;]+)=([^;]*)") do
  wrk.headers[name] = value
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "non2xx": %d, "socket": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def run_wrk(
    wrk: str, script: Path, url: str, host: str, headers: dict, connections: int, seconds: float
) -> dict:
    env = {
        "WRK_HOST": host,
        "WRK_HEADERS": ";".join(f"{name}={value}" for name, value in headers.items()),
        "PATH": "/usr/bin:/bin",
    }
    command = [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s"]
    completed = subprocess.run(
        [*command, "-s", str(script), url], env=env, capture_output=True, text=True, check=True
    )
    summary = json.loads(completed.stdout.strip().splitlines()[-1])
    summary["rate"] = summary["requests"] / summary["seconds"]
    summary["errors"] = summary["non2xx"] + summary["socket"]
    return summary


def measure(targets, pages, clients: int, duration: float) -> None:
    wrk = services.ensure_binary("wrk")
    with tempfile.TemporaryDirectory(prefix="pdn-load-") as directory:
        script = Path(directory) / "summary.lua"
        script.write_text(WRK_SCRIPT)
        print(f"{clients} clients x {duration:.0f} s per page and target (wrk); milliseconds", flush=True)
        print("| target | page | 1 client p50 | requests/s | p50 | p95 | errors |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for target_name, base_url, headers in targets:
            for page_name, path, host in pages:
                url = base_url + path
                run_wrk(wrk, script, url, host, headers, 1, 2)  # warm-up (fills the caches)
                alone = run_wrk(wrk, script, url, host, headers, 1, 5)
                loaded = run_wrk(wrk, script, url, host, headers, clients, duration)
                print(
                    f"| {target_name} | {page_name} | {alone['p50']:.2f} | {loaded['rate']:.0f} | "
                    f"{loaded['p50']:.1f} | {loaded['p95']:.1f} | {loaded['errors']} |",
                    flush=True,
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers of each application server")
    parser.add_argument(
        "--pages", default="", help="comma-separated page names to measure (home, annuaire, profile, search)"
    )
    options = parser.parse_args()
    # A TERM (a CI timeout, kill) unwinds the context managers: every service stopped, the database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    with prod_smoke.stack(workers=options.workers) as stack:
        uncached_env = {**stack.env, "PAGE_CACHE_SECONDS": "0"}
        with services.gunicorn(env=uncached_env, workers=options.workers) as uncached:
            proxied = {"X-Forwarded-Proto": "https"}  # as nginx sends it: no redirect to HTTPS
            targets = [
                ("nginx → Varnish → gunicorn", f"https://127.0.0.1:{stack.https_port}", {}),
                ("gunicorn (page cache)", f"http://127.0.0.1:{stack.gunicorn.port}", proxied),
                ("gunicorn, no page cache", f"http://127.0.0.1:{uncached.port}", proxied),
            ]
            pages = [
                ("home", "/", "localhost"),
                ("annuaire pres_de=18000", "/annuaire/?pres_de=18000", "localhost"),
                ("profile", stack.demo["profile"], "18.localhost"),
                ("search q=camille", "/recherche/?q=camille", "localhost"),
            ]
            wanted = {name.strip() for name in options.pages.split(",") if name.strip()}
            if wanted:
                pages = [page for page in pages if page[0].split()[0] in wanted]
            measure(targets, pages, options.clients, options.duration)
    return 0


if __name__ == "__main__":
    sys.exit(main())
