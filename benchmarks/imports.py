#!/usr/bin/env python
"""Benchmark of the annuaire import: N rows (N promeneurs in N/10 structures) checked and imported, next to a
reference measured in the same run: saving the same number of published pages with the project's factories.

A script, not a test. It builds a throwaway SQLite database under /tmp (re-created each run), runs the
migrations, creates the Cher's site and its communes, then times, each inside a transaction rolled back:

1. reference: ``make_structure``/``make_promeneur`` (published pages with a revision) for N promeneurs;
2. the import: reading the CSV, the preview (``Checker.check``) and ``apply`` (published, revisions, audit log).

    .venv/bin/python benchmarks/imports.py            # 2,000 rows
    .venv/bin/python benchmarks/imports.py --n 500
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "/tmp/pdn-benchmark-imports.sqlite3"
PER_STRUCTURE = 10


class Rollback(Exception):
    pass


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2000, help="rows (promeneurs) to import")
    parser.add_argument("--no-reference", action="store_true", help="time the import only")
    parser.add_argument("--profile", metavar="FILE", help="write a cProfile of the import to FILE")
    args = parser.parse_args(argv)
    Path(DATABASE).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection, transaction

    from directory.factories import annuaire_of, make_promeneur, make_structure
    from directory.models import PromeneurPage
    from geo.factories import known_commune
    from imports.columns import HEADERS
    from imports.plan import Checker, apply
    from imports.tabular import read_upload, write_csv
    from network.provisioning import create_department_site, ensure_national_site

    call_command("migrate", verbosity=0)
    ensure_national_site(hostname="localhost", port=80)
    cher = create_department_site("18", hostname="18.localhost")
    communes = [known_commune(key) for key in ("bourges", "vierzon", "saint-amand-montrond")]
    user = get_user_model().objects.create_superuser("bench", "bench@exemple.invalid", "x")
    n = args.n

    def reference():
        structure = None
        for i in range(n):
            if i % PER_STRUCTURE == 0:
                structure = make_structure(
                    annuaire_of(cher), title=f"Structure témoin {i}", commune=communes[i % 3]
                )
            make_promeneur(structure, first_name=f"Témoin{i}", profiles=[], permanences=[])

    rows = []
    for i in range(n):
        s = i // PER_STRUCTURE
        values = {
            "Département": "18",
            "Structure": f"Structure importée {s}",
            "Type de structure": "Centre social",
            "Adresse": f"{s} rue du Banc",
            "Commune": communes[s % 3].name,
            "Prénom": f"Prénom{i}",
            "Nom": "Martin",
            "Métier": "Animatrice jeunesse",
            "Missions": "Jeunesse",
            "Thèmes": "Santé ; Loisirs, sports et culture",
            "Statut": "Actif",
            "Profils en ligne": f"https://www.instagram.com/bench.pdn{i}/",
            "Permanences": "mercredi 14:00-17:00 (Instagram)",
            "Charte signée le": "01/02/2024",
        }
        rows.append([values.get(header, "") for header in HEADERS])
    content = write_csv(HEADERS, rows)

    def run_import():
        table = read_upload(SimpleUploadedFile("bench.csv", content))
        started = time.perf_counter()
        plan = Checker(cher.department, user).check(table)
        checked = time.perf_counter() - started
        assert plan.is_valid, plan.errors[:3]
        apply(plan, user, publish=True)
        assert PromeneurPage.objects.filter(first_name__startswith="Prénom").count() == n
        return checked

    queries = {"n": 0}

    def count(execute, sql, params, many, context):
        queries["n"] += 1
        return execute(sql, params, many, context)

    def timed(function):
        queries["n"] = 0
        started = time.perf_counter()
        result = None
        try:
            with connection.execute_wrapper(count), transaction.atomic():
                result = function()
                raise Rollback
        except Rollback:
            pass
        return time.perf_counter() - started, result

    print(f"{n:,} rows, {n // PER_STRUCTURE:,} structures, SQLite {DATABASE}")
    if not args.no_reference:
        reference_time, _ = timed(reference)
        print(
            f"reference: factories, {n:,} published promeneurs + structures: {reference_time:6.1f} s, "
            f"{queries['n']:,} queries"
        )
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        import_time, checked = profiler.runcall(timed, run_import)
        profiler.dump_stats(args.profile)
    else:
        import_time, checked = timed(run_import)
    print(
        f"import: preview {checked:5.1f} s, preview + import {import_time:6.1f} s (target < 30 s), "
        f"{queries['n']:,} queries"
    )
    if not args.no_reference:
        print(f"import / reference: {import_time / reference_time:.2f}")


if __name__ == "__main__":
    main()
