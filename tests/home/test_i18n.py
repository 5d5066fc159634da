"""Languages: French everywhere without prefix, English under /en/ only where the national team translated
pages through wagtail-localize; départements stay French; bad language paths give a 404 in that language.
The behaviours of the English national site itself are in test_english_national.py."""

import datetime

import polib
import pytest
from django.utils import formats, timezone, translation
from wagtail.models import Locale, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import LocaleSynchronization, Translation

from demo.translation import translate_national_pages
from departments.translation import reaches_departements
from directory.models import AnnuairePage, PromeneurPage, StructurePage
from home.models import ContentPage, LegalPage, NationalHomePage
from tests.home.conftest import ENGLISH, ROOT, get, translations_script

# --- Locales and the wagtail-localize flow ---------------------------------------------------------------


def test_french_and_english_locales_without_tree_sync(national_home):
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"fr", "en"}
    assert Locale.get_default().language_code == "fr"
    assert not LocaleSynchronization.objects.exists()


def test_untranslated_strings_stay_french_and_are_reported(national_home):
    report = translate_national_pages("en", strings={"Promeneurs du Net": "Promeneurs du Net"})
    assert "Annuaire des promeneurs" in report.missing["/accueil/annuaire/"]
    assert get("/en/annuaire/").status_code == 200


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


def test_french_site_without_translation_has_no_switcher(national_home):
    assert "language-switcher" not in get("/").content.decode()


# --- Bad input -------------------------------------------------------------------------------------------


def test_english_without_any_english_content_is_a_404(national_home):
    response = get("/en/")
    assert response.status_code == 404
    assert '<html lang="en"' in response.content.decode()


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


def test_catalogues_are_complete():
    script = translations_script()
    assert ROOT / "site/locale/en/LC_MESSAGES/django.po" in script.find_catalogues()
    # Entries only: extracting the code's strings (CI's `translations.py check`) rewrites the catalogue.
    assert script.check_all(find_missing=False) == 0


def test_catalogue_check_catches_broken_placeholders():
    script = translations_script()
    entry = polib.POEntry(msgid="Bonjour %(name)s,", msgstr="Hello %(nom)s,", flags=["python-format"])
    assert script.placeholders_differ(entry)
    plural = polib.POEntry(
        msgid="%(counter)s résultat",
        msgid_plural="%(counter)s résultats",
        msgstr_plural={0: "One result", 1: "%(counter)s results"},
        flags=["python-format"],
    )
    assert not script.placeholders_differ(plural)
