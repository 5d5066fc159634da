#!/usr/bin/env python
"""Benchmark of the anonymous page cache (pagecache/): p50/p95 of the same anonymous pages rendered (page cache
off) and served from the application's cache (on), side by side in one run, in-process through Django's test
Client (no web server, no network). Builds its data with benchmarks/annuaire.py (N synthetic promeneurs in a
throwaway database); --redis times the cache on a loopback redis-server (scripts/services.py) instead of local
memory.

    .venv/bin/python benchmarks/cache.py                      # 5,000 promeneurs, SQLite under /tmp, local memory
    .venv/bin/python benchmarks/cache.py --redis --reuse      # the same data, the cache on Redis
    .venv/bin/python benchmarks/cache.py --database-url postgres://postgres@127.0.0.1:5432/pdn_bench_cache

Results and the exact commands are in benchmarks/README.md ("Page cache").
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import annuaire  # noqa: E402  (benchmarks/annuaire.py: database, data, scenarios)

DEFAULT_SQLITE = Path("/tmp/pdn-bench-cache.sqlite3")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5_000, help="number of promeneurs (default 5,000)")
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}", help="throwaway database")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per scenario and mode")
    parser.add_argument("--reuse", action="store_true", help="keep the existing data, only migrate and time")
    parser.add_argument("--redis", action="store_true", help="the cache on a loopback redis-server")
    parser.add_argument("--seed", type=int, default=20261122)
    return parser.parse_args(argv)


def scenarios():
    from directory.models import PromeneurPage

    promeneur = PromeneurPage.objects.publicly_listed().select_related("department").order_by("pk").first()
    profile = promeneur.url_path.split(f"/{promeneur.department.slug}", 1)[1]
    host = f"{promeneur.department.code.lower()}.localhost"
    return [
        ("home", "localhost", "/", {}),
        ("national annuaire, page 1", "localhost", "/annuaire/", {}),
        ("annuaire pres_de=18000", "localhost", "/annuaire/", {"pres_de": "18000"}),
        ("département annuaire", host, "/annuaire/", {}),
        ("profile", host, profile, {}),
    ]


def timed(host, path, params, requests, expect):
    from django.test import Client

    client = Client(HTTP_HOST=host)
    for _ in range(2):
        client.get(path, params)  # warm-up (and, when on, the one miss that fills the cache)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path, params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200 and response.get("X-Page-Cache") == expect, (path, expect)
    return statistics.median(times), annuaire.percentile(times, 0.95)


def run(requests: int, backend: str) -> None:
    from django.conf import settings
    from django.core.cache import cache

    rows = []
    for name, host, path, params in scenarios():
        settings.PAGE_CACHE_SECONDS = 0
        off = timed(host, path, params, requests, expect=None)
        settings.PAGE_CACHE_SECONDS = 600
        cache.clear()
        on = timed(host, path, params, requests, expect="hit")
        rows.append((name, off, on))
    print(f"\n{requests} requests per scenario and mode, in-process, ms; the cache on {backend}:")
    print(f"  {'page':28} {'rendered p50':>12} {'p95':>7} {'cached p50':>11} {'p95':>7} {'speed-up':>9}")
    for name, (off50, off95), (on50, on95) in rows:
        print(f"  {name:28} {off50:12.2f} {off95:7.2f} {on50:11.2f} {on95:7.2f} {off50 / on50:8.0f}×")


def main(argv=None) -> None:
    args = parse_args(argv)
    if not args.reuse:
        annuaire.reset_database(args.database_url)
    annuaire.setup_django(args.database_url)
    from django.core.management import call_command
    from django.test import override_settings

    from directory.models import PromeneurPage
    from scripts import services

    print(f"Database: {args.database_url}")
    call_command("migrate", verbosity=0)
    if not args.reuse or not PromeneurPage.objects.exists():
        print(f"Building {args.n:,} promeneurs…")
        annuaire.build(args.n, args.seed)
    print(f"{PromeneurPage.objects.publicly_listed().count():,} promeneurs publicly listed")
    with contextlib.ExitStack() as stack:
        backend = "local memory"
        if args.redis:
            url = stack.enter_context(services.redis())
            caches = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
            stack.enter_context(override_settings(CACHES=caches))
            backend = f"Redis ({url})"
        run(args.requests, backend)


if __name__ == "__main__":
    main()
