"""The menu's current item: the page itself, or an ancestor of it, by url_path prefix (a substring test of
tree paths would mark unrelated items)."""

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
