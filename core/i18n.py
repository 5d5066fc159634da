"""Languages of the platform.

French is the source language of every page and of the interface; its URLs carry no prefix. Other languages
(English today) live under /<code>/ and exist only where someone translated the content with wagtail-localize:
a site "offers" a language when its home page has a live translation in it. The national site is translated
page by page; départements stay French unless they translate their own home. wagtail-localize's tree
synchronisation is deliberately not used (wagtail.locales replaces wagtail_localize.locales in
INSTALLED_APPS, so the admin cannot switch it on): it would alias every page of every département into
every language (wagtail/wagtail-localize#386).

This module holds what a request or a page offers (`language_links`, `counterpart_url`, `LanguageMiddleware`);
the scripted version of the admin's translation workflow, used by the demo, is in demo/translation.py.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, get_script_prefix, resolve
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core import visibility
from core.navigation import memoised, token_for

logger = logging.getLogger(__name__)

WAGTAIL_SERVE = "wagtail_serve"


# --------------------------------------------------------------------------------------------------------
# Languages offered by a page, a site, a request


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language's own name ("English"), never translated
    url: str
    is_current: bool


def default_language() -> str:
    return settings.LANGUAGE_CODE


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def live_versions(page: Page, request=None) -> dict[str, Page]:
    """The live versions of a page (itself included) by language code; with ``request``, memoised per version
    of the page tree (core/navigation.py)."""

    def read():
        versions = Page.objects.filter(translation_key=page.translation_key).live()
        return {version.locale.language_code: version for version in versions.select_related("locale")}

    return memoised(token_for(request), ("live-versions", page.translation_key), read)


def source_version(page: Page) -> Page:
    """The version of `page` in the default language (French), where the directory lives: structures and
    promeneurs are never translated, so an English section searches and lists them in its French tree."""
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return page.get_translation_or_none(default) or page


def site_home_in(site: Site | None, language: str, request=None) -> Page | None:
    """The live home of `site` in `language`, if the site offers that language."""
    if site is None:
        return None
    return live_versions(site.root_page, request).get(language)


def site_offers_language(request, language: str) -> bool:
    if language == default_language():
        return True
    return site_home_in(Site.find_for_request(request), language, request) is not None


def split_language_prefix(path: str) -> tuple[str | None, str]:
    """("en", "/annuaire/") for "/en/annuaire/"; (None, path) when the path has no language prefix.

    Strict, unlike Django's get_language_from_path, which reads "/en-pratique/" (a French page) as English
    because "en-pratique" looks like a regional variant of "en"."""
    segment, _slash, rest = path.lstrip("/").partition("/")
    if segment in language_codes():
        return segment, "/" + rest
    return None, path


def path_in_language(neutral_path: str, language: str) -> str:
    """The path of `neutral_path` in `language`: the default language has no prefix (config/urls.py,
    i18n_patterns with prefix_default_language=False)."""
    if language == default_language():
        return neutral_path
    return f"/{language}{neutral_path}"


def page_at(request, neutral_path: str, language: str) -> Page | None:
    """The live page routed at `neutral_path` in the `language` tree of the request's site."""
    home = site_home_in(Site.find_for_request(request), language, request)
    if home is None:
        return None
    components = [component for component in neutral_path.split("/") if component]
    try:
        page, _args, _kwargs = home.specific.route(request, components)
    except Http404:
        return None
    # A live page that answers 404 all the same (a promeneur not publicly listed) does not answer there: a
    # link to it from another language's 404 would reveal that it exists.
    return page if visibility.is_shown_publicly(page) else None


def answers_at(request, path: str, language: str) -> bool:
    """Whether something answers at `path` in `language`: a Django view, or a live page for Wagtail's
    catch-all route (which matches any path, so it has to be routed for real)."""
    with translation.override(language):
        try:
            match = resolve(path, getattr(request, "urlconf", None))
        except Resolver404:
            return False
    if match.url_name != WAGTAIL_SERVE:
        return True
    return page_at(request, split_language_prefix(path)[1], language) is not None


def with_script_prefix(path: str) -> str:
    return get_script_prefix().rstrip("/") + path


def counterpart_url(request, language: str) -> str | None:
    """The URL of the current request in another language when it exists there (query string kept, so a
    search or a filtered annuaire stays the same), else None."""
    if not site_offers_language(request, language):
        return None
    _current, neutral = split_language_prefix(request.path_info)
    path = path_in_language(neutral, language)
    if not answers_at(request, path, language):
        return None
    query = request.META.get("QUERY_STRING", "")
    return with_script_prefix(path) + (f"?{query}" if query else "")


def locale_codes(request=None) -> dict[int, str]:
    """Locale ids to language codes; with ``request``, memoised per version of the page tree (a change of
    locale changes it too, core/navigation.py)."""
    return memoised(
        token_for(request), ("locale-codes",), lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )


def _page_urls(request, page: Page) -> dict[str, str]:
    urls = {code: version.get_url(request) for code, version in live_versions(page, request).items()}
    # A draft being previewed is not live: it still is the current language's version.
    code = locale_codes(request).get(page.locale_id) or page.locale.language_code
    urls.setdefault(code, page.get_url(request))
    return {code: url for code, url in urls.items() if url}


def _view_urls(request, home: Page) -> dict[str, str]:
    """Django views (search, verification, API) and error pages: the same path in each language the
    section offers, else that language's home."""
    current = translation.get_language()
    urls = {}
    for code, home_version in live_versions(home, request).items():
        if code == current:
            urls[code] = request.get_full_path()
        else:
            urls[code] = counterpart_url(request, code) or home_version.get_url(request)
    return {code: url for code, url in urls.items() if url}


def language_links(request, page: Page | None = None, section=None) -> list[LanguageLink]:
    """One link per language the current page (or, outside the page tree, the current section) exists in,
    in the order of settings.LANGUAGES. Empty when there is a single language: no switcher then."""
    if isinstance(page, Page) and page.pk:
        urls = _page_urls(request, page)
    elif section is not None:
        urls = _view_urls(request, section.home)
    else:
        return []
    if len(urls) < 2:
        return []
    current = translation.get_language()
    return [
        LanguageLink(code=code, name=name, url=urls[code], is_current=code == current)
        for code, name in settings.LANGUAGES
        if code in urls
    ]


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the language read from the URL only and strictly: /en/… is English,
    anything else French (no cookie or Accept-Language: a URL always shows the same language, and a French
    slug such as "en-pratique" stays French). A language prefix the requested site has no content in (/en/
    on a French-only département) is a 404, in that language, instead of Wagtail serving the French tree
    under /en/ (Page.route_for_request falls back to the untranslated root)."""

    def process_request(self, request):
        language, _neutral = split_language_prefix(request.path_info)
        translation.activate(language or default_language())
        request.LANGUAGE_CODE = translation.get_language()
        if language and not site_offers_language(request, language):
            raise Http404("This site has no content in this language.")
