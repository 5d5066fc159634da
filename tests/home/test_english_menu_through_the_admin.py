"""An administrator gives the national site its English menu through wagtail-localize's own « Traduire cette
page », as on a real site (not the demo's script): the départements index is translated alone, so the English
menu is the French one, while translating it with its subtree is refused (it would copy every département)."""

import re

from django.test import Client
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from departments.models import DepartmentHomePage, DepartmentsIndexPage


def menu(path):
    html = Client(HTTP_HOST="localhost").get(path).content.decode()
    nav = html.split('class="main-nav__list"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', nav)


def submit(admin_client, page, english, **extra):
    return admin_client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [english.pk], **extra})


def test_the_english_menu_is_made_in_the_admin_and_the_departements_stay_french(
    national_home, cher, admin_client
):
    english, _ = Locale.objects.get_or_create(language_code="en")
    index = DepartmentsIndexPage.objects.child_of(national_home).get()

    refused = submit(admin_client, index, english, include_subtree="on")
    assert refused.status_code == 302 and refused.url.startswith("/admin/localize/submit/page/")
    assert not Page.objects.filter(locale=english).exists()

    assert submit(admin_client, national_home, english).status_code == 302
    for page in national_home.get_children().live():
        assert submit(admin_client, page, english).status_code == 302, page.url_path
    for record in Translation.objects.filter(target_locale=english):
        record.save_target(publish=False)  # the editor's « Publier en anglais »
        record.get_target_instance().get_latest_revision().publish()

    french, in_english = menu("/"), menu("/en/")
    assert [path.removeprefix("/en") or "/" for path in in_english] == french
    assert "/en/departements/" in in_english
    listing = Client(HTTP_HOST="localhost").get("/en/departements/").content.decode()
    assert "Cher" in listing
    assert not DepartmentHomePage.objects.filter(locale=english).exists()
    assert not cher.home.get_translations().exists()
