"""Filters of the page shell: the menu's current item (the page itself, or an ancestor of it, by url_path
prefix: a substring test of tree paths would mark unrelated items), and the ratio class of an embed."""

from django import template

register = template.Library()


@register.filter
def menu_state(item, page) -> str:
    """ "page" for the page itself, "true" for an ancestor of it, "" otherwise (the aria-current value)."""
    if page is None or not getattr(page, "url_path", None):
        return ""
    if item.pk == page.pk:
        return "page"
    if page.url_path.startswith(item.url_path):
        return "true"
    return ""


#: Ratios (height / width) of embeds with a class in site/static/css/pdn.css.
EMBED_RATIOS = {"ratio-16-9": 9 / 16, "ratio-4-3": 3 / 4, "ratio-1-1": 1.0, "ratio-9-16": 16 / 9}


@register.filter
def embed_ratio_class(embed) -> str:
    """The class of the common ratio nearest the embed's (its frame keeps its shape: no layout shift)."""
    try:
        ratio = embed.height / embed.width
    except (TypeError, ZeroDivisionError):
        return "ratio-16-9"
    return min(EMBED_RATIOS, key=lambda name: abs(EMBED_RATIOS[name] - ratio))
