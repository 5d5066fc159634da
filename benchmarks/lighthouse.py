"""Lighthouse (mobile preset) on the public pages a family meets first: the national home, an annuaire search
near Bourges (`pres_de`), a promeneur's profile and the verification page. Prints Lighthouse's four scores per
page (performance, accessibility, best practices, SEO) and the cumulative layout shift.

The site runs as in production where it matters: the demo network in a throwaway SQLite database, production
settings (DEBUG off, whitenoise's compressed and hashed static files), gunicorn; the demo's media files are
served by whitenoise too (nginx serves them in production). Lighthouse comes from the npm registry, installed
once into benchmarks/.lighthouse (ignored by git), and drives Debian's Chromium (`make browser`). The map's
tiles are blocked: they cannot load offline, and they are a third party's.

    .venv/bin/python benchmarks/lighthouse.py              # every page, one run each
    .venv/bin/python benchmarks/lighthouse.py --runs 3     # the median of three runs per page
    .venv/bin/python benchmarks/lighthouse.py --keep-reports /tmp/lh   # also keep Lighthouse's JSON reports
    .venv/bin/python benchmarks/lighthouse.py --workdir /tmp/pdn-lh    # build the site once, reuse it next time
                                                                       # (its static files collected again)
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIGHTHOUSE_VERSION = "13.5.0"
LIGHTHOUSE_DIR = ROOT / "benchmarks" / ".lighthouse"
LIGHTHOUSE_BIN = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: Runs of one page Lighthouse may lose before the benchmark stops (see lighthouse()).
ATTEMPTS = 3
#: The map's tile servers (ANNUAIRE_MAP_TILE_URL's default is OpenStreetMap France's {s}.tile.openstreetmap.fr).
BLOCKED = ("*tile.openstreetmap.*", "*tile.osm.*", "*/tiles/*")
HOSTS = "localhost,127.0.0.1,04.localhost,17.localhost,18.localhost,62.localhost,93.localhost"
TARGETS = {
    "score_performance": 0.95,
    "score_accessibility": 1.0,
    "score_best-practices": 1.0,
    "score_seo": 1.0,
}


# --- The site, as the WSGI application gunicorn imports (`lighthouse:application`) ------------------------


def _application():
    """Django's application with the demo's media files served by whitenoise (nginx's job in production)."""
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from whitenoise import WhiteNoise

    django_application = get_wsgi_application()
    # autorefresh: renditions are written at the first request of a page, after the server started.
    return WhiteNoise(
        django_application,
        root=settings.MEDIA_ROOT,
        prefix=settings.MEDIA_URL,
        max_age=3600,
        autorefresh=True,
    )


_loaded = []


def application(environ, start_response):
    """Built at the first request, in the gunicorn worker (importing this module sets nothing up)."""
    if not _loaded:
        _loaded.append(_application())
    return _loaded[0](environ, start_response)


# --- Set-up ---------------------------------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_lighthouse() -> Path:
    if LIGHTHOUSE_BIN.exists():
        return LIGHTHOUSE_BIN
    if not shutil.which("npm"):
        raise SystemExit("npm absent : installez Node.js (apt-get install npm) pour lancer Lighthouse.")
    say(f"npm install lighthouse@{LIGHTHOUSE_VERSION} → {LIGHTHOUSE_DIR}")
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(LIGHTHOUSE_DIR),
            f"lighthouse@{LIGHTHOUSE_VERSION}",
            "--no-audit",
            "--no-fund",
        ],
        check=True,
    )
    return LIGHTHOUSE_BIN


def ensure_chromium() -> str:
    if Path(CHROME_PATH).exists():
        return CHROME_PATH
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say("apt-get install chromium")
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=environment)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=environment)
    if not Path(CHROME_PATH).exists():
        raise SystemExit(f"Chromium absent ({CHROME_PATH}) : make browser, ou CHROME_PATH=…")
    return CHROME_PATH


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} :\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return result.stdout


DEMO_URLS = """
import django, json
django.setup()
from directory.models import PromeneurPage
from wagtail.models import Site
profile = PromeneurPage.objects.publicly_listed().filter(department__code="18").order_by("path").first()
print(json.dumps({"profile": profile.get_url_parts()[2]}))
"""


