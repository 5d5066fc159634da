"""`manage.py ensure_sections` gives existing sites the standard sections a release added (the agenda and the
library): the missing ones come back, nothing else changes, and a second run does nothing."""

from io import StringIO

from django.core.management import call_command
from wagtail.models import Page, Site

from departments.models import DepartmentHomePage
from events.models import AgendaPage
from resources.models import LibraryPage


def test_restores_missing_sections_and_is_idempotent(national_home):
    call_command("create_department_site", "18", hostname="18.localhost", port=8000, stdout=StringIO())
    cher = DepartmentHomePage.objects.get(department__code="18")
    AgendaPage.objects.child_of(cher).delete()
    LibraryPage.objects.child_of(national_home).delete()
    site = Site.objects.get(root_page=cher)

    out = StringIO()
    call_command("ensure_sections", stdout=out)
    departements = DepartmentHomePage.objects.filter(locale=national_home.locale).count()
    assert f"site national et {departements} département(s)" in out.getvalue()
    assert AgendaPage.objects.child_of(cher).live().count() == 1
    assert LibraryPage.objects.child_of(national_home).live().count() == 1
    site.refresh_from_db()
    assert (site.hostname, site.port, site.root_page_id) == ("18.localhost", 8000, cher.pk)

    pages = Page.objects.count()
    call_command("ensure_sections", stdout=StringIO())
    assert Page.objects.count() == pages
