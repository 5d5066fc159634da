"""The menu marks the page itself (aria-current="page") or its section (aria-current="true"), by url_path
prefix: never an item whose tree path merely occurs inside the page's."""

import re
from types import SimpleNamespace

from django.test import Client

from core.templatetags.menu_tags import menu_state
from directory.factories import make_promeneur, make_structure


def fake(pk, path, url_path):
    return SimpleNamespace(pk=pk, path=path, url_path=url_path)


def test_a_tree_path_inside_another_is_not_an_ancestor():
    news = fake(3, "000100010003", "/accueil/actualites/")
    # The promeneur's tree path contains the news index's, but it lies elsewhere in the tree.
    promeneur = fake(9, "00010001000200010001000300010003", "/accueil/departements/x/annuaire/y/lea/")
    assert news.path in promeneur.path
    assert menu_state(news, promeneur) == ""


def test_the_page_itself_and_its_section():
    annuaire = fake(4, "000100010004", "/accueil/annuaire/")
    assert menu_state(annuaire, annuaire) == "page"
    assert menu_state(annuaire, fake(5, "0001000100040001", "/accueil/annuaire/structure/")) == "true"
    assert menu_state(annuaire, None) == ""


def test_a_promeneur_page_marks_only_the_annuaire(cher):
    structure = make_structure(cher, title="Centre social des Rives")
    promeneur = make_promeneur(structure, first_name="Léa")
    html = Client(HTTP_HOST="18.localhost").get(promeneur.url).content.decode()
    current = re.findall(r'<a href="([^"]+)" aria-current="(page|true)">', html)
    assert current == [("/annuaire/", "true")], current


def test_pages_outside_the_tree_have_no_current_item(cher):
    # Search, the verification and error pages have no `page`: the menu renders without a current item.
    client = Client(HTTP_HOST="18.localhost")
    for url in ("/recherche/?q=L%C3%A9a", "/verifier/", "/une-page-qui-n-existe-pas/"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert 'aria-current="true"' not in response.content.decode()
