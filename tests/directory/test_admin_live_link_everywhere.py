"""Wagtail's status tag (« En ligne », linked to the public page) is the same template in the page listing, the
admin home's panels (recent edits, locked pages), the reports and the choosers: for a published promeneur the
public cannot see it says « Publiée mais non visible », without a link to the 404, and the recent edits' menu has
no « Publié » link to it, nor the locked pages' menu; public pages keep their links."""

from pathlib import Path

import pytest
import wagtail
from django.test import Client
from django.utils import timezone
from wagtail.log_actions import log

from accounts.factories import coordinator
from directory.factories import make_promeneur
from tests.directory.test_admin_create import structure  # noqa: F401 (fixture)
from tests.directory.test_admin_live_link import links_to

TEMPLATES = Path(__file__).resolve().parents[2] / "directory" / "templates"


def test_the_copy_of_wagtails_status_tag_is_wagtails_own():
    """The override includes a copy of Wagtail's template for pages it does not hide: when Wagtail's changes,
    copy it again (directory/templates/directory/admin/wagtail_page_status_tag.html)."""
    wagtails = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/shared/page_status_tag.html"
    copy = TEMPLATES / "directory/admin/wagtail_page_status_tag.html"
    assert copy.read_text() == wagtails.read_text()


@pytest.mark.parametrize("name", ["recent_edits.html", "locked_pages.html"])
def test_the_home_panels_are_wagtails_but_for_the_live_link(name):
    """Wagtail's « recent edits » and « locked pages » panels, but for their « Publié » link (in each row's
    menu): copy them again with the same two changes when Wagtail's change."""
    wagtails = (Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/home" / name).read_text()
    expected = wagtails.replace(
        "{% load i18n wagtailadmin_tags %}", "{% load i18n wagtailadmin_tags directory_live_link %}", 1
    ).replace("{% if page.live %}", "{% if page.live and not page|hides_live_link %}", 1)
    assert expected != wagtails
    assert (TEMPLATES / "wagtailadmin/home" / name).read_text() == expected


def test_the_admin_home_links_only_public_promeneurs(cher, structure):  # noqa: F811
    user = coordinator(cher.department)
    hidden = make_promeneur(structure, first_name="Inès", job_title="Éducatrice", status="candidat")
    public = make_promeneur(structure, first_name="Léo", job_title="Animateur", status="actif")
    for page in (hidden, public):
        page.save_revision(user=user)
        log(instance=page, action="wagtail.edit", user=user)  # the home's « recent edits »
        page.locked, page.locked_by, page.locked_at = True, user, timezone.now()  # its « locked pages »
        page.save()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    home = client.get("/admin/")
    assert home.status_code == 200
    html = home.content.decode()
    assert hidden.title in html and public.title in html
    assert not links_to(html, hidden)
    assert len(links_to(html, public)) >= 4  # each panel: the status tag and the row menu
    assert 'id="locked-pages-section"' in html and 'id="recent-edits-section"' in html
    assert html.count("data-live-hidden") == 2  # each panel's status tag
