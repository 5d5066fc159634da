"""Typo tolerance: a query that finds nothing is corrected from the index's own words (search/vocabulary.py:
FTS5's vocabulary on SQLite, pg_trgm on PostgreSQL) and the page shows the corrected query's results with
"Vouliez-vous dire …", never a word that only a hidden promeneur's page holds."""

import os
import uuid
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from directory.factories import make_promeneur
from directory.models import PromeneurStatus
from home.models import ContentPage
from search import vocabulary
from search.query import SearchQuery
from tests.search.world import add_page, search_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def harassment(world):
    page = add_page(
        world.national_home,
        ContentPage(
            title="Harcèlement en ligne : que faire ?",
            slug="harcelement-en-ligne",
            intro="Réagir au harcèlement et au cyberharcèlement.",
        ),
    )
    promeneur = make_promeneur(
        world.structure_18,
        first_name="Maëlle",
        job_title="Médiatrice numérique",
        title="Maëlle, médiatrice numérique",
        presentation="J'accompagne les jeunes victimes de harcèlement.",
    )
    return page, promeneur


def test_a_typo_finds_the_pages_and_promeneurs_of_the_word_meant(harassment):
    page, promeneur = harassment
    html = search_html("harcelemnt")
    assert page.title.replace("'", "&#x27;") in html
    assert "Maëlle, médiatrice numérique" in html
    assert "Aucun résultat pour « harcelemnt ». Résultats pour « harcelement » :" in html
    assert 'Vouliez-vous dire <a href="?q=harcelement">harcelement</a>&nbsp;?' in html


def test_a_typo_among_right_words_is_corrected_alone(harassment):
    html = search_html("harcelemnt maelle")
    assert "Maëlle, médiatrice numérique" in html
    assert "Résultats pour « harcelement maelle »" in html


def test_a_query_with_results_is_never_corrected(harassment):
    html = search_html("harcelement")
    assert "Vouliez-vous dire" not in html
    assert "Maëlle, médiatrice numérique" in html


def test_nothing_close_keeps_the_no_result_page(world):
    html = search_html("zzzqqqwww")
    assert "Vouliez-vous dire" not in html
    assert "Aucun résultat" in html


def test_a_word_only_a_hidden_promeneur_has_is_never_offered(world):
    make_promeneur(
        world.structure_18,
        first_name="Zéphyrine",
        job_title="Candidate",
        title="Zéphyrine, candidate",
        presentation="Spécialiste du quintessencement.",
        status=PromeneurStatus.APPLICANT,
    )
    assert vocabulary.correct(SearchQuery.parse("quintessencemnt")) is not None  # the index knows it…
    html = search_html("quintessencemnt")
    assert "Vouliez-vous dire" not in html  # …but nothing visible has it
    assert "quintessencement" not in html and "Zéphyrine" not in html


def test_short_words_and_known_words_are_left_alone(harassment):
    assert vocabulary.correct(SearchQuery.parse("harcelement")) is None
    assert vocabulary.correct(SearchQuery.parse("lea")) is None
    corrected = vocabulary.correct(SearchQuery.parse("lea harcelemnt"))
    assert corrected is not None and corrected.terms == ("lea", "harcelement")


def test_the_vocabulary_follows_the_index(world):
    """A page published after the first search is corrected at once (FTS5's vocabulary is the index itself;
    PostgreSQL's table is filled by a trigger on Wagtail's index)."""
    assert vocabulary.correct(SearchQuery.parse("ornithorynqe")) is None
    add_page(world.national_home, ContentPage(title="Ornithorynque", slug="ornithorynque"))
    corrected = vocabulary.correct(SearchQuery.parse("ornithorynqe"))
    assert corrected is not None and corrected.terms == ("ornithorynque",)


def test_postgres_keeps_the_words_in_a_trigram_indexed_table(world):
    if connection.vendor != "postgresql":
        pytest.skip("the vocabulary table exists on PostgreSQL only (SQLite reads FTS5's vocabulary)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT autocomplete FROM search_vocabulary WHERE word = 'educatrice'")
        flags = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'search_vocabulary'")
        indexes = " ".join(row[0] for row in cursor.fetchall())
    assert flags == {True, False}  # in a title (autocomplete) and in the text
    assert "gin_trgm_ops" in indexes


@pytest.mark.elasticsearch
@pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="ELASTICSEARCH_URL not set: Elasticsearch's fuzziness needs a real server (never mocked)",
)
def test_elasticsearch_forgives_typos_with_its_own_fuzziness(harassment):
    config = {**settings.SEARCH_ELASTICSEARCH_BACKEND, "INDEX_PREFIX": f"pdn_test_{uuid.uuid4().hex[:8]}_"}
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": config}):
        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        backend = get_search_backend()
        backend.refresh_indexes()
        try:
            html = search_html("harcelemnt")
            assert "Aucun résultat exact pour « harcelemnt ». Résultats approchants :" in html
            assert "Maëlle, médiatrice numérique" in html
            assert "Vouliez-vous dire" not in html  # no vocabulary on Elasticsearch
        finally:
            names = list(backend.es.indices.get(index=f"{config['INDEX_PREFIX']}*", ignore_unavailable=True))
            if names:
                backend.es.indices.delete(index=",".join(names))
