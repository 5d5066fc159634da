#!/usr/bin/env python
"""Benchmark of the annuaire: server time of its pages and API with N synthetic promeneurs.

A script, not a test. It builds a throwaway database (an SQLite file under /tmp by default, or the
PostgreSQL database given by --database-url, dropped and re-created), runs the migrations, loads the commune
reference, creates a dozen département sites and N fictional promeneurs (ten per structure) with bulk
inserts, indexes them in Wagtail's search backend, then times requests through Django's test Client
(in-process: URL routing, Wagtail page serving, queries and template rendering; no network, no web server)
and prints p50/p95 per scenario.

    .venv/bin/python benchmarks/annuaire.py                     # 50,000 promeneurs, SQLite under /tmp
    .venv/bin/python benchmarks/annuaire.py --n 5000 --requests 100
    .venv/bin/python benchmarks/annuaire.py --database-url postgres://postgres@127.0.0.1:5432/pdn_bench_annuaire
    .venv/bin/python benchmarks/annuaire.py --reuse             # time again without rebuilding the data

The database is left in place afterwards (for --reuse and EXPLAIN); delete it when done.
Results and the exact commands are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = "/tmp/pdn-benchmark-annuaire.sqlite3"
#: Départements of the synthetic network (each gets its own site, NN.localhost).
DEPARTMENTS = ["18", "93", "17", "04", "62", "33", "69", "13", "59", "44", "35", "31"]
PER_STRUCTURE = 10
FOURTEEN, SEVENTEEN = datetime.time(14), datetime.time(17)
BATCH = 2000

FIRST_NAMES = (
    "Léa Karim Inès Thomas Aïcha Hugo Manon Yanis Chloé Mehdi Camille Lucas Sarah Nathan Jade Rayan Zoé Malik Emma "
    "Louis Nour Théo Lina Adam Clara Sacha Maëlys Ibrahim Julie Enzo Alice Moussa Anaïs Noé Salomé Ilyes Lou Jules "
    "Fatou Paul"
).split()
JOB_TITLES = [
    "Animatrice jeunesse",
    "Animateur jeunesse",
    "Éducatrice spécialisée",
    "Éducateur de prévention",
    "Conseillère en insertion",
    "Référente famille",
    "Médiateur numérique",
    "Informatrice jeunesse",
    "Psychologue",
    "Infirmière scolaire",
]
STRUCTURE_WORDS = (
    "Tilleuls Moulin Source Canal Hirondelles Passerelles Cèdres Rives Lavoir Grand Pré Horizon".split()
)
STRUCTURE_KINDS = [
    ("centre-social", "Centre social"),
    ("mjc", "MJC"),
    ("mission-locale", "Mission locale"),
    ("information-jeunesse", "Point information jeunesse"),
    ("espace-de-vie-sociale", "Espace de vie sociale"),
    ("association", "Association"),
]
PLATFORM_URLS = {
    "instagram": "https://www.instagram.com/{}/",
    "facebook": "https://www.facebook.com/{}",
    "snapchat": "https://www.snapchat.com/add/{}",
    "tiktok": "https://www.tiktok.com/@{}",
}


# --- environment ------------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=50_000, help="number of promeneurs (default 50,000)")
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}", help="throwaway database")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per scenario (default 60)")
    parser.add_argument("--reuse", action="store_true", help="keep the existing data, only migrate and time")
    parser.add_argument("--seed", type=int, default=20261122)
    return parser.parse_args(argv)


def reset_database(url: str) -> None:
    """Start from an empty database: delete the SQLite file, or drop and create the PostgreSQL database."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    if not name.startswith(("pdn_bench", "pdn-bench")):
        sys.exit(f"Refusing to drop database {name!r}: benchmark databases must be named pdn_bench…")
    admin = psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    )
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        # The production recommendation for SSD storage (README, "Deploying"): the planner then reads a few
        # rows through an index rather than hashing a whole table.
        admin.execute(f'ALTER DATABASE "{name}" SET random_page_cost = 1.1')


def setup_django(url: str) -> None:
    # The test settings (fast hashing, media under /tmp, no debug) with this database.
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- building the data ------------------------------------------------------------------------------------


