"""Load communes from the shipped file (geo/data/communes.csv.gz, see geo/data/README.md). Idempotent:
existing communes are updated in place and their postcode links rebuilt."""

import csv
import gzip
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import transaction

from core.navigation import tree_changed
from core.text import fold
from geo.models import Commune, PostcodeCommune

DATA_FILE = Path(__file__).resolve().parent / "data" / "communes.csv.gz"
BATCH_SIZE = 2000
UPDATED_FIELDS = [
    "name",
    "folded_name",
    "department_code",
    "postcodes",
    "latitude",
    "longitude",
    "population",
]


def read_rows(path: Path = DATA_FILE):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _float(value: str) -> float | None:
    return float(value) if value else None


def _commune(row: dict) -> Commune:
    return Commune(
        insee_code=row["insee"],
        name=row["name"],
        folded_name=fold(row["name"]),
        department_code=row["department_code"],
        postcodes=row["postcodes"],
        latitude=_float(row["latitude"]),
        longitude=_float(row["longitude"]),
        population=int(row["population"]) if row.get("population") else None,
    )


@transaction.atomic
def import_communes(
    path: Path = DATA_FILE,
    only: Iterable[str] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Upsert communes (all, or only the given INSEE codes); returns (communes, postcode links)."""
    wanted = set(only) if only is not None else None
    rows = [row for row in read_rows(path) if wanted is None or row["insee"] in wanted]
    communes = [_commune(row) for row in rows]
    for start in range(0, len(communes), BATCH_SIZE):
        batch = communes[start : start + BATCH_SIZE]
        Commune.objects.bulk_create(
            batch, update_conflicts=True, unique_fields=["insee_code"], update_fields=UPDATED_FIELDS
        )
        if on_progress:
            on_progress(len(batch))
    ids = dict(
        Commune.objects.filter(insee_code__in=[r["insee"] for r in rows]).values_list("insee_code", "id")
    )
    PostcodeCommune.objects.filter(commune_id__in=ids.values()).delete()
    links = [
        PostcodeCommune(postcode=postcode, commune_id=ids[row["insee"]])
        for row in rows
        for postcode in row["postcodes"].split()
    ]
    PostcodeCommune.objects.bulk_create(links, batch_size=BATCH_SIZE)
    # Bulk writes send no per-row signal: town names and postcodes shown by cached pages may have changed.
    tree_changed()
    return len(communes), len(links)


def ensure_communes(insee_codes: Iterable[str]) -> dict[str, Commune]:
    """The communes with these codes, loading the missing ones from the shipped file (demo, tests)."""
    codes = set(insee_codes)
    missing = codes - set(Commune.objects.filter(insee_code__in=codes).values_list("insee_code", flat=True))
    if missing:
        import_communes(only=missing)
    return {commune.insee_code: commune for commune in Commune.objects.filter(insee_code__in=codes)}
