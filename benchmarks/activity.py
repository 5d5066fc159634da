#!/usr/bin/env python
"""Benchmark of the network-wide activity indicators (issue #16): a year of monthly reports for N promeneurs.

A script, not a test. It creates (or reuses, when it already holds the data) a PostgreSQL database, runs the
migrations, builds the national site, every département's site, N/10 structures and N fictional promeneurs
(benchmarks/annuaire.py's bulk inserts), then twelve months of activity reports for each promeneur with their
per-network reach rows (bulk_create). It then checks the indicators against sums computed directly from the
tables, checks that the report queries read the reports' own denormalised columns only, and times the Cnaf's
network-wide indicators page for the year through Django's test Client (in-process: middleware, the admin's
view and template, queries; no web server), its XLSX export, a département's year, and two references
measured in the same run (the same page on a year without reports, and the admin's home).

    .venv/bin/python benchmarks/activity.py                       # postgres://…/pdn_bench_activity
    .venv/bin/python benchmarks/activity.py --runs 20
    .venv/bin/python benchmarks/activity.py --rebuild             # drop the database and build it again
    .venv/bin/python benchmarks/activity.py --database-url postgres://postgres@127.0.0.1:5432/pdn_bench_x

The database is left in place afterwards (the next run reuses it; EXPLAIN): drop it when done.
Results and the exact commands are in benchmarks/README.md ("Activity indicators (#16)").
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import annuaire  # noqa: E402  (benchmarks/annuaire.py: database reset, structures and promeneurs in bulk)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/pdn_bench_activity"
CHUNK = 1000  # promeneurs whose year of reports is inserted at once (12,000 reports, ~24,000 reach rows)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL") or DEFAULT_URL,
        help=f"PostgreSQL database named pdn_bench… (default: $DATABASE_URL, else {DEFAULT_URL})",
    )
    parser.add_argument("--n", type=int, default=50_000, help="number of promeneurs (default 50,000)")
    parser.add_argument(
        "--departments", type=int, default=101, help="départements with a site (default all 101)"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed requests per scenario (default 5)")
    parser.add_argument("--warm", type=int, default=1, help="untimed requests before them (default 1)")
    parser.add_argument("--rebuild", action="store_true", help="drop the database and build it again")
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument(
        "--resummarise", action="store_true", help="rebuild the summaries of the reports (activity.tallies)"
    )
    return parser.parse_args(argv)


def database_name(url: str) -> str:
    import dj_database_url

    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("This benchmark runs on PostgreSQL: give a postgres://… URL.")
    name = dj_database_url.parse(url)["NAME"]
    if not name.startswith(("pdn_bench", "pdn-bench")):
        sys.exit(f"Refusing to use database {name!r}: benchmark databases must be named pdn_bench…")
    return name


def database_exists(url: str) -> bool:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as admin:
        return (
            admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
            is not None
        )


# --- building the data ------------------------------------------------------------------------------------


def built_year(n: int) -> int | None:
    """The year of reports the database holds, if it holds the whole benchmark's data (else None)."""
    from django.db.models import Max, Min

    from activity.models import ActivityReport
    from directory.models import PromeneurPage

    if PromeneurPage.objects.count() != n:
        return None
    bounds = ActivityReport.objects.aggregate(first=Min("month"), last=Max("month"))
    if bounds["first"] is None or bounds["first"].year != bounds["last"].year:
        return None
    if ActivityReport.objects.count() != 12 * n:
        return None
    return bounds["first"].year


