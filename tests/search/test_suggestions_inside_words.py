"""Suggestions find the word typed inside longer words of titles and names ("harc" → "cyberharcèlement"),
after the prefix matches, within the suggestion budget, and never a hidden promeneur."""

import pytest
from django.test import override_settings

from directory.factories import make_promeneur
from directory.models import PromeneurStatus
from home.models import ContentPage
from search import engine
from tests.search.world import add_page, suggestion_titles

pytestmark = pytest.mark.django_db

GENEROUS = override_settings(SEARCH_AUTOCOMPLETE_BUDGET_MS=5000)


@GENEROUS
def test_a_fragment_suggests_the_longer_word_that_contains_it(world):
    add_page(world.national_home, ContentPage(title="Cyberharcèlement : que faire ?", slug="cyber"))
    add_page(world.national_home, ContentPage(title="Harcèlement scolaire", slug="harcelement-scolaire"))
    titles = suggestion_titles("harc")
    # The prefix match first, then the word found inside another.
    assert titles.index("Harcèlement scolaire") < titles.index("Cyberharcèlement : que faire ?")


@GENEROUS
def test_inside_words_keep_the_other_words_and_the_site(world):
    add_page(world.national_home, ContentPage(title="Cyberharcèlement et santé", slug="cyber-sante"))
    assert suggestion_titles("sante harc") == ["Cyberharcèlement et santé"]
    assert "Cyberharcèlement et santé" not in suggestion_titles("harc", host="18.localhost")


@GENEROUS
def test_a_hidden_promeneur_is_never_suggested_from_inside_a_word(world):
    make_promeneur(
        world.structure_18,
        first_name="Zoé",
        job_title="Cyberpsychologue",
        title="Zoé, cyberpsychologue",
        status=PromeneurStatus.SUSPENDED,
    )
    make_promeneur(
        world.structure_18, first_name="Yann", job_title="Cyberpsychologue", title="Yann, cyberpsychologue"
    )
    titles = suggestion_titles("psycho")
    assert "Yann, cyberpsychologue" in titles
    assert "Zoé, cyberpsychologue" not in titles


@GENEROUS
def test_short_fragments_are_not_searched_inside_words(world):
    add_page(world.national_home, ContentPage(title="Cyberharcèlement", slug="cyber"))
    assert "Cyberharcèlement" not in suggestion_titles("ha")


def test_inside_words_past_the_budget_leave_the_prefix_suggestions(world, monkeypatch):
    add_page(world.national_home, ContentPage(title="Harcèlement scolaire", slug="harcelement-scolaire"))

    def cut(*args, **kwargs):
        from django.db import DatabaseError

        raise DatabaseError("cut by the budget")

    monkeypatch.setattr(engine.vocabulary, "words_containing", cut)
    with GENEROUS:
        assert suggestion_titles("harc") == ["Harcèlement scolaire"]
