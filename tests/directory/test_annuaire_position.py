"""« Autour de moi »: ``pres_de`` takes a "latitude,longitude" position, kept only rounded to about 1 km
(2 decimals) in the results, the links and the map; nonsense gets a French notice, never a 500."""

import json
import re

import pytest

from directory.annuaire import annuaire_query
from tests.directory.conftest import get

# Near Bourges' town hall, more precise than anyone should keep.
PRECISE = "47.081234,2.398765"


def test_a_position_orders_by_distance_and_is_kept_rounded(world):
    response = get("/annuaire/", host="18.localhost", pres_de=PRECISE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "à moins de 20 km de votre position" in page
    assert "47.081234" not in page and "2.398765" not in page
    assert 'value="47.08,2.40"' in page  # the field shows what is used
    cards = re.findall(r'class="promeneur-card__name"><a href="[^"]*">([^<]+)</a>', page)
    assert cards[:2] == ["Karim", "Léa"]  # Bourges first (town then first name at equal distance)
    here = json.loads(
        re.search(r'<script id="annuaire-map-here" type="application/json">(.*?)</script>', page)[1]
    )
    assert (here["lat"], here["lon"]) == (47.08, 2.4)
    assert "pres_de=47.08%2C2.40" in page and "pres_de=47.081234" not in page


@pytest.mark.parametrize("value", ["999,999", "91,2", "47.1,-181", "-90.5,0"])
def test_impossible_positions_are_explained_in_french(world, value):
    response = get("/annuaire/", host="18.localhost", pres_de=value)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Position « {value} » non comprise" in page
    assert "km de votre position" not in page


def test_the_query_service_reads_the_rounded_position(world):
    result = annuaire_query({"pres_de": PRECISE, "rayon": "5"}, None)  # no section: the whole network
    assert result.params.near_position
    assert result.params.pres_de == "47.08,2.40"
    assert {promeneur.first_name for promeneur in result.items} >= {"Léa", "Karim"}
    assert all(promeneur.distance_km < 5 for promeneur in result.items)
    assert "Commune introuvable" not in " ".join(result.notices)