def build_network(n: int, departments: int, rng: random.Random) -> None:
    """The sites, N/10 structures and N promeneurs (missions, themes, one to three networks, half with a photo),
    as benchmarks/annuaire.py builds them, spread over the first ``departments`` départements."""
    import wagtail_factories
    from django.db import transaction

    from core.navigation import tree_changed
    from departments.models import Department
    from geo.importer import import_communes
    from network.provisioning import create_department_site, ensure_national_site

    started = time.perf_counter()
    ensure_national_site(hostname="localhost", port=80)
    communes, _links = import_communes()
    print(f"  {communes} communes imported ({time.perf_counter() - started:.0f} s)", flush=True)
    codes = list(Department.objects.order_by("sort_key").values_list("code", flat=True)[:departments])
    sites = []
    for code in codes:
        sites.append(create_department_site(code, hostname=f"{code.lower()}.localhost"))
    print(f"  {len(sites)} département sites ({time.perf_counter() - started:.0f} s)", flush=True)
    photo = wagtail_factories.ImageFactory(title="Portrait fictif")
    with transaction.atomic():
        structures = annuaire.build_structures(sites, max(1, -(-n // annuaire.PER_STRUCTURE)), rng)
        print(f"  {len(structures)} structures ({time.perf_counter() - started:.0f} s)", flush=True)
        created = annuaire.build_promeneurs(structures, n, rng, photo)
        print(f"  {created} promeneurs ({time.perf_counter() - started:.0f} s)", flush=True)
    tree_changed()  # bulk inserts send no signal


def build_reports(year: int, rng: random.Random) -> tuple[int, int]:
    """Twelve monthly reports of ``year`` for every promeneur, with one reach row per network of theirs.

    Each report points at its real PromeneurPage (what the form records; the (promeneur, month) constraint
    holds) and carries the facts the form's record_facts copies from it: name, département, structure,
    structure type, commune, missions. The figures follow make_year_of_reports (activity/factories.py):
    young people for Jeunesse, parents for Parentalité, fewer in July and August."""
    from django.db import transaction

    from activity.models import ActivityReach, ActivityReport, RequestKind
    from directory.models import PromeneurPage, SocialProfile, TaggedMission

    kinds = [value for value, _label in RequestKind.choices]
    months = [datetime.date(year, month, 1) for month in range(1, 13)]
    promeneurs = PromeneurPage.objects.order_by("pk").values_list(
        "pk",
        "first_name",
        "last_name",
        "show_last_name",
        "department_id",
        "structure_id",
        "structure__structure_type",
        "structure__commune_id",
    )
    ids = list(promeneurs.values_list("pk", flat=True))
    reports_count = reaches_count = 0
    started = time.perf_counter()
    for offset in range(0, len(ids), CHUNK):
        chunk = ids[offset : offset + CHUNK]
        missions: dict[int, set] = {}
        for promeneur_id, slug in TaggedMission.objects.filter(content_object_id__in=chunk).values_list(
            "content_object_id", "tag__slug"
        ):
            missions.setdefault(promeneur_id, set()).add(slug)
        platforms: dict[int, list] = {}
        for promeneur_id, platform in (
            SocialProfile.objects.filter(promeneur_id__in=chunk)
            .order_by("promeneur_id", "sort_order")
            .values_list("promeneur_id", "platform")
        ):
            if platform not in platforms.setdefault(promeneur_id, []):
                platforms[promeneur_id].append(platform)
        reports, reach_rows = [], []
        for pk, first, last, show_last, department, structure, structure_type, commune in promeneurs.filter(
            pk__in=chunk
        ):
            own = missions.get(pk, set())
            networks = platforms.get(pk) or ["instagram"]
            name = (f"{first} {last}".strip() if show_last else first)[:150]
            for month in months:
                season = 0.5 if month.month in (7, 8) else 1.0
                reach = []
                for platform in networks:
                    young = int(rng.randint(4, 30) * season) if "jeunesse" in own or not own else 0
                    parents = int(rng.randint(1, 12) * season) if "parentalite" in own else 0
                    reach.append((platform, young, parents))
                exchanges = sum(y + p for _platform, y, p in reach) + rng.randint(0, 15)
                reports.append(
                    ActivityReport(
                        promeneur_id=pk,
                        promeneur_name=name,
                        month=month,
                        department_id=department,
                        structure_id=structure,
                        structure_type=structure_type or "",
                        commune_id=commune,
                        youth="jeunesse" in own,
                        parenting="parentalite" in own,
                        hours_online=Decimal(str(rng.choice([4, 6, 8, 10, 12, 16]) * season)),
                        exchanges=exchanges,
                        in_person_meetings=rng.randint(0, max(1, exchanges // 10)),
                        projects_started=rng.randint(0, 2),
                        request_kinds=rng.sample(kinds, rng.randint(1, 3)),
                        needs_support=rng.random() < 0.04,
                    )
                )
                reach_rows.append(reach)
        with transaction.atomic():
            ActivityReport.objects.bulk_create(reports, batch_size=2000)
            reaches = [
                ActivityReach(report_id=report.pk, platform=platform, young_people=young, parents=parents)
                for report, reach in zip(reports, reach_rows, strict=True)
                for platform, young, parents in reach
            ]
            ActivityReach.objects.bulk_create(reaches, batch_size=5000)
        reports_count += len(reports)
        reaches_count += len(reaches)
        if (offset // CHUNK) % 10 == 9 or offset + CHUNK >= len(ids):
            print(
                f"  {reports_count:,} reports, {reaches_count:,} reach rows "
                f"({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
    return reports_count, reaches_count


def summarise() -> None:
    """The summaries the indicators read, from the reports (bulk inserts send no signal)."""
    from activity import tallies

    started = time.perf_counter()
    count = tallies.rebuild()
    print(f"  summaries: {count:,} tallies rebuilt in {time.perf_counter() - started:.0f} s", flush=True)


def time_one_report_saved(year: int, runs: int) -> None:
    """What a report's save adds at this scale: the rewrite of its promeneur's year and its département's
    months (activity.tallies), beside the save itself, timed on one report of the network."""
    from django.db import transaction

    from activity import tallies
    from activity.models import ActivityReport

    report = ActivityReport.objects.filter(month__year=year).order_by("pk")[len(str(year))]
    saves, rewrites = [], []
    for _ in range(runs):
        with transaction.atomic():
            with tallies.deferred():
                started = time.perf_counter()
                report.exchanges += 1
                report.save()
                saved = time.perf_counter()
            rewrites.append((time.perf_counter() - saved) * 1000)
            saves.append((saved - started) * 1000)
    report.exchanges -= runs  # the data stays as built
    report.save()
    print(
        f"One report saved, {runs} times: the save {statistics.median(saves):.1f} ms p50, the rewrite of its "
        f"summaries {statistics.median(rewrites):.1f} ms p50 (max {max(rewrites):.1f})."
    )


def cnaf_user():
    """A Cnaf national editor, as tests/accounts/world.py builds one (accounts.factories.cnaf_editor)."""
    from django.contrib.auth import get_user_model

    from accounts.factories import cnaf_editor

    user = get_user_model().objects.filter(username="bench-cnaf").first()
    return user or cnaf_editor(username="bench-cnaf")


# --- checks -----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def recorded_sql():
    """Every statement run inside, with its duration in ms: [(sql, ms)]."""
    from django.db import connection

    statements = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((sql, (time.perf_counter() - started) * 1000))

    with connection.execute_wrapper(record):
        yield statements


def check_figures(year: int) -> None:
    """The indicators of the year equal sums computed directly from the tables (the figures the page shows,
    whatever the way compute() gets them), and the report queries never join the promeneurs' pages."""
    from collections import Counter

    from django.db.models import Count, Sum

    from activity.indicators import by_department, compute, year_period
    from activity.models import ActivityReach, ActivityReport
    from dashboard.scope import network_departments

    period = year_period(year)
    departments = network_departments()
    with recorded_sql() as statements:
        result = compute(departments, period)
        table = by_department(departments, period)
    reports = ActivityReport.objects.filter(month__year=year)
    reach = ActivityReach.objects.filter(report__month__year=year)
    expected = reports.aggregate(
        n=Count("pk"), promeneurs=Count("promeneur", distinct=True), exchanges=Sum("exchanges")
    )
    reached = reach.aggregate(young=Sum("young_people"), parents=Sum("parents"))
    assert (result.reports, result.promeneurs_reporting, result.exchanges) == (
        expected["n"],
        expected["promeneurs"],
        expected["exchanges"],
    ), (result.reports, result.promeneurs_reporting, result.exchanges, expected)
    assert (result.young_people, result.parents) == (reached["young"], reached["parents"])
    assert sum(row["young"] for row in result.by_month) == reached["young"]
    assert sum(row["reports"] for row in result.by_month) == expected["n"]
    assert sum(row["young"] + row["parents"] for row in result.by_network) == result.people_reached
    assert sum(row["young"] + row["parents"] for row in result.by_commune) == result.people_reached
    assert sum(row["exchanges"] for row in result.by_structure_type) == result.exchanges
    assert sum(row["exchanges"] for row in table) == result.exchanges
    assert sum(row["young"] for row in table) == result.young_people
    youth = reports.filter(youth=True).aggregate(n=Count("pk"), promeneurs=Count("promeneur", distinct=True))
    assert (result.by_mission[0]["reports"], result.by_mission[0]["promeneurs"]) == (
        youth["n"],
        youth["promeneurs"],
    )
    kinds = Counter(kind for kinds in reports.values_list("request_kinds", flat=True) for kind in kinds)
    assert {row["key"]: row["reports"] for row in result.request_kinds} == dict(kinds)
    assert result.previous is not None and result.previous.empty
    joined = [
        sql for sql, _ms in statements if "activity_activity" in sql and "directory_promeneurpage" in sql
    ]
    assert not joined, joined
    slowest = sorted(statements, key=lambda item: -item[1])[:5]
    print(
        f"Figures checked: {result.reports:,} reports, {result.promeneurs_reporting:,} promeneurs reporting, "
        f"{result.people_reached:,} people reached, {len(result.by_commune):,} communes, "
        f"{len(table)} départements; no report query joins the promeneurs' pages."
    )
    print(
        f"compute() + by_department(): {len(statements)} statements, "
        f"{sum(ms for _sql, ms in statements):.0f} ms of SQL; slowest:"
    )
    for sql, ms in slowest:
        print(f"  {ms:7.1f} ms  {' '.join(sql.split())[:150]}")


# --- timing -----------------------------------------------------------------------------------------------


#: What the indicators view calls, timed apart inside each request when activity.views has it.
VIEW_PARTS = ("compute", "by_department", "population_coverage", "participation")


@contextlib.contextmanager
def timed_view_parts():
    """{name: [ms, …]}: the time of each of VIEW_PARTS inside the requests made meanwhile (the view module's
    own references are wrapped, then put back)."""
    from activity import views

    spent = {name: [] for name in VIEW_PARTS if hasattr(views, name)}
    originals = {name: getattr(views, name) for name in spent}

    def wrap(name, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name].append((time.perf_counter() - started) * 1000)

        return timed

    for name, function in originals.items():
        setattr(views, name, wrap(name, function))
    try:
        yield spent
    finally:
        for name, function in originals.items():
            setattr(views, name, function)


def time_scenarios(year: int, runs: int, warm: int) -> list[tuple]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from core.navigation import tree_changed
    from dashboard.scope import network_departments

    client = Client(HTTP_HOST="localhost")
    client.force_login(cnaf_user())
    page = reverse("activity:indicators")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    codes = list(network_departments().values_list("code", flat=True))
    code = "18" if "18" in codes else codes[0]
    scenarios = [
        (f"network indicators, year {year}", page, {"annee": year}, "text/html", None),
        # A page published since the last request: the coverage and the profiles' figures, memoised under the
        # page tree's token, are computed again.
        (f"network, year {year}, after a page change", page, {"annee": year}, "text/html", tree_changed),
        (f"network XLSX export, year {year}", page, {"annee": year, "format": "xlsx"}, xlsx, None),
        (f"département {code}, year {year}", page, {"annee": year, "departement": code}, "text/html", None),
        (f"reference: network, year {year - 1} (no report)", page, {"annee": year - 1}, "text/html", None),
        ("reference: admin home (dashboard)", reverse("wagtailadmin_home"), {}, "text/html", None),
    ]
    load_before = os.getloadavg()[0]
    results = []
    for name, path, params, content_type, before_each in scenarios:
        for _ in range(warm):
            response = client.get(path, params)
            assert response.status_code == 200, (name, response.status_code)
            assert response["Content-Type"].startswith(content_type), (name, response["Content-Type"])
        wall, cpu, sql, counts = [], [], [], []
        with timed_view_parts() as parts:
            for _ in range(runs):
                if before_each is not None:
                    before_each()
                with recorded_sql() as statements:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    response = client.get(path, params)
                    wall.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - started_cpu) * 1000)
                assert response.status_code == 200
                sql.append(sum(ms for _sql, ms in statements))
                counts.append(len(statements))
        if "reference" not in name and content_type == "text/html":
            assert "Aucun rapport" not in response.content.decode(), name
        # compute() runs twice a request (the period, then the previous one for the change): summed per request.
        per_request = {part: sum(times) / runs for part, times in parts.items() if times}
        results.append((name, wall, cpu, sql, counts[-1], len(response.content), per_request))
    load_after = os.getloadavg()[0]
    print(
        f"\n{connection.vendor}, {runs} timed requests per scenario after {warm} warm-up, in-process server "
        f"time in ms (load average {load_before:.1f} → {load_after:.1f} on {os.cpu_count()} CPUs):"
    )
    print(
        f"  {'scenario':46} {'wall p50':>9} {'wall max':>9} {'cpu p50':>8} {'SQL p50':>8} "
        f"{'queries':>7} {'size':>9}"
    )
    for name, wall, cpu, sql, count, size, _parts in results:
        flag = "  > 1 s" if max(wall) > 1000 else ""
        print(
            f"  {name:46} {statistics.median(wall):9.1f} {max(wall):9.1f} {statistics.median(cpu):8.1f} "
            f"{statistics.median(sql):8.1f} {count:7d} {size / 1024:7.0f} kB{flag}"
        )
    print("Inside the view, mean ms per request:")
    for name, *_figures, parts in results:
        if parts:
            print(f"  {name:46} " + ", ".join(f"{part} {ms:.0f}" for part, ms in parts.items()))
    return results


def main(argv=None) -> None:
    args = parse_args(argv)
    url = args.database_url
    name = database_name(url)
    fresh = args.rebuild or not database_exists(url)
    if fresh:
        annuaire.reset_database(url)  # drops, creates, random_page_cost = 1.1 (the README's SSD setting)
    annuaire.setup_django(url)
    from django.core.management import call_command
    from django.db import connection, connections

    print(f"Database: {name}")
    call_command("migrate", verbosity=0)
    year = None if fresh else built_year(args.n)
    if year is None:
        if not fresh:
            print("The database does not hold this benchmark's data: building it again.")
            connections.close_all()
            annuaire.reset_database(url)
            call_command("migrate", verbosity=0)
        year = datetime.date.today().year - 1
        rng = random.Random(args.seed)
        started = time.perf_counter()
        print(f"Building {args.n:,} promeneurs in {args.departments} départements…", flush=True)
        build_network(args.n, args.departments, rng)
        print(f"Building their reports of {year}…", flush=True)
        reports, reaches = build_reports(year, rng)
        summarise()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum would have done by the time anyone reads them
        print(f"Built: {reports:,} reports, {reaches:,} reach rows in {time.perf_counter() - started:.0f} s")
    else:
        print(f"Reusing the data: {args.n:,} promeneurs, {12 * args.n:,} reports of {year}")
        if args.resummarise:
            summarise()
    check_figures(year)
    time_scenarios(year, args.runs, args.warm)
    time_one_report_saved(year, args.runs)


if __name__ == "__main__":
    main()
