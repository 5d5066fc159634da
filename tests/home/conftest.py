"""What the language tests share (test_i18n.py, test_english_national.py): the English texts of the national
pages, a client on a host, the catalogue script, and compiled catalogues."""

import importlib.util
from pathlib import Path

import pytest
from django.test import Client
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[2]

ENGLISH = {
    "Promeneurs du Net": "Promeneurs du Net",
    "Des professionnels de la jeunesse et de la parentalité présents sur les réseaux sociaux.": (
        "Youth and parenting professionals present on social networks."
    ),
    "Annuaire des promeneurs": "Directory of promeneurs",
    "Trouvez un ou une promeneuse du Net près de chez vous, dans tout le réseau.": (
        "Find a Promeneur du Net near you, across the whole network."
    ),
    "Actualités": "News",
    "Les nouvelles du réseau national et des départements.": "News from the national network and départements.",
    "Mentions légales": "Legal notice",
    "Déclaration d'accessibilité": "Accessibility statement",
    "Données personnelles": "Personal data",
}


def get(path, host="localhost", **extra):
    return Client(HTTP_HOST=host).get(path, **extra)


def translations_script():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", autouse=True)
def _compiled_catalogue():
    """`make install` compiles the catalogues; compile here too when missing or stale, so a module also runs
    on its own (Django caches catalogues per process: drop its cache after compiling)."""
    po = ROOT / "site/locale/en/LC_MESSAGES/django.po"
    mo = po.with_suffix(".mo")
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        translations_script().compile_all()
        trans_real._translations.clear()
