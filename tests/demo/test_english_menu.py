"""The English national site has the French site's menu, in the same order: the départements index is
translated alone (the départements stay French) and lists the French département homes."""

import re

from django.test import Client

from demo.translation import national_pages_to_translate, translate_national_demo
from departments.models import DepartmentsIndexPage


def menu(path):
    html = Client(HTTP_HOST="localhost").get(path).content.decode()
    nav = html.split('class="main-nav__list"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', nav)


def test_english_menu_is_the_french_one(db, national_home, cher):
    assert any(
        isinstance(page, DepartmentsIndexPage) for page in national_pages_to_translate(include_index=True)
    )
    translate_national_demo(national_home)

    french, english = menu("/"), menu("/en/")
    assert [path.removeprefix("/en") or "/" for path in english] == french
    assert "/en/departements/" in english

    index = Client(HTTP_HOST="localhost").get("/en/departements/").content.decode()
    assert "Cher" in index and "Seine-Saint-Denis" in index
    # The index alone was translated: no English copy of a département's site.
    assert not cher.home.get_translations().exists()
