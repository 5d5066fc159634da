"""Load the ~35,000 communes shipped in geo/data/communes.csv.gz (see geo/data/README.md). Idempotent:
existing communes are updated in place, links to postcodes rebuilt, nothing else touched."""

import csv
import gzip
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from geo.models import Commune, PostcodeCommune
from geo.text import fold

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "communes.csv.gz"
BATCH_SIZE = 2000


def _float(value: str) -> float | None:
    return float(value) if value else None


def read_rows(path: Path = DATA_FILE):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


class Command(BaseCommand):
    help = "Importe (ou met à jour) le référentiel des communes françaises depuis geo/data/communes.csv.gz."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="CSV gzip to read")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar")

    def handle(self, *args, file: Path, no_progress: bool, verbosity: int, **options):
        started = time.monotonic()
        rows = list(read_rows(file))
        communes = [
            Commune(
                insee_code=row["insee"],
                name=row["name"],
                folded_name=fold(row["name"]),
                department_code=row["department_code"],
                postcodes=row["postcodes"],
                latitude=_float(row["latitude"]),
                longitude=_float(row["longitude"]),
                population=int(row["population"]) if row.get("population") else None,
            )
            for row in rows
        ]
        progress = tqdm(total=len(communes), unit=" communes", disable=no_progress or verbosity == 0)
        with transaction.atomic():
            for start in range(0, len(communes), BATCH_SIZE):
                batch = communes[start : start + BATCH_SIZE]
                Commune.objects.bulk_create(
                    batch,
                    update_conflicts=True,
                    unique_fields=["insee_code"],
                    update_fields=[
                        "name",
                        "folded_name",
                        "department_code",
                        "postcodes",
                        "latitude",
                        "longitude",
                        "population",
                    ],
                )
                progress.update(len(batch))
            progress.close()
            ids = dict(Commune.objects.values_list("insee_code", "id"))
            PostcodeCommune.objects.all().delete()
            links = [
                PostcodeCommune(postcode=postcode, commune_id=ids[row["insee"]])
                for row in rows
                for postcode in row["postcodes"].split()
            ]
            PostcodeCommune.objects.bulk_create(links, batch_size=BATCH_SIZE)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(communes)} communes et {len(links)} codes postaux importés "
                    f"en {time.monotonic() - started:.1f} s."
                )
            )
