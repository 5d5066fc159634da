import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Collection, Page, Site

from departments.models import DepartmentHomePage
from directory.models import AnnuairePage
from home.models import LegalPage
from news.models import NewsIndexPage


def test_creates_home_standard_pages_collection_and_site(national_home):
    call_command("create_department_site", "18", hostname="18.localhost", port=8000, stdout=None)
    home = DepartmentHomePage.objects.get(department__code="18")
    assert home.live and home.url_path.endswith("/departements/cher/")
    assert AnnuairePage.objects.child_of(home).live().count() == 1
    assert NewsIndexPage.objects.child_of(home).live().count() == 1
    assert set(LegalPage.objects.child_of(home).values_list("kind", flat=True)) == {
        "mentions-legales",
        "accessibilite",
        "donnees-personnelles",
    }
    assert Collection.objects.filter(name="Cher (18)").exists()
    site = Site.objects.get(root_page=home)
    assert (site.hostname, site.port) == ("18.localhost", 8000)


def test_is_idempotent(national_home):
    for _ in range(2):
        call_command("create_department_site", "18", hostname="18.localhost")
    assert DepartmentHomePage.objects.filter(department__code="18").count() == 1
    assert Site.objects.filter(hostname="18.localhost").count() == 1
    assert Collection.objects.filter(name="Cher (18)").count() == 1
    home = DepartmentHomePage.objects.get(department__code="18")
    # Annuaire, actualités, agenda, ressources and the three legal texts.
    assert home.get_children().count() == 7


def test_without_hostname_no_site_is_created(national_home):
    call_command("create_department_site", "2a")
    home = DepartmentHomePage.objects.get(department__code="2A")
    assert not Site.objects.filter(root_page=home).exists()


def test_unknown_code_is_a_clear_error_and_creates_nothing(national_home):
    pages_before = Page.objects.count()
    with pytest.raises(CommandError, match="Département inconnu"):
        call_command("create_department_site", "99")
    assert Page.objects.count() == pages_before