def insert_child_rows(model, instances) -> None:
    """INSERT the rows of a page model's own table (Django's bulk_create refuses multi-table inheritance)."""
    from django.db import connection

    fields = [field for field in model._meta.local_concrete_fields]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    rows = [
        [field.get_db_prep_save(getattr(instance, field.attname), connection) for field in fields]
        for instance in instances
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def bulk_create_pages(parent, instances) -> None:
    """Create published child pages of ``parent`` in bulk, with the tree columns treebeard would compute
    (path, depth, numchild, url_path) so that Wagtail routes to and serves them normally."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from wagtail.models import Page

    if not instances:
        return
    model = type(instances[0])
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    parent.refresh_from_db(fields=["numchild"])
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    for offset, page in enumerate(instances, start=parent.numchild + 1):
        page.path = Page._get_path(parent.path, parent.depth + 1, offset)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.draft_title = page.title
        page.translation_key = uuid.uuid4()
        page.first_published_at = page.last_published_at = now
    bases = [
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields}) for page in instances
    ]
    Page.objects.bulk_create(bases, batch_size=BATCH)
    for page, base in zip(instances, bases, strict=True):
        page.id = page.page_ptr_id = base.id
    insert_child_rows(model, instances)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(instances))


def weighted_communes(code: str, rng: random.Random):
    from geo.models import Commune

    communes = list(
        Commune.objects.filter(department_code=code).exclude(latitude=None).order_by("-population")[:150]
    )
    weights = [
        max(commune.population or 1, 1) ** 0.5 for commune in communes
    ]  # towns get more, villages some
    return communes, weights


def build_structures(department_sites, count: int, rng: random.Random):
    from directory.factories import annuaire_of
    from directory.models import StructurePage

    structures = []
    for position, site in enumerate(department_sites):
        indexes = range(position, count, len(department_sites))
        communes, weights = weighted_communes(site.department.code, rng)
        annuaire = annuaire_of(site)
        batch = []
        for index in indexes:
            commune = rng.choices(communes, weights)[0]
            kind, label = STRUCTURE_KINDS[index % len(STRUCTURE_KINDS)]
            title = f"{label} {rng.choice(STRUCTURE_WORDS)} {commune.name}"
            batch.append(
                StructurePage(
                    title=title,
                    slug=f"structure-{index}",
                    structure_type=kind,
                    commune=commune,
                    postcode=commune.main_postcode,
                    address=f"{index % 90 + 1} rue des Promeneurs",
                    email=f"structure{index}@structure.invalid",
                    department=site.department,
                )
            )
        bulk_create_pages(annuaire, batch)
        structures += batch
    return structures


def build_promeneurs(structures, count: int, rng: random.Random, photo) -> list:
    from directory.models import (
        MissionTag,
        Permanence,
        PromeneurPage,
        PromeneurStatus,
        SocialProfile,
        TaggedMission,
        TaggedTheme,
        ThemeTag,
    )
    from directory.social import normalise_profile

    missions = {tag.slug: tag for tag in MissionTag.objects.all()}
    themes = list(ThemeTag.objects.all())
    statuses = (
        [PromeneurStatus.ACTIVE] * 95 + [PromeneurStatus.APPLICANT] * 3 + [PromeneurStatus.SUSPENDED] * 2
    )
    number = 0
    for structure in structures:
        if number >= count:
            break
        pages = []
        for _ in range(min(PER_STRUCTURE, count - number)):
            first_name = rng.choice(FIRST_NAMES)
            job = rng.choice(JOB_TITLES)
            pages.append(
                PromeneurPage(
                    title=f"{first_name}, {job.lower()}",
                    slug=f"promeneur-{number}",
                    first_name=first_name,
                    last_name="Fictif",
                    job_title=job,
                    status=rng.choice(statuses),
                    structure_id=structure.pk,
                    department_id=structure.department_id,
                    photo=photo if number % 2 else None,
                    contact_instructions="Écrivez-moi en message privé.",
                )
            )
            number += 1
        bulk_create_pages(structure, pages)
        tagged_missions, tagged_themes, profiles, slots = [], [], [], []
        for page in pages:
            draw = rng.random()
            slugs = (
                ["jeunesse"]
                if draw < 0.6
                else ["parentalite"]
                if draw < 0.85
                else ["jeunesse", "parentalite"]
            )
            tagged_missions += [
                TaggedMission(tag=missions[slug], content_object_id=page.pk) for slug in slugs
            ]
            tagged_themes += [
                TaggedTheme(tag=theme, content_object_id=page.pk) for theme in rng.sample(themes, 2)
            ]
            for order, platform in enumerate(rng.sample(list(PLATFORM_URLS), rng.randint(1, 3))):
                handle = f"{page.slug.replace('-', '.')}.{platform}"
                url = PLATFORM_URLS[platform].format(handle)
                profiles.append(
                    SocialProfile(
                        promeneur_id=page.pk,
                        sort_order=order,
                        platform=platform,
                        handle=handle,
                        url=url,
                        normalised_key=normalise_profile(url, platform) or "",
                    )
                )
            slots.append(
                Permanence(
                    promeneur_id=page.pk, weekday=rng.randint(0, 6), start_time=FOURTEEN, end_time=SEVENTEEN
                )
            )
        TaggedMission.objects.bulk_create(tagged_missions)
        TaggedTheme.objects.bulk_create(tagged_themes)
        SocialProfile.objects.bulk_create(profiles)
        Permanence.objects.bulk_create(slots)
    return number


def index_promeneurs() -> None:
    """Add every promeneur to the search backend's index, in chunks (what update_index does for one model)."""
    from wagtail.search.backends import get_search_backend

    from directory.models import PromeneurPage

    index = get_search_backend().get_index_for_model(PromeneurPage)
    queryset = PromeneurPage.get_indexed_objects().order_by("pk")
    last_pk = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last_pk)[:1000])
        if not chunk:
            return
        index.add_items(PromeneurPage, chunk)
        last_pk = chunk[-1].pk


