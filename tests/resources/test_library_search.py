"""The site search finds resources as their own kind ("Ressources"): a département's search finds its own and
the national ones (as its library lists them), never another département's, never a draft."""

from tests.resources.conftest import get


def group_titles(response, slug="ressources") -> list[str]:
    assert response.status_code == 200
    groups = {group["kind"].slug: group for group in response.context["groups"]}
    return sorted(result["title"] for result in groups[slug]["results"])


def test_a_departement_search_finds_its_resources_and_the_national_ones(library_world):
    assert group_titles(get("/recherche/", "18.localhost", q="charte")) == ["Charte des Promeneurs du Net"]
    assert group_titles(get("/recherche/", "18.localhost", q="affiche")) == ["Affiche du réseau du Cher"]
    assert group_titles(get("/recherche/", "93.localhost", q="affiche")) == []


def test_the_national_search_finds_every_published_resource(library_world):
    assert group_titles(get("/recherche/", q="harcèlement")) == ["Vidéo : le harcèlement en ligne"]
    assert group_titles(get("/recherche/", "18.localhost", q="brouillon")) == []


def test_the_resources_kind_has_its_own_results_page(library_world):
    response = get("/recherche/", "93.localhost", q="convention", type="ressources")
    assert response.status_code == 200
    assert [result["title"] for result in response.context["results"]] == ["Convention type"]
