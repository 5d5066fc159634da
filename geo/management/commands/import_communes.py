import time
from pathlib import Path

from django.core.management.base import BaseCommand
from tqdm import tqdm

from geo.importer import DATA_FILE, import_communes, read_rows


class Command(BaseCommand):
    help = "Importe (ou met à jour) le référentiel des communes françaises depuis geo/data/communes.csv.gz."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="CSV gzip to read")
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar")

    def handle(self, *args, file: Path, no_progress: bool, verbosity: int, **options):
        started = time.monotonic()
        total = sum(1 for _row in read_rows(file))
        with tqdm(total=total, unit=" communes", disable=no_progress or verbosity == 0) as progress:
            communes, links = import_communes(file, on_progress=progress.update)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{communes} communes et {links} codes postaux importés en {time.monotonic() - started:.1f} s."
                )
            )
