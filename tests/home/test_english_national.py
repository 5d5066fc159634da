"""The national site in English: the national team translates the national pages through wagtail-localize
(never a département's), English is served under /en/ with its own slugs kept French, the switcher and
the sitemap link the translations that exist, and English paths without an English page are English 404s.

The translation takes a second or so of wagtail-localize: it is made once for this module, inside a
transaction rolled back at its end, and each test runs in its own savepoint on top of it (pytest-django's
``db``), so what a test changes never reaches the next one. The language tests that need no English site are in
test_i18n.py."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import Translation

from core.i18n import source_version
from demo.translation import translate_national_pages
from directory.models import AnnuairePage
from events.models import AgendaPage
from home.models import ContentPage, LegalPage, NationalHomePage
from news.models import NewsIndexPage
from resources.models import LibraryPage
from tests.home.conftest import ENGLISH, get
from tests.worlds import rolled_back_world


@pytest.fixture(scope="module")
def _english_national_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), rolled_back_world():
        yield translate_national_pages("en", strings=ENGLISH)


@pytest.fixture
def english_national(_english_national_module, national_home):
    """The translation's report (its pages, the strings left in French)."""
    return _english_national_module


def test_translating_the_national_site_creates_no_departement_page(cher, english_national):
    english = Page.objects.filter(locale__language_code="en")
    assert english.count() == len(english_national.pages)
    assert not english.filter(url_path__contains="departements").exists()
    # Only the national home and its sections: no English département, structure or promeneur.
    assert {type(page) for page in english.specific()} <= {
        NationalHomePage,
        AnnuairePage,
        NewsIndexPage,
        AgendaPage,
        LibraryPage,
        LegalPage,
        ContentPage,
    }


def test_translated_national_home_is_served_in_english(english_national):
    response = get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Youth and parenting professionals present on social networks." in html
    # The English menu lists the English sections only.
    assert 'href="/en/annuaire/"' in html
    assert 'href="/en/departements/"' not in html


def test_english_annuaire_keeps_the_french_slug_and_speaks_english(english_national):
    response = get("/en/annuaire/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Directory of promeneurs" in html
    # Interface strings come from the English catalogue (compiled by `make install`).
    assert "Skip to content" in html and "Aller au contenu" not in html
    assert "Search the directory" in html


def test_source_version_is_the_french_tree_of_the_directory(english_national):
    english_home = NationalHomePage.objects.get(locale__language_code="en")
    french_home = NationalHomePage.objects.get(locale__language_code="fr")
    assert source_version(english_home).pk == french_home.pk
    assert source_version(french_home).pk == french_home.pk


def test_translation_is_editable_in_wagtail_localize(english_national):
    home = NationalHomePage.objects.get(locale__language_code="fr")
    record = Translation.objects.get(
        source__object_id=home.translation_key, target_locale__language_code="en"
    )
    assert record.enabled
    total, translated = record.get_progress()
    assert total == translated  # every string was translated, so the editor shows it "up to date"


def test_helper_is_idempotent_and_follows_french_changes(english_national):
    home = NationalHomePage.objects.get(locale__language_code="fr")
    home.intro = "Nouvelle accroche."
    home.save_revision().publish()
    translate_national_pages("en", strings={**ENGLISH, "Nouvelle accroche.": "New tagline."})
    assert Page.objects.filter(locale__language_code="en", depth=2).count() == 1
    assert "New tagline." in get("/en/").content.decode()


def test_switcher_links_existing_translations_only(english_national):
    html = get("/").content.decode()
    assert '<a href="/en/" lang="en" hreflang="en">English</a>' in html
    assert '<a href="/" lang="fr" hreflang="fr" aria-current="page">Français</a>' in html
    assert '<link rel="alternate" hreflang="en" href="http://localhost/en/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://localhost/">' in html
    # The départements index is not translated: no switcher there.
    index = get("/departements/").content.decode()
    assert 'hreflang="en"' not in index


def test_departement_site_has_no_english_link(cher, english_national):
    html = get("/", host="18.localhost").content.decode()
    assert 'hreflang="en"' not in html
    assert "language-switcher" not in html


def test_english_path_of_an_untranslated_page_is_an_english_404_linking_to_french(english_national):
    response = get("/en/departements/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert 'href="/departements/" hreflang="fr"' in html


def test_english_404_without_french_page(english_national):
    response = get("/en/nulle-part/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert 'hreflang="fr"' in html  # the switcher still offers the French home
    assert 'href="/nulle-part/"' not in html


def test_english_on_a_french_only_departement_is_a_404_in_english(cher, english_national):
    response = get("/en/annuaire/", host="18.localhost")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert 'href="/annuaire/" hreflang="fr"' in html
    assert "language-switcher" not in html


def test_french_slug_that_looks_like_a_language_stays_french(english_national):
    # Django's own LocaleMiddleware reads "en-pratique" as a variant of "en" and the page 404s.
    home = NationalHomePage.objects.get(locale__language_code="fr")
    page = ContentPage(title="En pratique", slug="en-pratique")
    home.add_child(instance=page)
    page.save_revision().publish()
    response = get("/en-pratique/")
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()


@pytest.mark.parametrize("path", ["/de/", "/de/annuaire/", "/xx/", "/EN/"])
def test_language_the_site_does_not_offer_is_a_404(english_national, path):
    assert get(path).status_code == 404


def test_sitemap_lists_each_language_with_alternates(cher, english_national):
    xml = get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/en/annuaire/</loc>" in xml
    assert "<loc>http://localhost/annuaire/</loc>" in xml
    assert 'hreflang="en" href="http://localhost/en/annuaire/"' in xml
    assert 'hreflang="x-default" href="http://localhost/annuaire/"' in xml
    department = get("/sitemap.xml", host="18.localhost").content.decode()
    assert "/en/" not in department
