"""/recherche/: scope, grouping, summaries, empty query, pagination per kind, network link, locale."""

import re

import pytest
from wagtail.models import Locale

from directory.factories import make_promeneur, make_structure
from directory.models import PromeneurStatus
from search import views
from search.engine import KindResults
from search.kinds import KINDS, Scope
from search.query import SearchQuery
from tests.search.world import client, search_html

pytestmark = pytest.mark.django_db


def group_headings(html: str) -> list[str]:
    return re.findall(r'<h2 id="search-group-([a-z]+)"', html)


def result_titles(html: str) -> list[str]:
    return re.findall(r'class="search-result__title"><a href="[^"]*">([^<]+)</a>', html)


def group_titles(html: str, kind: str) -> list[str]:
    """Titles of one group of the overview (PostgreSQL's stemmer may add news to a query's results)."""
    marker = f'id="search-group-{kind}"'
    return result_titles(html.split(marker)[1].split("</section>")[0]) if marker in html else []


def test_national_search_groups_kinds_promeneurs_first(world):
    html = search_html("sante")
    assert group_headings(html) == ["promeneurs", "structures", "pages"]
    titles = result_titles(html)
    assert titles.index("Léa, éducatrice spécialisée") < titles.index("Centre social des Tilleuls")
    assert "Santé des jeunes en ligne" in titles
    # Each result carries its summary: job, structure and town for a promeneur.
    assert "Éducatrice spécialisée · Centre social des Tilleuls · Bourges" in html
    assert '<p class="search-count" role="status">' in html


@pytest.mark.parametrize("typed", ["educatrice", "EDUCATRICE", "Éducatrice", "l'éducatrice", "éducatrice*"])
def test_case_and_accents_do_not_matter(world, typed):
    titles = result_titles(search_html(typed))
    assert "Léa, éducatrice spécialisée" in titles
    assert "Inès, éducatrice de prévention" in titles


def test_department_site_searches_its_own_tree_and_links_to_the_network(world):
    html = search_html("educatrice", host="18.localhost")
    assert group_titles(html, "promeneurs") == ["Léa, éducatrice spécialisée"]
    assert 'href="http://localhost/recherche/?q=educatrice"' in html
    assert "Rechercher dans tout le réseau" in html
    national = search_html("educatrice")
    assert "Rechercher dans tout le réseau</a>" not in national


def test_department_without_own_domain_is_in_the_national_search(world):
    from network.provisioning import create_department_site

    charente = create_department_site("17")  # served only under /departements/charente-maritime/
    structure = make_structure(charente, title="MJC de la Rochelle")
    make_promeneur(structure, first_name="Zoé", job_title="Éducatrice", title="Zoé, éducatrice")
    assert "Zoé, éducatrice" in result_titles(search_html("educatrice"))


def test_only_publicly_listed_promeneurs_are_found(world):
    structure = world.structure_18
    make_promeneur(
        structure, first_name="Yanis", job_title="Éducateur", title="Yanis candidat", status="candidat"
    )
    make_promeneur(structure, first_name="Hugo", job_title="Éducateur", title="Hugo brouillon", publish=False)
    make_promeneur(
        structure, first_name="Malik", job_title="Éducateur", title="Malik suspendu", status="suspendu"
    )
    html = search_html("educateur")
    for hidden in ("Yanis candidat", "Hugo brouillon", "Malik suspendu"):
        assert hidden not in html


@pytest.mark.parametrize("typed", ["", "   ", "***", '"', "🙂"])
def test_empty_query_is_a_helpful_page_not_every_document(world, typed):
    html = search_html(typed)
    assert "<h1>Rechercher</h1>" in html
    assert "Que cherchez-vous ?" in html
    assert "search-result__title" not in html
    assert 'href="?q=Sant%C3%A9"' in html  # a suggestion
    assert "Consulter l'annuaire des promeneurs" in html
    assert 'role="status"' not in html.split('<main id="contenu"')[1].split("</main>")[0]


