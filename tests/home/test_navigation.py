"""The menu and legal links of every page are memoised per process (core/navigation.py) and must still follow
every change of the tree at once."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core.models import PageTreeVersion
from core.navigation import current_token
from home.models import ContentPage, LegalPage


def menu_html(host="localhost"):
    html = Client(HTTP_HOST=host).get("/").content.decode()
    return html.split('class="main-nav__list"', 1)[1].split("</ul>", 1)[0]


def footer_html(host="localhost"):
    html = Client(HTTP_HOST=host).get("/").content.decode()
    return html.split('id="footer-links"', 1)[1].split("</ul>", 1)[0]


def add_menu_page(parent, title="Nos actions"):
    page = ContentPage(title=title, show_in_menus=True)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_published_page_joins_the_menu_at_once(national_home):
    assert "Nos actions" not in menu_html()
    add_menu_page(national_home)
    assert "Nos actions" in menu_html()


def test_an_unpublished_page_leaves_the_menu_at_once(national_home):
    page = add_menu_page(national_home)
    assert "Nos actions" in menu_html()
    page.unpublish()
    assert "Nos actions" not in menu_html()


def test_a_renamed_page_is_renamed_in_the_menu(national_home):
    page = add_menu_page(national_home)
    assert "Nos actions" in menu_html()
    page.title = "Ce que nous faisons"
    page.save_revision().publish()
    menu = menu_html()
    assert "Ce que nous faisons" in menu and "Nos actions" not in menu


def test_a_deleted_page_leaves_the_menu(national_home):
    page = add_menu_page(national_home)
    assert "Nos actions" in menu_html()
    Page.objects.get(pk=page.pk).delete()
    assert "Nos actions" not in menu_html()


def test_a_moved_page_leaves_the_menu_it_left(national_home, cher):
    page = add_menu_page(national_home)
    assert "Nos actions" in menu_html()
    page.move(cher.home, pos="last-child")
    assert "Nos actions" not in menu_html()
    assert "Nos actions" in menu_html(host="18.localhost")


def test_a_private_page_leaves_the_menu(national_home):
    page = add_menu_page(national_home)
    assert "Nos actions" in menu_html()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "Nos actions" not in menu_html()


def test_legal_links_follow_unpublishing_and_renaming(national_home):
    legal = LegalPage.objects.child_of(national_home).live().order_by("path").first()
    assert legal.title in footer_html()
    legal.title = "Mentions légales du réseau"
    legal.save_revision().publish()
    assert "Mentions légales du réseau" in footer_html()
    legal.unpublish()
    assert "Mentions légales du réseau" not in footer_html()


def test_every_kind_of_change_sets_a_new_token(national_home):
    seen = {current_token()}

    def changed():
        token = current_token()
        assert token not in seen
        seen.add(token)

    page = add_menu_page(national_home)
    changed()
    page.save_revision().publish()
    changed()
    page.unpublish()
    changed()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    changed()
    Page.objects.get(pk=page.pk).delete()
    changed()
    assert PageTreeVersion.objects.count() == 1


def test_navigation_is_read_once_per_tree_version(national_home):
    add_menu_page(national_home)
    client = Client(HTTP_HOST="localhost")
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    # The second request reads the token instead of the menu's and legal pages' queries.
    assert len(second.captured_queries) < len(first.captured_queries)
    tokens = [q for q in second.captured_queries if "core_pagetreeversion" in q["sql"]]
    assert len(tokens) == 1


def test_the_section_of_a_page_follows_a_move(national_home, cher):
    from django.test import RequestFactory

    from core.sections import section_for_page

    page = add_menu_page(national_home)
    request = RequestFactory().get("/")
    assert section_for_page(page, request).is_national
    page.move(cher.home, pos="last-child")
    moved = Page.objects.get(pk=page.pk).specific
    assert section_for_page(moved, RequestFactory().get("/")).department == cher.department


def test_the_section_forgets_an_unpublished_annuaire(national_home):
    from django.test import RequestFactory

    from core.sections import section_for_request

    request = RequestFactory(HTTP_HOST="localhost").get("/")
    annuaire = section_for_request(request).annuaire
    assert annuaire is not None
    annuaire.unpublish()
    assert section_for_request(RequestFactory(HTTP_HOST="localhost").get("/")).annuaire is None
