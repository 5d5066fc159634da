"""`{% meta_description %}`: the page's meta description (core/meta.py), for base.html's <head>."""

from django import template

from core.meta import meta_description as describe

register = template.Library()


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    """A view without a page may set `meta_description` in its context; pages describe themselves."""
    return describe(
        page=context.get("page"),
        section=context.get("section"),
        override=context.get("meta_description", ""),
    )
