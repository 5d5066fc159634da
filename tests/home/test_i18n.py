"""Languages: French everywhere without prefix, English under /en/ only where the national team translated
pages through wagtail-localize; départements stay French; bad language paths give a 404 in that language."""

import datetime
import importlib.util
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import formats, timezone, translation
from django.utils.translation import trans_real
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import LocaleSynchronization, Translation

from core.i18n import source_version
from demo.translation import translate_national_pages
from departments.translation import reaches_departements
from directory.models import AnnuairePage, PromeneurPage, StructurePage
from events.models import AgendaPage
from home.models import ContentPage, LegalPage, NationalHomePage
from news.models import NewsIndexPage
from resources.models import LibraryPage

ROOT = Path(__file__).resolve().parents[2]

ENGLISH = {
    "Promeneurs du Net": "Promeneurs du Net",
    "Des professionnels de la jeunesse et de la parentalité présents sur les réseaux sociaux.": (
        "Youth and parenting professionals present on social networks."
    ),
    "Annuaire des promeneurs": "Directory of promeneurs",
    "Trouvez un ou une promeneuse du Net près de chez vous, dans tout le réseau.": (
        "Find a Promeneur du Net near you, across the whole network."
    ),
    "Actualités": "News",
    "Les nouvelles du réseau national et des départements.": "News from the national network and départements.",
    "Mentions légales": "Legal notice",
    "Déclaration d'accessibilité": "Accessibility statement",
    "Données personnelles": "Personal data",
}


@pytest.fixture(scope="module", autouse=True)
def _compiled_catalogue():
    """`make install` compiles the catalogues; compile here too when missing or stale, so this module also
    runs on its own (Django caches catalogues per process: drop its cache after compiling)."""
    po = ROOT / "site/locale/en/LC_MESSAGES/django.po"
    mo = po.with_suffix(".mo")
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        _translations_script().compile_all()
        trans_real._translations.clear()


def get(path, host="localhost", **extra):
    return Client(HTTP_HOST=host).get(path, **extra)


@pytest.fixture
def english_national(national_home):
    return translate_national_pages("en", strings=ENGLISH)


# --- Locales and the wagtail-localize flow ---------------------------------------------------------------


def test_french_and_english_locales_without_tree_sync(national_home):
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"fr", "en"}
    assert Locale.get_default().language_code == "fr"
    assert not LocaleSynchronization.objects.exists()


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


def test_untranslated_strings_stay_french_and_are_reported(national_home):
    report = translate_national_pages("en", strings={"Promeneurs du Net": "Promeneurs du Net"})
    assert "Annuaire des promeneurs" in report.missing["/accueil/annuaire/"]
    assert get("/en/annuaire/").status_code == 200


def test_helper_is_idempotent_and_follows_french_changes(english_national):
    home = NationalHomePage.objects.get(locale__language_code="fr")
    home.intro = "Nouvelle accroche."
    home.save_revision().publish()
    translate_national_pages("en", strings={**ENGLISH, "Nouvelle accroche.": "New tagline."})
    assert Page.objects.filter(locale__language_code="en", depth=2).count() == 1
    assert "New tagline." in get("/en/").content.decode()


def test_departement_pages_are_refused(cher):
    with pytest.raises(ValueError):
        translate_national_pages("en", pages=[cher.home])


def test_po_export_and_import_for_an_outside_translator(national_home, admin_client):
    """The admin workflow: "Translate this page", download its PO file, upload it translated, publish."""
    english = Locale.objects.get(language_code="en")
    submit = admin_client.post(f"/admin/localize/submit/page/{national_home.pk}/", {"locales": [english.pk]})
    assert submit.status_code == 302
    record = Translation.objects.get(source__object_id=national_home.translation_key, target_locale=english)
    download = admin_client.get(f"/admin/localize/translate/{record.pk}/pofile/download/")
    assert download.status_code == 200
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgid, entry.msgid)
    upload = admin_client.post(
        f"/admin/localize/translate/{record.pk}/pofile/upload/",
        {"file": _uploaded_po(po), "next": "/admin/"},
    )
    assert upload.status_code == 302
    assert record.get_progress()[0] == record.get_progress()[1]
    record.save_target(publish=False)  # the editor's "Publish in English"
    record.get_target_instance().get_latest_revision().publish()
    assert "Youth and parenting professionals" in get("/en/").content.decode()
    # Only the submitted page was copied: no département page.
    assert not Page.objects.filter(locale=english, url_path__contains="departements").exists()


