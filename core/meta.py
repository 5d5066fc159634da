"""The meta description of a page: what a search engine shows under its title.

A page's own search description (Wagtail's "promote" tab) first, else its summary or intro (the first of
`BasePage.meta_description_fields` that holds text), else the section's default sentence. Plain text, one
line, cut on a word at about 160 characters."""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext

MAX_LENGTH = 160


def clean_description(text) -> str:
    """Plain text on one line, at most MAX_LENGTH characters (cut on a word, with an ellipsis)."""
    text = " ".join(strip_tags(str(text or "")).split())
    return Truncator(text).chars(MAX_LENGTH, truncate="…")


def page_description(page) -> str:
    """The page's own description: its search description, else its first non-empty text field."""
    if page is None:
        return ""
    own = clean_description(getattr(page, "search_description", ""))
    if own:
        return own
    for name in getattr(page, "meta_description_fields", ()):
        value = getattr(page, name, "")
        if callable(value):
            value = value()
        text = clean_description(value)
        if text:
            return text
    return ""


def section_default(section) -> str:
    """The site's default sentence, naming the département with its article on a département's site."""
    department = getattr(section, "department", None) if section is not None else None
    of_name = getattr(department, "of_name", "") if department is not None else ""
    if of_name:
        return gettext(
            "Les Promeneurs du Net %(of_name)s : des professionnels de la jeunesse et de la parentalité "
            "présents sur Internet. Trouvez un promeneur près de chez vous et vérifiez un profil."
        ) % {"of_name": of_name}
    return gettext(
        "Les Promeneurs du Net : des professionnels de la jeunesse et de la parentalité présents sur "
        "Internet. Trouvez un promeneur près de chez vous et vérifiez un profil."
    )


def meta_description(page=None, section=None, override="") -> str:
    """The description of a page (or of a view, through `override`), never empty."""
    return clean_description(override) or page_description(page) or section_default(section)
