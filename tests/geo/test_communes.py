import pytest
from django.core.management import call_command

from core.text import fold
from geo.distance import haversine_km
from geo.importer import ensure_communes
from geo.lookup import find_commune
from geo.models import Commune, PostcodeCommune


def test_fold():
    assert fold("Saint-Étienne-du-Rouvray") == "saint etienne du rouvray"
    assert fold("L’Île-Saint-Denis") == "l ile saint denis"


def test_haversine_paris_lyon():
    assert haversine_km(48.8566, 2.3522, 45.764, 4.8357) == pytest.approx(392, abs=3)


@pytest.mark.django_db
def test_ensure_communes_is_idempotent_and_links_postcodes():
    first = ensure_communes(["18033", "93066"])
    again = ensure_communes(["18033", "93066"])
    assert first.keys() == again.keys() == {"18033", "93066"}
    assert Commune.objects.count() == 2
    assert set(
        PostcodeCommune.objects.filter(commune__insee_code="93066").values_list("postcode", flat=True)
    ) == {"93200", "93210", "93380"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed, insee",
    [
        ("18000", "18033"),
        ("bourges", "18033"),
        ("Bourges (18000)", "18033"),
        ("18033", "18033"),
        ("SAINT DENIS", "93066"),
        ("93210", "93066"),
    ],
)
def test_find_commune(typed, insee):
    ensure_communes(["18033", "93066", "18279"])
    assert find_commune(typed).commune.insee_code == insee


@pytest.mark.django_db
def test_unknown_commune_gives_suggestions():
    ensure_communes(["18033", "18279"])
    lookup = find_commune("bour")
    assert lookup.commune is None
    assert [c.insee_code for c in lookup.suggestions] == ["18033"]
    assert find_commune("zzzz").suggestions == []
    assert find_commune("").commune is None


@pytest.mark.django_db
def test_import_command_loads_every_commune_and_is_idempotent():
    call_command("import_communes", "--no-progress", verbosity=0)
    count = Commune.objects.count()
    call_command("import_communes", "--no-progress", verbosity=0)
    assert Commune.objects.count() == count > 34000
    paris_1er = Commune.objects.get(insee_code="75101")
    assert "75001" in paris_1er.postcode_list
