"""/recherche/suggestions/: the JSON behind the search boxes' combobox, within its time budget."""

import pytest
from django.db import DatabaseError, connection
from django.test import override_settings

from search import engine, views
from search.engine import MAX_SUGGESTIONS, database_time_budget
from tests.search.world import client, suggestion_titles

pytestmark = pytest.mark.django_db

# The suite runs on a loaded machine: the production budget (20 ms) would make these tests flaky.
GENEROUS = override_settings(SEARCH_AUTOCOMPLETE_BUDGET_MS=5000)


@GENEROUS
def test_suggestions_answer_json_for_the_combobox(world):
    response = client().get("/recherche/suggestions/", {"q": "educ"})
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    data = response.json()
    assert data["complete"] is True
    assert data["query"] == "educ"
    lea = next(item for item in data["results"] if item["title"] == "Léa, éducatrice spécialisée")
    assert lea["kind"] == "promeneurs"
    assert lea["kind_label"] == "Promeneurs"
    assert lea["meta"] == "Éducatrice spécialisée · Centre social des Tilleuls · Bourges"
    assert "/annuaire/centre-social-des-tilleuls/" in lea["url"]
    assert data["status"].startswith(f"{len(data['results'])} suggestion")


@GENEROUS
def test_suggestions_are_scoped_to_the_site(world):
    assert suggestion_titles("educ", host="18.localhost") == ["Léa, éducatrice spécialisée"]
    assert suggestion_titles("educ", host="93.localhost") == ["Inès, éducatrice de prévention"]


@GENEROUS
def test_suggestions_offer_every_kind_and_stop_at_eight(world):
    from directory.factories import make_promeneur

    for number in range(MAX_SUGGESTIONS + 2):
        make_promeneur(
            world.structure_18, first_name=f"Ren{number}", job_title="Rencontres", title=f"Renée {number}"
        )
    titles = suggestion_titles("ren", host="18.localhost")
    assert len(titles) == MAX_SUGGESTIONS
    assert "Rencontre départementale des promeneurs" in suggestion_titles(
        "rencontre dep", host="18.localhost"
    )


@GENEROUS
def test_nothing_to_suggest(world):
    data = client().get("/recherche/suggestions/", {"q": ""}).json()
    assert data == {"query": "", "results": [], "complete": True, "status": ""}
    none = client().get("/recherche/suggestions/", {"q": "zzzqqq"}).json()
    assert none["results"] == [] and none["status"].startswith("Aucune suggestion")


def test_over_budget_answers_empty_at_once(world, monkeypatch):
    monkeypatch.setattr(views.engine, "suggest", lambda *args, **kwargs: None)
    data = client().get("/recherche/suggestions/", {"q": "educ"}).json()
    assert data["results"] == [] and data["complete"] is False


def _slow_statement():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_sleep(0.5)")
        else:
            cursor.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) "
                "SELECT count(*) FROM n"
            )


def test_time_budget_interrupts_a_slow_statement_and_leaves_the_connection_usable(db):
    with pytest.raises(DatabaseError):
        with database_time_budget(20):
            _slow_statement()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"


def test_time_budget_restores_the_timeout_after_a_fast_statement(db):
    with database_time_budget(1000):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"


def test_suggest_gives_up_past_its_budget(world, monkeypatch):
    """A real run of engine.suggest whose backend call is slower than the budget."""
    original = engine.get_search_backend

    class SlowBackend:
        def __init__(self):
            self.backend = original()

        def __getattr__(self, name):
            return getattr(self.backend, name)

        def autocomplete(self, *args, **kwargs):
            _slow_statement()
            return self.backend.autocomplete(*args, **kwargs)

    from search.kinds import Scope
    from search.query import SearchQuery

    with override_settings(SEARCH_AUTOCOMPLETE_BUDGET_MS=20):
        slow = SlowBackend()
        assert engine.suggest(Scope(world.national_home), SearchQuery.parse("educ"), backend=slow) is None
