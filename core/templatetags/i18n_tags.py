"""Template side of core/i18n.py: the language switcher, the hreflang alternates and `lang` attributes on
passages that are not in the page's language.

    {% load i18n_tags %}
    {% language_links as links %}                    {# [] when the page exists in one language only #}
    {% hreflang_links as alternates %}               {# absolute URLs, x-default included #}
    <div{% lang_attr promeneur %}>…</div>            {# lang="fr" on French data shown on an English page #}
"""

from django import template
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page

from core import i18n

register = template.Library()


def _section(context):
    # The context processor provides the section lazily, as a callable.
    section = context.get("section")
    return section() if callable(section) else section


def _links(context) -> list[i18n.LanguageLink]:
    """Computed once per request and page: the switcher and the <head> alternates share them."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    cache = request.__dict__.setdefault("_pdn_language_links", {})
    key = page.pk if page else None
    if key not in cache:
        cache[key] = i18n.language_links(request, page=page, section=_section(context))
    return cache[key]


@register.simple_tag(takes_context=True)
def language_links(context):
    return _links(context)


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """(hreflang, absolute URL) pairs, plus x-default pointing at the default language's version."""
    links = _links(context)
    if not links:
        return []
    request = context["request"]
    pairs = [(link.code, request.build_absolute_uri(link.url)) for link in links]
    default = dict(pairs).get(i18n.default_language())
    return pairs + ([("x-default", default)] if default else [])


def _locale_codes(context) -> dict[int, str]:
    """Locale ids to language codes, read once per version of the page tree (a list of cards would query per
    card)."""
    return i18n.locale_codes(context.get("request"))


@register.simple_tag(takes_context=True)
def lang_attr(context, obj):
    """` lang="xx"` when `obj` (a page, a translatable object) is in another language than the one the
    page is displayed in, e.g. a promeneur's own French words on the English annuaire; else nothing."""
    code = _locale_codes(context).get(getattr(obj, "locale_id", None))
    if not code or code == translation.get_language():
        return ""
    return format_html(' lang="{}"', code)