def test_no_result_page_helps_too(world):
    html = search_html("zzzqqq")
    assert "0 résultat" in html
    assert "Aucun résultat" in html
    assert "Consulter l'annuaire des promeneurs" in html


def test_more_link_and_pagination_per_kind(world, monkeypatch):
    monkeypatch.setattr(views, "RESULTS_PER_KIND", 1)
    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 1)
    overview = search_html("educatrice")
    assert len(group_titles(overview, "promeneurs")) == 1
    assert 'href="?q=educatrice&amp;type=promeneurs"' in overview
    assert "Voir les 2 résultats dans « promeneurs »" in overview

    first = search_html("educatrice", type="promeneurs")
    second = search_html("educatrice", type="promeneurs", page="2")
    assert "<h1>Promeneurs pour « educatrice »</h1>" in first
    assert "2 résultats dans « promeneurs »" in first
    assert 'href="?q=educatrice&amp;type=promeneurs&amp;page=2"' in first
    assert set(result_titles(first) + result_titles(second)) == {
        "Léa, éducatrice spécialisée",
        "Inès, éducatrice de prévention",
    }
    for page in ("999", "0", "abc", "-1"):
        assert (
            client().get("/recherche/", {"q": "educatrice", "type": "promeneurs", "page": page}).status_code
            == 200
        )


def test_unknown_type_shows_the_overview(world):
    html = search_html("educatrice", type="inconnu")
    assert group_headings(html)[0] == "promeneurs"
    assert "<h1>Résultats pour « educatrice »</h1>" in html


def test_results_are_in_the_language_of_the_site(world):
    english, _created = Locale.objects.get_or_create(language_code="en")
    english_home = world.national_home.copy_for_translation(english)
    english_home.save_revision().publish()
    page_en = world.page_national.copy_for_translation(english)
    page_en.title = "Young people's health online"
    page_en.save_revision().publish()

    french = KindResults(KINDS.get("pages"), Scope(world.national_home), SearchQuery.parse("sante"))
    assert [page.pk for page in french[:10]] == [world.page_national.pk]
    english_results = KindResults(KINDS.get("pages"), Scope(english_home), SearchQuery.parse("young health"))
    assert [page.pk for page in english_results[:10]] == [page_en.pk]


def test_an_english_search_lists_the_networks_promeneurs_and_structures(world):
    # Promeneurs and structures are never translated: the English national site searches the French tree's.
    english, _created = Locale.objects.get_or_create(language_code="en")
    english_home = world.national_home.copy_for_translation(english)
    english_home.save_revision().publish()
    promeneurs = KindResults(KINDS.get("promeneurs"), Scope(english_home), SearchQuery.parse("educatrice"))
    assert {page.pk for page in promeneurs[:10]} == {world.lea.pk, world.ines.pk}
    structures = KindResults(
        KINDS.get("structures"), Scope(english_home), SearchQuery.parse(world.structure_18.title)
    )
    assert world.structure_18.pk in [page.pk for page in structures[:10]]
    # News and pages stay in the language searched: none is translated here.
    assert (
        KindResults(KINDS.get("actualites"), Scope(english_home), SearchQuery.parse("rencontre")).count() == 0
    )


def test_search_page_is_not_indexed_by_search_engines(world):
    assert '<meta name="robots" content="noindex">' in search_html("sante")


def test_suspended_promeneur_of_a_search_disappears(world):
    world.lea.status = PromeneurStatus.SUSPENDED
    world.lea.save()
    assert "Léa, éducatrice spécialisée" not in search_html("educatrice")


def test_broad_queries_on_sqlite_are_ranked_within_a_window(world, monkeypatch):
    from django.db import connection

    from search import matching

    if connection.vendor != "sqlite":
        pytest.skip("the match window is specific to the SQLite FTS5 ranking (search/matching.py)")
    monkeypatch.setattr(matching, "MATCH_WINDOW", 1)
    html = search_html("educatrice")
    assert "Plus de 1 résultats : ajoutez un mot pour préciser votre recherche." in html
    assert "(plus de 1)" in html
    assert len(group_titles(html, "promeneurs")) == 1
