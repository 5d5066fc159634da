"""Load on the production stack of `make prod-smoke`: concurrent anonymous clients for a fixed time on the home
page, the annuaire near a town, a profile and a search, against three targets started in the same run:

* nginx → Varnish → gunicorn (TLS, the full stack: Varnish's cache, then the application's);
* gunicorn directly (the application's page cache in Redis, no Varnish);
* a second gunicorn with `PAGE_CACHE_SECONDS=0` (no page cache: every request rendered), the reference.

For each target and page: the p50 of one client alone (latency), then N clients for D seconds (bounded: each
client waits for its answer before the next request): requests per second, p50, p95, errors (any answer but
200, or a failed request).

    .venv/bin/python benchmarks/load.py                          # 50 clients x 60 s per page and target
    .venv/bin/python benchmarks/load.py --clients 20 --duration 10
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402

from scripts import prod_smoke, services  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


async def one_client_p50(client: httpx.AsyncClient, url: str, host: str, requests: int) -> float:
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = await client.get(url, headers={"Host": host})
        timings.append(time.perf_counter() - started)
        response.raise_for_status()
    return statistics.median(timings) * 1000


async def load(client: httpx.AsyncClient, url: str, host: str, clients: int, duration: float):
    timings: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration

    async def visitor():
        nonlocal errors
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                response = await client.get(url, headers={"Host": host})
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
                continue
            timings.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(visitor() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    return len(timings) / elapsed, percentile(timings, 0.5) * 1000, percentile(timings, 0.95) * 1000, errors


async def measure(targets, pages, clients: int, duration: float) -> None:
    print(f"{clients} clients x {duration:.0f} s per page and target; milliseconds", flush=True)
    print("| target | page | 1 client p50 | requests/s | p50 | p95 | errors |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for target_name, base_url, extra_headers in targets:
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(
            base_url=base_url, verify=False, limits=limits, timeout=30, headers=extra_headers
        ) as client:
            for page_name, path, host in pages:
                await one_client_p50(client, path, host, 5)  # warm-up (fills the caches)
                alone = await one_client_p50(client, path, host, 50)
                rate, p50, p95, errors = await load(client, path, host, clients, duration)
                print(
                    f"| {target_name} | {page_name} | {alone:.1f} | {rate:.0f} | {p50:.1f} | {p95:.1f} | {errors} |",
                    flush=True,
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers of each application server")
    options = parser.parse_args()
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
            asyncio.run(measure(targets, pages, options.clients, options.duration))
    return 0


if __name__ == "__main__":
    sys.exit(main())
