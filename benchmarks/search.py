"""Search benchmark: /recherche/ and its suggestions with 50,000 promeneurs and 5,000 pages.

Builds a throwaway database (never the development one) with bulk inserts, times a full ``update_index``,
then measures the response time of the search page and of the suggestions endpoint through Django's
request handler (middleware included, no network), on the national site and on a département's site.

    .venv/bin/python benchmarks/search.py                          # SQLite and PostgreSQL (if reachable)
    .venv/bin/python benchmarks/search.py --database sqlite --promeneurs 5000 --pages 500   # quick run
    .venv/bin/python benchmarks/search.py --write-readme           # also update benchmarks/README.md

PostgreSQL: ``--postgres-url`` (default $BENCH_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/pdn_bench_search);
the database named there is dropped and recreated. Each database runs in its own process (Django settings
are read once per process).
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "benchmarks" / "README.md"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/pdn_bench_search"

DEPARTMENT_CODES = [
    "18",
    "93",
    "17",
    "04",
    "62",
    "33",
    "59",
    "69",
    "13",
    "31",
    "44",
    "35",
    "67",
    "06",
    "34",
    "76",
]
SEARCH_QUERIES = [
    "educateur",  # a job held by one promeneur in eight
    "jeunesse",  # in two jobs of eight: the broadest query
    "Santé",
    "lea",
    "mediateur numerique",
    "centre social tilleuls",
    "instagram",
    "harcèlement en ligne",
    "zzzqqq",  # no result
    "l'éducatrice spécialisée à Villefictive-3",
]
SUGGEST_QUERIES = ["ed", "educ", "anim", "Léa", "centre so", "med", "psy", "rencontre dep", "zzz"]
VOCABULARY = [
    "santé", "emploi", "logement", "numérique", "harcèlement", "parentalité", "orientation", "mobilité",
    "engagement", "culture", "sport", "prévention", "réseaux sociaux", "jeux vidéo", "addictions",
    "formation", "famille", "écrans", "citoyenneté", "vacances",
]  # fmt: skip


# Parent process ------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL))
    parser.add_argument("--promeneurs", type=int, default=50_000)
    parser.add_argument("--pages", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=20, help="requests per query and site")
    parser.add_argument(
        "--write-readme", action="store_true", help='rewrite the "Search" section of README.md'
    )
    parser.add_argument("--keep", action="store_true", help="keep the throwaway databases (to profile them)")
    parser.add_argument(
        "--reuse", metavar="DATABASE_URL", help="measure a database kept by --keep (no rebuild)"
    )
    parser.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        print(json.dumps(run_worker(args)))
        return

    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    if args.reuse:
        databases = ["sqlite" if args.reuse.startswith("sqlite") else "postgres"]
    results = []
    for database in databases:
        if database == "postgres" and not postgres_reachable(args.postgres_url):
            print(f"PostgreSQL unreachable at {args.postgres_url}: skipped.", file=sys.stderr)
            continue
        print(
            f"== {database}: building {args.promeneurs} promeneurs and {args.pages} pages…", file=sys.stderr
        )
        command = [sys.executable, __file__, "--worker", database, *passthrough(args)]
        output = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        sys.stderr.write(output.stderr[-4000:])
        if output.returncode:
            raise SystemExit(f"The {database} run failed (exit status {output.returncode}).")
        results.append(json.loads(output.stdout.strip().splitlines()[-1]))

    report = markdown_report(results, args)
    print(report)
    if args.write_readme:
        write_readme_section(report)


def passthrough(args) -> list[str]:
    return [
        f"--postgres-url={args.postgres_url}",
        f"--promeneurs={args.promeneurs}",
        f"--pages={args.pages}",
        f"--repeat={args.repeat}",
        *(["--keep"] if args.keep else []),
        *([f"--reuse={args.reuse}"] if args.reuse else []),
    ]


def postgres_reachable(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(maintenance_url(url), connect_timeout=3):
            return True
    except Exception:
        return False


def maintenance_url(url: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/postgres"))


MEASURES = ["search", "engine", "baseline", "suggest"]


def markdown_report(results: list[dict], args) -> str:
    window = results[0]["match_window"] if results else "?"
    lines = [
        "## Search",
        "",
        f"{args.promeneurs:,} promeneurs (under {results[0]['structures']:,} structures in "
        f"{len(DEPARTMENT_CODES)} départements) and {args.pages:,} pages (news and content pages), "
        f"{args.repeat} requests per query and site, measured in-process through Django's handler "
        "(middleware included, no network) on "
        f"{platform.machine()}, Python {platform.python_version()}, {os.cpu_count()} cores shared with other jobs."
        if results
        else "No database could be benchmarked.",
        "",
        "| database | full `update_index` | `/recherche/` p50 / p95 | search work p50 / p95 | page shell p50 / p95 "
        "| suggestions p50 / p95 | suggestions cut at 20 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for result in results:
        update_index = f"{result['update_index_s']:.0f} s" if result["update_index_s"] is not None else "–"
        cells = [result["database"], update_index]
        cells += [f"{result[name]['p50']:.0f} / {result[name]['p95']:.0f} ms" for name in MEASURES]
        cells.append(f"{result['suggest']['cut']} of {result['suggest']['count']}")
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Per query (p50 / p95 in ms, national site):", ""]
    for result in results:
        lines.append(
            f"- {result['database']}: "
            + "; ".join(
                f"`{query}` {timing['p50']:.0f} / {timing['p95']:.0f} (search work {timing['engine_p50']:.0f})"
                for query, timing in result["per_query"].items()
            )
        )
    lines += [
        "",
        "- `/recherche/`: the whole results page. *Search work*: what the search itself costs (the four",
        "  kinds, their counts and first results, promotions) without the template. *Page shell*: the same page",
        "  without a query, i.e. what every page of the site pays for its header, menus and footer.",
        "- Suggestions answer within 20 ms of database time or not at all: past it, the statement is",
        "  interrupted (SQLite progress handler, PostgreSQL statement_timeout) and the box shows nothing.",
        f"- At most {window} matches per kind are ranked (search/matching.py): a word found in most pages",
        f'  ("jeunesse", "instagram") is reported as "plus de {window} résultats".',
        "",
        "Targets: p95 ≤ 50 ms for `/recherche/`, ≤ 20 ms for suggestions.",
        "",
        "Reproduce (builds throwaway databases; about 15 minutes for both on an idle machine):",
        "",
        "    .venv/bin/python benchmarks/search.py --write-readme",
        "    .venv/bin/python benchmarks/search.py --database sqlite --keep      # keep the database, then:",
        "    .venv/bin/python benchmarks/search.py --reuse sqlite:////tmp/pdn-bench-search-….sqlite3",
        "",
    ]
    return "\n".join(lines)


def write_readme_section(section: str) -> None:
    """Replace the "## Search" section (up to the next "## " heading), leaving the others alone."""
    text = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n\n"
    start = text.find("## Search")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section.rstrip("\n") + ("\n" + text[end:] if end != -1 else "\n")
    README.write_text(text, encoding="utf-8")


# Worker process ------------------------------------------------------------------------------------------


def run_worker(args) -> dict:
    if args.reuse:
        os.environ["DATABASE_URL"] = args.reuse
        args.worker_label = "SQLite (FTS5)" if args.reuse.startswith("sqlite") else "PostgreSQL"
        args.keep, cleanup = True, None
    else:
        cleanup = prepare_database(args)
    try:
        import django

        os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
        os.environ.setdefault("SECRET_KEY", "benchmark-only")
        # The search's own work, not the page cache's (benchmarks/load.py measures that): with the cache on,
        # every timed request after the warm-up is a hit of about 1 ms.
        os.environ["PAGE_CACHE_SECONDS"] = "0"
        sys.path.insert(0, str(ROOT))
        django.setup()
        from django.core.management import call_command

        log("migrating")
        call_command("migrate", verbosity=0)
        if args.reuse:
            from directory.models import StructurePage

            structures, update_index_s = StructurePage.objects.count(), None
        else:
            from core.navigation import tree_changed

            structures = build_network(args.promeneurs, args.pages)
            tree_changed()  # bulk inserts send no signal: tell the navigation memo the tree changed
            log("update_index")
            started = time.perf_counter()
            call_command("update_index", verbosity=0)
            update_index_s = time.perf_counter() - started
            # Planner statistics, as autovacuum would have them on PostgreSQL after a bulk load: without them
            # the planner guesses 23 pages where there are 57,000. SQLite is left without, as Django leaves it
            # (with them it assumes the empty page view restrictions are huge and scans the page tree).
            from django.db import connection

            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            log(f"update_index: {update_index_s:.0f} s; measuring")
        timings = measure(args.repeat)
        from search.matching import MATCH_WINDOW

        return {
            "database": args.worker_label,
            "match_window": MATCH_WINDOW,
            "structures": structures,
            "update_index_s": update_index_s,
        } | timings
    finally:
        if args.keep:
            log(f"kept {os.environ['DATABASE_URL']}")
        else:
            cleanup()


def prepare_database(args):
    if args.worker == "sqlite":
        handle, path = tempfile.mkstemp(prefix="pdn-bench-search-", suffix=".sqlite3")
        os.close(handle)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        args.worker_label = "SQLite (FTS5)"
        return lambda: os.path.exists(path) and os.remove(path)

    import psycopg

    name = urlparse(args.postgres_url).path.lstrip("/")
    with psycopg.connect(maintenance_url(args.postgres_url), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
        # The production recommendation for SSD storage (README, "Deploying").
        connection.execute(f'ALTER DATABASE "{name}" SET random_page_cost = 1.1')
        version = connection.execute("SHOW server_version").fetchone()[0]
    os.environ["DATABASE_URL"] = args.postgres_url
    args.worker_label = f"PostgreSQL {version.split()[0]}"

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(maintenance_url(args.postgres_url), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return drop


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# Bulk builder --------------------------------------------------------------------------------------------


class TreeBuilder:
    """Appends published pages under existing parents with bulk INSERTs: Wagtail's add_child saves one page
    (and its revision) at a time, far too slow for 55,000 pages. Paths follow treebeard's materialised-path
    scheme (4 base-36 characters per level); the parents' numchild is updated at the end."""

    def __init__(self):
        from django.utils import timezone
        from wagtail.models import Locale

        self.now = timezone.now()
        self.locale = Locale.get_default()
        self.children = {}  # parent pk -> (parent, number of children so far)

    def child_path(self, parent) -> str:
        _parent, count = self.children.get(parent.pk, (parent, parent.numchild))
        count += 1
        self.children[parent.pk] = (parent, count)
        return parent.path + encode_step(count)

    def insert(self, model, parents_and_fields: list[tuple], batch_size: int = 500) -> list:
        """Insert ``model`` pages; ``parents_and_fields`` holds (parent, {field: value}) pairs."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Page

        content_type = ContentType.objects.get_for_model(model)
        created = []
        for start in range(0, len(parents_and_fields), batch_size):
            batch = parents_and_fields[start : start + batch_size]
            pages = [self._page(model, content_type, parent, fields) for parent, fields in batch]
            Page.objects.bulk_create([Page(**page.page_fields) for page in pages])
            ids = dict(Page.objects.filter(path__in=[page.path for page in pages]).values_list("path", "id"))
            for page in pages:
                page.pk = page.id = page.page_ptr_id = ids[page.path]
            local_fields = [field for field in model._meta.local_concrete_fields]
            model._base_manager._insert(pages, fields=local_fields, using="default")
            created.extend(pages)
        return created

    def _page(self, model, content_type, parent, fields):
        from wagtail.models import Page

        path = self.child_path(parent)
        page_fields = {
            "title": fields["title"],
            "draft_title": fields["title"],
            "slug": fields["slug"],
            "content_type": content_type,
            "live": True,
            "has_unpublished_changes": False,
            "url_path": f"{parent.url_path}{fields['slug']}/",
            "first_published_at": self.now,
            "last_published_at": self.now,
            "locale": self.locale,
            "translation_key": uuid.uuid4(),
            "path": path,
            "depth": parent.depth + 1,
            "numchild": 0,
        }
        own = {key: value for key, value in fields.items() if key not in page_fields}
        page = model(**page_fields, **own)
        page.page_fields = page_fields
        assert isinstance(page, Page)
        return page

    def update_numchild(self):
        from wagtail.models import Page

        for parent_pk, (_parent, count) in self.children.items():
            Page.objects.filter(pk=parent_pk).update(numchild=count)


ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def encode_step(number: int) -> str:
    """treebeard's 4-character base-36 step (1 → '0001')."""
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(4, "0")


