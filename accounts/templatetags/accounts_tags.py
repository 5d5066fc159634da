from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value) -> int:
    """A timedelta as a whole number of minutes (at least 1)."""
    if isinstance(value, timedelta):
        return max(1, round(value.total_seconds() / 60))
    return value
