"""Load the 18 regions and 101 départements shipped in geo/data (see geo/data/README.md)."""

import csv
from pathlib import Path

from django.utils.text import slugify

from departments.grammar import forms_for

DATA_DIR = Path(__file__).resolve().parent.parent / "geo" / "data"


def _rows(name: str):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def sort_key_for(code: str) -> str:
    return {"2A": "20A", "2B": "20B"}.get(code, code.zfill(3))


def article_fields(Department, code: str) -> dict:
    """The article and preposition of a département (departments/grammar.py), for a model that has them
    (the historical model of migration 0002 does not)."""
    names = {field.name for field in Department._meta.get_fields()}
    if "article" not in names:
        return {}
    article, locative = forms_for(code)
    return {"article": article, "locative": locative}


def load_reference_departments(Region, Department) -> int:
    """Idempotent upsert; takes the model classes so data migrations can pass their historical models."""
    regions = {}
    for row in _rows("regions.csv"):
        regions[row["code"]], _ = Region.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"]}
        )
    count = 0
    for row in _rows("departements.csv"):
        Department.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "slug": slugify(row["name"]),
                "region": regions[row["region_code"]],
                "sort_key": sort_key_for(row["code"]),
                **article_fields(Department, row["code"]),
            },
        )
        count += 1
    return count