def build_network(promeneurs: int, pages: int) -> int:
    import datetime
    import random

    from django.db import transaction
    from django.utils.text import slugify

    from directory.factories import FIRST_NAMES, JOB_TITLES, LAST_NAMES, STRUCTURE_NAMES
    from directory.models import (
        AnnuairePage,
        MissionTag,
        PromeneurPage,
        PromeneurStatus,
        SocialProfile,
        StructurePage,
        StructureType,
        TaggedMission,
    )
    from directory.social import normalise_profile
    from geo.factories import CommuneFactory
    from home.models import ContentPage
    from network.provisioning import create_department_site, ensure_national_site
    from news.models import NewsArticlePage, NewsIndexPage

    rng = random.Random(20261122)
    log("sites")
    national = ensure_national_site(hostname="localhost", port=80)
    homes = [create_department_site(code, hostname=f"{code}.localhost").home for code in DEPARTMENT_CODES]
    annuaires = [AnnuairePage.objects.child_of(home).get() for home in homes]
    communes = [
        CommuneFactory(insee_code=f"99{number:03d}", name=f"Villefictive-{number}", department_code=code)
        for number, code in enumerate(DEPARTMENT_CODES * 10)
    ]
    builder = TreeBuilder()
    structures_count = max(promeneurs // 20, 1)
    today = datetime.date.today()

    with transaction.atomic():
        log(f"{structures_count} structures")
        structure_rows = []
        for number in range(structures_count):
            annuaire_index = number % len(annuaires)
            title = f"{STRUCTURE_NAMES[number % len(STRUCTURE_NAMES)]} {number}"
            structure_rows.append(
                (
                    annuaires[annuaire_index],
                    {
                        "title": title,
                        "slug": slugify(title),
                        "structure_type": rng.choice(StructureType.values),
                        "commune": communes[annuaire_index + len(DEPARTMENT_CODES) * rng.randrange(10)],
                        "postcode": "",
                        "presentation": " ".join(rng.sample(VOCABULARY, 6)),
                        # One structure in twenty has seen its convention end: its promeneurs are hidden.
                        "convention_end": today - datetime.timedelta(days=1) if number % 20 == 19 else None,
                        "department_id": homes[annuaire_index].department_id,
                    },
                )
            )
        structures = builder.insert(StructurePage, structure_rows)

        log(f"{promeneurs} promeneurs")
        promeneur_rows = []
        for number in range(promeneurs):
            structure = structures[number % len(structures)]
            first_name = FIRST_NAMES[number % len(FIRST_NAMES)]
            job = JOB_TITLES[(number // len(FIRST_NAMES)) % len(JOB_TITLES)]
            promeneur_rows.append(
                (
                    structure,
                    {
                        "title": f"{first_name}, {job.lower()}",
                        "slug": f"promeneur-{number}",
                        "first_name": first_name,
                        "last_name": LAST_NAMES[number % len(LAST_NAMES)],
                        "job_title": job,
                        "presentation": "Je parle de " + ", ".join(rng.sample(VOCABULARY, 4)) + ".",
                        "status": PromeneurStatus.SUSPENDED if number % 50 == 49 else PromeneurStatus.ACTIVE,
                        "structure_id": structure.pk,
                        "department_id": structure.department_id,
                    },
                )
            )
        created = builder.insert(PromeneurPage, promeneur_rows)
        jeunesse = MissionTag.objects.get(slug="jeunesse")
        TaggedMission.objects.bulk_create(
            [TaggedMission(tag=jeunesse, content_object_id=page.pk) for page in created], batch_size=2000
        )
        profiles = []
        for page in created:
            handle = f"{slugify(page.first_name)}.pdn{page.pk}"
            url = f"https://www.instagram.com/{handle}/"
            profiles.append(
                SocialProfile(
                    promeneur_id=page.pk,
                    platform="instagram",
                    handle=f"@{handle}",
                    url=url,
                    normalised_key=normalise_profile(url, "instagram") or "",
                    sort_order=0,
                )
            )
        SocialProfile.objects.bulk_create(profiles, batch_size=2000)

        log(f"{pages} pages")
        news_indexes = [NewsIndexPage.objects.child_of(home).get() for home in [national, *homes]]
        section_homes = [national, *homes]
        news_rows, content_rows = [], []
        for number in range(pages):
            words = rng.sample(VOCABULARY, 5)
            title = f"{words[0].capitalize()} et {words[1]} : rencontre {number}"
            if number % 2:
                news_rows.append(
                    (
                        news_indexes[number % len(news_indexes)],
                        {
                            "title": title,
                            "slug": f"actualite-{number}",
                            "date": today - datetime.timedelta(days=number % 700),
                            "summary": "Une actualité sur " + ", ".join(words) + ".",
                            "body": [],
                        },
                    )
                )
            else:
                content_rows.append(
                    (
                        section_homes[number % len(section_homes)],
                        {
                            "title": title,
                            "slug": f"page-{number}",
                            "intro": "Ressources sur " + ", ".join(words) + ".",
                            "body": [],
                        },
                    )
                )
        builder.insert(NewsArticlePage, news_rows)
        builder.insert(ContentPage, content_rows)
        builder.update_numchild()
    return len(structures)


# Measuring -----------------------------------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict:
    return {
        "p50": statistics.median(values),
        "p95": percentile(values, 0.95),
        "max": max(values),
        "count": len(values),
    }


def timed_get(client, path: str, params: dict) -> tuple[float, object]:
    started = time.perf_counter()
    response = client.get(path, params)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, params, response.status_code)
    return elapsed, response


def measure(repeat: int) -> dict:
    """Three measures per site: the whole results page, the search's own work (engine and promotions, no
    template), and the page without a query (the shell every page pays: header, menus, footer)."""
    from django.test import Client

    hosts = {"national": "localhost", "departement": f"{DEPARTMENT_CODES[0]}.localhost"}
    timings = {"search": [], "engine": [], "baseline": [], "suggest": []}
    cut, per_query = 0, {}
    for scope, host in hosts.items():
        client = Client(HTTP_HOST=host)
        timed_get(client, "/recherche/", {})
        timings["baseline"] += [timed_get(client, "/recherche/", {})[0] for _ in range(repeat)]
        for query in SEARCH_QUERIES:
            timed_get(client, "/recherche/", {"q": query})  # warm-up (plans, caches)
            times = [timed_get(client, "/recherche/", {"q": query})[0] for _ in range(repeat)]
            timings["search"] += times
            engine_times = [time_engine(host, query) for _ in range(repeat)]
            timings["engine"] += engine_times
            if scope == "national":
                per_query[query] = summary(times) | {"engine_p50": statistics.median(engine_times)}
        for query in SUGGEST_QUERIES:
            timed_get(client, "/recherche/suggestions/", {"q": query})
            for _ in range(repeat):
                elapsed, response = timed_get(client, "/recherche/suggestions/", {"q": query})
                timings["suggest"].append(elapsed)
                cut += not response.json()["complete"]
    result = {name: summary(values) for name, values in timings.items()}
    result["suggest"]["cut"] = cut
    return result | {"per_query": per_query}


def time_engine(host: str, text: str) -> float:
    from django.test import RequestFactory

    from core.sections import section_for_request
    from search import engine
    from search.kinds import Scope
    from search.promotions import promotions_for
    from search.query import SearchQuery
    from search.views import RESULTS_PER_KIND

    section = section_for_request(RequestFactory(HTTP_HOST=host).get("/recherche/"))
    started = time.perf_counter()
    scope, query = Scope.for_section(section), SearchQuery.parse(text)
    engine.overview(scope, query, RESULTS_PER_KIND)
    promotions_for(scope, query, is_national=section.is_national)
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
