"""Towns in suggestions: « Promeneurs près de Bourges » leads to the site's annuaire with ``pres_de``, and
``?type=communes`` answers the towns for a "près de" field's combobox (data-suggest="communes")."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import DatabaseError
from django.test import override_settings

from geo.factories import known_commune
from search import engine
from tests.search.world import client

pytestmark = pytest.mark.django_db

GENEROUS = override_settings(SEARCH_AUTOCOMPLETE_BUDGET_MS=5000)


def suggestions(q, host="localhost", **params):
    response = client(host).get("/recherche/suggestions/", {"q": q, **params})
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def towns(world):
    return {key: known_commune(key) for key in ("bourges", "bobigny", "saint-denis", "saint-amand-montrond")}


@GENEROUS
def test_a_town_name_suggests_the_annuaire_near_it(towns):
    data = suggestions("Bourg")
    first = data["results"][0]
    assert first["title"] == "Promeneurs près de Bourges"
    assert first["kind"] == "communes" and first["kind_label"] == "Annuaire"
    assert first["meta"] == "18000 · Cher"
    url = urlsplit(first["url"])
    assert url.path == "/annuaire/"
    assert parse_qs(url.query) == {"pres_de": ["Bourges (18000)"]}
    # The annuaire reads that value back as Bourges.
    annuaire = client().get(first["url"])
    assert annuaire.status_code == 200
    assert 'value="Bourges (18000)"' in annuaire.content.decode()


@GENEROUS
def test_town_suggestions_follow_the_site(towns):
    cher = suggestions("saint", host="18.localhost")["results"]
    assert [item["title"] for item in cher if item["kind"] == "communes"] == [
        "Promeneurs près de Saint-Amand-Montrond"
    ]
    assert urlsplit(cher[0]["url"]).path == "/annuaire/"
    national = suggestions("saint")["results"]
    # The most populated first, at most two beside the pages.
    assert [item["title"] for item in national if item["kind"] == "communes"] == [
        "Promeneurs près de Saint-Denis",
        "Promeneurs près de Saint-Amand-Montrond",
    ]


@GENEROUS
def test_the_communes_endpoint_fills_a_town_field(towns):
    data = suggestions("bo", type="communes")
    assert data["results"] == [  # the most populated first
        {"title": "Bourges (18000)", "value": "Bourges (18000)", "kind": "communes", "kind_label": "",
         "meta": "Cher"},
        {"title": "Bobigny (93000)", "value": "Bobigny (93000)", "kind": "communes", "kind_label": "",
         "meta": "Seine-Saint-Denis"},
    ]  # fmt: skip
    assert data["complete"] is True
    assert data["status"] == "2 suggestions. Flèches haut et bas pour les parcourir."
    assert [item["value"] for item in suggestions("93200", type="communes")["results"]] == [
        "Saint-Denis (93200)"
    ]
    assert [item["value"] for item in suggestions("bo", host="93.localhost", type="communes")["results"]] == [
        "Bobigny (93000)"
    ]


@GENEROUS
def test_the_communes_endpoint_with_nothing_to_offer(towns):
    assert suggestions("", type="communes")["results"] == []
    none = suggestions("zzzz", type="communes")
    assert none["results"] == [] and none["status"] == "Aucune commune trouvée."
    # Hostile input is only text to fold.
    assert suggestions("%' OR 1=1 --", type="communes")["results"] == []


def test_commune_suggestions_past_the_budget_answer_incomplete(towns, monkeypatch):
    def slow(*args, **kwargs):
        raise DatabaseError("canceling statement due to statement timeout")

    monkeypatch.setattr(engine, "communes_starting_with", slow)
    data = suggestions("bour", type="communes")
    assert data["results"] == [] and data["complete"] is False