def build_site(workdir: Path, port: int) -> dict:
    """Migrate, load the demo (development settings: load_demo wants DEBUG for its accounts), collect the
    static files; returns the environment of the production-like server."""
    database = workdir / "db.sqlite3"
    media_root, static_root = workdir / "media", workdir / "static"
    base = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    base.pop("AWS_STORAGE_BUCKET_NAME", None)
    base.pop("ELASTICSEARCH_URL", None)
    common = {
        **base,
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(media_root),
        "STATIC_ROOT": str(static_root),
    }
    dev = {**common, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    production = {
        **common,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOSTS,
        "SECURE_SSL_REDIRECT": "false",
        "WAGTAILADMIN_BASE_URL": "http://localhost",
    }
    built = workdir / "site.json"
    if built.exists():  # --workdir: the site built by an earlier run, with the static files of this checkout
        manage(production, "collectstatic", "--noinput", "-v", "0")
        production["PDN_DEMO"] = json.loads(built.read_text())["demo"]
        return production
    say("migrate, import_communes, load_demo (a few minutes)…")
    manage(dev, "migrate", "--noinput", "-v", "0")
    manage(dev, "import_communes")
    manage(dev, "load_demo", "--port", str(port), "-v", "0")
    manage(production, "collectstatic", "--noinput", "-v", "0")
    found = subprocess.run(
        [sys.executable, "-c", DEMO_URLS], cwd=ROOT, env=dev, capture_output=True, text=True, check=True
    )
    production["PDN_DEMO"] = found.stdout.strip().splitlines()[-1]
    built.write_text(json.dumps({"port": port, "demo": production["PDN_DEMO"]}))
    return production


# --- Lighthouse -------------------------------------------------------------------------------------------------


def lighthouse(binary: Path, url: str, report: Path) -> dict:
    command = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=60000",
        *(f"--blocked-url-patterns={pattern}" for pattern in BLOCKED),
    ]
    for attempt in range(1, ATTEMPTS + 1):
        done = subprocess.run(
            command, env={**os.environ, "CHROME_PATH": CHROME_PATH}, capture_output=True, text=True
        )
        # Lighthouse sometimes loses the trace of a load ("NO_NAVSTART ... Please run Lighthouse again"): once
        # more, saying so, rather than losing the whole run.
        if done.returncode == 0 or "run Lighthouse again" not in done.stdout + done.stderr:
            break
        if attempt < ATTEMPTS:
            say(f"lighthouse {url} : trace lost, run again ({attempt}/{ATTEMPTS - 1})")
    if done.returncode != 0:
        raise SystemExit(
            f"lighthouse {url} : code {done.returncode}\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
        )
    data = json.loads(report.read_text())
    figures = {f"score_{name}": data["categories"][name]["score"] for name in CATEGORIES}
    figures["cls"] = data["audits"]["cumulative-layout-shift"]["numericValue"]
    figures["lcp_ms"] = data["audits"]["largest-contentful-paint"]["numericValue"]
    figures["tbt_ms"] = data["audits"]["total-blocking-time"]["numericValue"]
    # Lighthouse's measure of the machine's speed (about 1,000–2,000 on an idle desktop): a loaded machine
    # lowers the simulated timings' scores, so read the performance score next to it.
    figures["benchmark_index"] = data["environment"]["benchmarkIndex"]
    failed = set()
    for category in CATEGORIES:
        for ref in data["categories"][category]["auditRefs"]:
            score = data["audits"][ref["id"]]["score"]
            if ref["weight"] > 0 and score is not None and score < 1:
                failed.add(ref["id"])
    figures["failed"] = sorted(failed)
    return figures


def median_run(binary: Path, url: str, runs: int, reports: Path, name: str) -> dict:
    results = [lighthouse(binary, url, reports / f"{name}-{run}.json") for run in range(runs)]
    figures = {
        key: statistics.median(result[key] for result in results) for key in results[0] if key != "failed"
    }
    figures["failed"] = sorted({audit for result in results for audit in result["failed"]})
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page (the median is printed)")
    parser.add_argument(
        "--keep-reports", type=Path, help="directory where Lighthouse's JSON reports are kept"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="keep the built site (database, media, static files) here and reuse it on the next run",
    )
    options = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    from scripts import services

    binary = ensure_lighthouse()
    ensure_chromium()
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="pdn-lighthouse-"))
    workdir.mkdir(parents=True, exist_ok=True)
    reports = options.keep_reports or workdir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    try:
        built = workdir / "site.json"
        # The demo's Wagtail Sites carry the port they were loaded with: serve on the same one.
        port = json.loads(built.read_text())["port"] if built.exists() else services.free_port()
        env = build_site(workdir, port)
        demo = json.loads(env.pop("PDN_DEMO"))
        with services.gunicorn(
            env=env,
            port=port,
            workers=2,
            app="lighthouse:application",
            args=["--pythonpath", str(ROOT / "benchmarks")],
        ) as server:
            origin = f"http://localhost:{server.port}"
            pages = [
                ("national home", f"{origin}/"),
                ("annuaire ?pres_de=18000", f"{origin}/annuaire/?pres_de=18000"),
                ("profile (Cher)", f"http://18.localhost:{server.port}{demo['profile']}"),
                ("verification", f"{origin}/verifier/"),
            ]
            print(
                "| page | performance | accessibility | best practices | SEO | CLS | LCP (ms) | TBT (ms) "
                "| benchmarkIndex | audits below 1 |"
            )
            print("|---|---|---|---|---|---|---|---|---|---|")
            missed = 0
            for index, (name, url) in enumerate(pages):
                figures = median_run(binary, url, options.runs, reports, f"page{index}")
                missed += sum(figures[key] < target for key, target in TARGETS.items())
                print(
                    f"| {name} | {figures['score_performance']:.2f} | {figures['score_accessibility']:.2f} | "
                    f"{figures['score_best-practices']:.2f} | {figures['score_seo']:.2f} | {figures['cls']:.3f} | "
                    f"{figures['lcp_ms']:.0f} | {figures['tbt_ms']:.0f} | {figures['benchmark_index']:.0f} | "
                    f"{', '.join(figures['failed']) or '–'} |",
                    flush=True,
                )
    finally:
        if not options.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    say(f"targets: performance ≥ 0.95, the others 1.0 — {missed} score(s) below target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
