"""``hides_live_link``: for the admin's status tags (see directory/live_link.py)."""

from django import template

from directory.live_link import hides_live_link as _hides_live_link

register = template.Library()


@register.filter
def hides_live_link(page) -> bool:
    return _hides_live_link(page)