def test_translating_the_national_subtree_would_reach_departements(cher):
    assert reaches_departements(cher.home)
    assert reaches_departements(cher.home.get_children().first())
    national = NationalHomePage.objects.get(locale__language_code="fr")
    assert not reaches_departements(national)
    assert reaches_departements(national, include_subtree=True)
    annuaire = AnnuairePage.objects.child_of(national).get()
    assert not reaches_departements(annuaire, include_subtree=True)


def _uploaded_po(po):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("translation.po", str(po).encode(), content_type="text/x-gettext-translation")


def test_locale_admin_offers_no_tree_synchronisation(national_home, admin_client):
    english = Locale.objects.get(language_code="en")
    response = admin_client.get(f"/admin/locales/edit/{english.pk}/")
    assert response.status_code == 200
    assert "ynchronise" not in response.content.decode()


# --- What is translated, what stays as entered -----------------------------------------------------------


def _translated_fields(model):
    return {
        field.field_name for field in get_translatable_fields(model) if isinstance(field, TranslatableField)
    }


def test_pages_translate_their_texts_but_keep_their_slug():
    for model in (NationalHomePage, ContentPage):
        assert {"title", "intro", "body"} <= _translated_fields(model)
    assert {"title", "body"} <= _translated_fields(LegalPage)
    assert SynchronizedField("slug") in get_translatable_fields(ContentPage)


@pytest.mark.parametrize("model", [StructurePage, PromeneurPage])
def test_directory_data_stays_as_entered(model):
    # Only the SEO fields an editor writes may be translated; a new text field on these models must be
    # declared in their override_translatable_fields.
    assert _translated_fields(model) <= {"seo_title", "search_description"}


# --- Language switcher and alternates --------------------------------------------------------------------


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


def test_french_site_without_translation_has_no_switcher(national_home):
    assert "language-switcher" not in get("/").content.decode()


# --- Bad input -------------------------------------------------------------------------------------------


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


def test_english_without_any_english_content_is_a_404(national_home):
    response = get("/en/")
    assert response.status_code == 404
    assert '<html lang="en"' in response.content.decode()


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


# --- Sitemap ---------------------------------------------------------------------------------------------


def test_sitemap_lists_each_language_with_alternates(cher, english_national):
    xml = get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/en/annuaire/</loc>" in xml
    assert "<loc>http://localhost/annuaire/</loc>" in xml
    assert 'hreflang="en" href="http://localhost/en/annuaire/"' in xml
    assert 'hreflang="x-default" href="http://localhost/annuaire/"' in xml
    department = get("/sitemap.xml", host="18.localhost").content.decode()
    assert "/en/" not in department


# --- Dates and times -------------------------------------------------------------------------------------


def test_dates_and_times_follow_the_language_in_paris_time(settings):
    moment = datetime.datetime(2026, 3, 5, 15, 30, tzinfo=datetime.UTC)  # 16:30 in Paris
    paris = timezone.localtime(moment)
    assert settings.TIME_ZONE == "Europe/Paris"
    with translation.override("fr"):
        assert formats.date_format(paris) == "5 mars 2026"
        assert formats.time_format(paris) == "16\xa0h\xa030"
    with translation.override("en"):
        assert formats.date_format(paris) == "5 March 2026"
        assert formats.time_format(paris) == "16:30"
        assert formats.date_format(paris, "SHORT_DATE_FORMAT") == "05/03/2026"


# --- Interface catalogues --------------------------------------------------------------------------------


def _translations_script():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogues_are_complete():
    script = _translations_script()
    assert ROOT / "site/locale/en/LC_MESSAGES/django.po" in script.find_catalogues()
    # Entries only: extracting the code's strings (CI's `translations.py check`) rewrites the catalogue.
    assert script.check_all(find_missing=False) == 0


def test_catalogue_check_catches_broken_placeholders():
    script = _translations_script()
    entry = polib.POEntry(msgid="Bonjour %(name)s,", msgstr="Hello %(nom)s,", flags=["python-format"])
    assert script.placeholders_differ(entry)
    plural = polib.POEntry(
        msgid="%(counter)s résultat",
        msgid_plural="%(counter)s résultats",
        msgstr_plural={0: "One result", 1: "%(counter)s results"},
        flags=["python-format"],
    )
    assert not script.placeholders_differ(plural)
