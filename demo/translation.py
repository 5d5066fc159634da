"""The admin's translation workflow, scripted (wagtail-localize): how the demo fills the national pages in
English, and how tests translate pages exactly as an editor would."""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Locale, Page

from demo.english import NATIONAL_ENGLISH
from departments.models import DepartmentsIndexPage
from departments.translation import reaches_departements
from home.models import NationalHomePage

logger = logging.getLogger(__name__)


@dataclass
class TranslationReport:
    pages: list[Page] = field(default_factory=list)  # the translated pages, live
    # French source strings left untranslated (shown in French until a translator fills them), by page path.
    missing: dict[str, list[str]] = field(default_factory=dict)


def national_home() -> Page:
    return NationalHomePage.objects.get(depth=2, locale=Locale.get_default())


def national_pages_to_translate(home: Page | None = None, include_index: bool = False) -> list[Page]:
    """The national home and its sections (annuaire, news index, legal and content pages). With
    `include_index`, the départements index too, so the English menu is the French one: it is translated
    alone, never with its subtree (under it lies every département's site, which stays French), and its
    English version lists the French département homes (DepartmentsIndexPage.department_homes)."""
    home = home or national_home()
    sections = home.get_children().live().specific()
    if not include_index:
        sections = sections.not_type(DepartmentsIndexPage)
    return [home.specific, *sections]


def _check_is_national(page: Page) -> None:
    if reaches_departements(page):
        raise ValueError(
            f"{page.url_path} belongs to a département: only national pages are translated here."
        )


def submit_for_translation(page: Page, locale: Locale):
    """The admin's "Translate this page": a TranslationSource of the French page (refreshed if the page
    changed since) and a Translation record, so editors can continue in wagtail-localize's editor."""
    from wagtail_localize.models import Translation, TranslationSource

    source, _created = TranslationSource.update_or_create_from_instance(page.specific)
    translation_record, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    return translation_record


def fill_translations(translation_record, strings: Mapping[str, str], user=None) -> list[str]:
    """Translate the source's strings from `strings` (French text -> translation) through the same PO
    export/import an outside translator uses. Returns the French strings that stay untranslated."""
    po = translation_record.export_po()
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid in strings:
            entry.msgstr = strings[entry.msgid]
        elif not entry.msgstr:
            missing.append(entry.msgid)
    translation_record.import_po(po, user=user, tool_name="translate_national_pages")
    return missing


def publish_translation(translation_record, user=None) -> Page:
    """The editor's "Publish": build the translated page from the translated strings and publish it.

    save_target(publish=True) would defer publishing to transaction.on_commit; publishing the revision
    here instead makes the page live before its children are translated, and works inside an outer
    transaction (the demo loader, the tests)."""
    translation_record.save_target(user=user, publish=False)
    target = translation_record.get_target_instance()
    target.get_latest_revision().publish(user=user)
    target.refresh_from_db()
    return target


@transaction.atomic
def translate_national_pages(
    locale: str = "en",
    strings: Mapping[str, str] | None = None,
    pages: Iterable[Page] | None = None,
    user=None,
) -> TranslationReport:
    """Translate national pages into `locale` through wagtail-localize and publish them.

    `strings` maps French source texts (titles, intros, paragraphs of the body…) to their translation;
    texts it does not cover stay in French and are listed in the report. `pages` defaults to the national
    home and its sections (national_pages_to_translate); they are translated parents first. Idempotent:
    running it again updates the translations."""
    target_locale = Locale.objects.get(language_code=locale)
    report = TranslationReport()
    for page in sorted(pages or national_pages_to_translate(), key=lambda page: page.path):
        _check_is_national(page)
        translation_record = submit_for_translation(page, target_locale)
        missing = fill_translations(translation_record, strings or {}, user=user)
        report.pages.append(publish_translation(translation_record, user=user))
        if missing:
            report.missing[page.url_path] = missing
            logger.warning("%s: %d string(s) left in French.", page.url_path, len(missing))
    return report


def translate_national_demo(home: Page | None = None) -> TranslationReport:
    """The demo's English national site (demo/loader.py): the national home and its sections with the
    demo's English texts (demo/english.py)."""

    pages = national_pages_to_translate(home, include_index=True)
    return translate_national_pages("en", strings=NATIONAL_ENGLISH, pages=pages)
