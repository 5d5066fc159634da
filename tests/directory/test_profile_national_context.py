"""A profile opened from the national annuaire keeps its search: the card carries ``depuis`` (the annuaire's
path and query), the profile's back link leads to that exact search on the national site. ``depuis`` is
never an open redirect: anything but the national annuaire's own path is ignored."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.directory.conftest import get

SEARCH = {"pres_de": "Bourges", "mission": "jeunesse", "rayon": "50"}
BACK = "Retour à votre recherche dans l’annuaire national"


def back_links(page: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'<a href="([^"]+)">' + BACK, page)]


def test_cards_of_the_national_annuaire_carry_the_search_and_the_profile_returns_to_it(world):
    page = get("/annuaire/", **SEARCH).content.decode()
    link = unescape(re.search(r'class="promeneur-card__name"><a href="([^"]+)">Léa<', page)[1])
    parts = urlsplit(link)
    depuis = parse_qs(parts.query)["depuis"][0]
    assert urlsplit(depuis).path == "/annuaire/"
    assert parse_qs(urlsplit(depuis).query) == {
        "pres_de": ["Bourges"],
        "mission": ["jeunesse"],
        "rayon": ["50"],
    }

    host = parts.hostname or "localhost"
    profile = get(parts.path, host=host, depuis=depuis).content.decode()
    links = back_links(profile)
    assert len(links) == 2  # at the top and at the bottom
    back = urlsplit(links[0])
    assert (back.hostname, back.path) == ("localhost", "/annuaire/")
    assert parse_qs(back.query) == {"pres_de": ["Bourges"], "mission": ["jeunesse"], "rayon": ["50"]}
    assert "Fiche de l’annuaire départemental : Cher (18)" in profile


def test_a_departement_annuaire_links_profiles_without_depuis(world):
    page = get("/annuaire/", host="18.localhost", pres_de="Bourges").content.decode()
    assert "depuis=" not in page


@pytest.mark.parametrize(
    "depuis",
    [
        "https://evil.example/annuaire/?pres_de=Bourges",
        "//evil.example/annuaire/",
        "/\\evil.example/annuaire/",
        "/admin/",
        "/annuaire/structure/",
        "annuaire/",
        "javascript:alert(1)",
        "/annuaire/#x",
        "/annuaire/" + "?q=" + "x" * 700,
    ],
)
def test_anything_but_the_national_annuaire_is_ignored(world, depuis):
    path = world.lea.url_path.split("/cher", 1)[1]
    response = get(path, host="18.localhost", depuis=depuis)
    assert response.status_code == 200
    page = response.content.decode()
    assert BACK not in page
    assert "evil.example" not in page and "javascript:" not in page


def test_only_the_annuaires_parameters_are_carried_back(world):
    path = world.lea.url_path.split("/cher", 1)[1]
    depuis = "/annuaire/?pres_de=Bourges&next=https://evil.example/&page=2&vue=carte"
    links = back_links(get(path, host="18.localhost", depuis=depuis).content.decode())
    assert parse_qs(urlsplit(links[0]).query) == {"pres_de": ["Bourges"], "page": ["2"], "vue": ["carte"]}