def build(n: int, seed: int) -> None:
    import wagtail_factories
    from django.db import transaction

    from core.navigation import tree_changed
    from geo.importer import import_communes
    from network.provisioning import create_department_site, ensure_national_site

    rng = random.Random(seed)
    started = time.perf_counter()
    ensure_national_site(hostname="localhost", port=80)
    communes, _links = import_communes()
    print(f"  {communes} communes imported ({time.perf_counter() - started:.0f} s)")
    sites = [create_department_site(code, hostname=f"{code}.localhost") for code in DEPARTMENTS]
    photo = wagtail_factories.ImageFactory(title="Portrait fictif")
    with transaction.atomic():
        structures = build_structures(sites, max(1, -(-n // PER_STRUCTURE)), rng)
        print(f"  {len(structures)} structures ({time.perf_counter() - started:.0f} s)")
        created = build_promeneurs(structures, n, rng, photo)
        print(f"  {created} promeneurs ({time.perf_counter() - started:.0f} s)")
    tree_changed()  # bulk inserts send no signal: tell the processes' navigation memo the tree changed
    index_promeneurs()
    print(f"  search index built ({time.perf_counter() - started:.0f} s)")
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum would have done by the time anyone searches. SQLite is left without ANALYZE, as
        # Django leaves it: with statistics, SQLite assumes empty tables (page view restrictions) are huge
        # and scans the whole page tree to join them.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


# --- timing -----------------------------------------------------------------------------------------------


def scenarios():
    from directory.models import PromeneurPage, SocialProfile
    from geo.models import Commune

    biggest = Commune.objects.filter(department_code=DEPARTMENTS[0]).order_by("-population").first()
    listed = PromeneurPage.objects.publicly_listed().values("pk")
    profile = SocialProfile.objects.filter(promeneur__in=listed, platform="instagram").order_by("pk").first()
    return [
        ("national annuaire, page 1", "localhost", "/annuaire/", {}),
        ("text query q=animatrice", "localhost", "/annuaire/", {"q": "animatrice"}),
        ("mission + département", "localhost", "/annuaire/", {"mission": "parentalite", "departement": "93"}),
        (
            f"pres_de={biggest.main_postcode} (20 km)",
            "localhost",
            "/annuaire/",
            {"pres_de": biggest.main_postcode},
        ),
        ("API, page 1", "localhost", "/api/annuaire/", {}),
        ("département annuaire (18.localhost)", "18.localhost", "/annuaire/", {}),
        ("verification @handle", "localhost", "/verifier/", {"profil": f"instagram.com/{profile.handle}"}),
        # Reference: the site's shell (base.html: header, menus, legal pages, footer) around an empty form.
        ("reference: empty /verifier/ (site shell)", "localhost", "/verifier/", {}),
        # The first request after any change: nothing memoised under the new page-tree token (menus, cards).
        (f"{COLD}national annuaire, page 1", "localhost", "/annuaire/", {}),
        (f"{COLD}département annuaire", "18.localhost", "/annuaire/", {}),
    ]


#: Scenarios whose name starts so are timed as the first request after a change (see forget_memos).
COLD = "after a change: "


def forget_memos() -> None:
    """What a new page-tree token does to the memoised parts of a page, without writing to the database."""
    try:
        from core.navigation import forget
    except ImportError:  # the tree before issue #13 (benchmarks/README.md compares the two)
        from home.navigation import forget
    forget()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_scenarios(requests: int):
    """Wall-clock and CPU time of each scenario. CPU time (of this process: Django, and SQLite which runs
    in-process) is reported beside wall-clock time because a shared machine's load inflates the latter; with
    PostgreSQL the database server's CPU is not in it, so only the wall-clock time is comparable."""
    from django.db import connection
    from django.test import Client

    load_before = os.getloadavg()[0]
    results = []
    for name, host, path, params in scenarios():
        client = Client(HTTP_HOST=host)
        for _ in range(3):  # warm-up: caches (site root paths), renditions, database pages
            response = client.get(path, params)
            assert response.status_code == 200, (name, response.status_code)
        wall, cpu = [], []
        for _ in range(requests):
            if name.startswith(COLD):
                forget_memos()
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path, params)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200
        results.append((name, wall, cpu))
    load_after = os.getloadavg()[0]
    print(
        f"\n{connection.vendor}, {requests} requests per scenario, in-process server time in ms "
        f"(load average {load_before:.1f} → {load_after:.1f} on {os.cpu_count()} CPUs):"
    )
    print(f"  {'scenario':42} {'wall p50':>9} {'wall p95':>9} {'cpu p50':>8} {'cpu p95':>8}")
    for name, wall, cpu in results:
        p50, p95 = statistics.median(wall), percentile(wall, 0.95)
        cpu50, cpu95 = statistics.median(cpu), percentile(cpu, 0.95)
        flag = "" if p95 <= 50 else "  > 50 ms"
        print(f"  {name:42} {p50:9.1f} {p95:9.1f} {cpu50:8.1f} {cpu95:8.1f}{flag}")
    return results


def check_served() -> None:
    """Bulk-created pages must be real Wagtail pages: a profile is served by its département's site."""
    from django.test import Client

    from directory.models import PromeneurPage

    promeneur = PromeneurPage.objects.publicly_listed().select_related("department").order_by("pk").first()
    site_path = promeneur.url_path.split(f"/{promeneur.department.slug}", 1)[1]
    response = Client(HTTP_HOST=f"{promeneur.department.code.lower()}.localhost").get(site_path)
    assert response.status_code == 200, response.status_code
    assert promeneur.first_name in response.content.decode()


def main(argv=None) -> None:
    args = parse_args(argv)
    if not args.reuse:
        reset_database(args.database_url)
    setup_django(args.database_url)
    from django.core.management import call_command

    from directory.models import PromeneurPage

    print(f"Database: {args.database_url}")
    call_command("migrate", verbosity=0)
    if not args.reuse or not PromeneurPage.objects.exists():
        print(f"Building {args.n:,} promeneurs…")
        build(args.n, args.seed)
    listed = PromeneurPage.objects.publicly_listed().count()
    print(f"{PromeneurPage.objects.count():,} promeneurs, {listed:,} publicly listed")
    check_served()
    time_scenarios(args.requests)


if __name__ == "__main__":
    main()
