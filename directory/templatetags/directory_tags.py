"""Template helpers of the annuaire (thin wrappers over directory.presenters)."""

from django import template

from directory import presenters

register = template.Library()


@register.filter
def mission_tags(promeneur):
    return presenters.mission_tags(promeneur)


@register.filter
def theme_tags(promeneur):
    return presenters.theme_tags(promeneur)


@register.filter
def networks(promeneur):
    return presenters.networks(promeneur)


@register.filter
def distance_label(distance_km):
    return presenters.distance_label(distance_km)


@register.filter
def town_name(structure):
    return presenters.town_name(structure)
