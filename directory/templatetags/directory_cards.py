"""Template helpers of the annuaire's cards and profile: the cards of a list (memoised), the next office hours,
the network marks, the « Retour » link of a card opened from the national annuaire (directory.hours,
directory.pages)."""

from urllib.parse import urlencode

from django import template
from django.utils.html import format_html_join
from django.utils.translation import get_language
from wagtail.models import Site

from core.navigation import memoised_many, token_for
from directory.hours import next_office_hours
from directory.presenters import distance_label

CARD_TEMPLATE = "directory/includes/promeneur_card.html"

register = template.Library()

#: A short mark drawn for each network next to the handle (the network's name is also written for screen
#: readers and in the link's text): letters, not logos, so that no trademark is copied.
NETWORK_MARKS = {
    "facebook": "f",
    "instagram": "IG",
    "snapchat": "SC",
    "tiktok": "TT",
    "whatsapp": "WA",
    "x": "X",
    "twitter": "X",
    "youtube": "YT",
    "discord": "DC",
    "twitch": "TW",
    "linkedin": "in",
    "threads": "@",
    "bluesky": "BS",
}


@register.simple_tag(takes_context=True)
def promeneur_cards(context, promeneurs, heading="h2", show_department=False):
    """Each promeneur's card (promeneur_card.html) in an ``<li>``.

    A card's HTML is memoised under the page tree's token (core.navigation: it changes with any content a card
    shows, pages and their inline rows, tags, images) and under everything else it depends on: the site asking
    (a link to another site's page is absolute), the language, the list's heading level, whether the card names
    its département, the national search carried to the profile, the distance and the office hours as they
    read now. A page of twenty cards then costs one read of the cache instead of twenty renderings."""
    promeneurs = list(promeneurs)
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    common = (
        "promeneur-card",
        site.pk if site else None,
        get_language(),
        heading,
        bool(show_department),
        context.get("depuis") or "",
    )
    hours = {promeneur.pk: office_hours(promeneur) for promeneur in promeneurs}
    keys = [
        (
            *common,
            promeneur.pk,
            distance_label(getattr(promeneur, "distance_km", None)),
            tuple(sorted(hours[promeneur.pk].items())) if hours[promeneur.pk] else None,
        )
        for promeneur in promeneurs
    ]
    by_key = dict(zip(keys, promeneurs, strict=True))

    def render(missing):
        card = context.template.engine.get_template(CARD_TEMPLATE)
        rendered = {}
        for key in missing:
            promeneur = by_key[key]
            values = {"heading": heading, "show_department": show_department, "hours": hours[promeneur.pk]}
            with context.push(promeneur=promeneur, **values):
                rendered[key] = card.render(context)
        return rendered

    cards = memoised_many(token_for(request), keys, render)
    return format_html_join("", "<li>{}</li>", ((card,) for card in cards))


@register.filter
def office_hours(promeneur):
    """``{"online": bool, "label": str}`` or None (see directory.hours.next_office_hours)."""
    return next_office_hours(promeneur.permanences.all())


@register.filter
def network_mark(platform: str) -> str:
    return NETWORK_MARKS.get(platform, "•")


@register.simple_tag(takes_context=True)
def card_url(context, promeneur):
    """The promeneur's URL; from the national annuaire, with its search (``depuis``) for the way back."""
    request = context.get("request")
    url = promeneur.get_url(request)
    depuis = context.get("depuis")
    return f"{url}?{urlencode({'depuis': depuis})}" if depuis else url
