"""Template helpers of the annuaire's cards and profile: the next office hours, the network marks, the
« Retour » link of a card opened from the national annuaire (directory.hours, directory.pages)."""

from urllib.parse import urlencode

from django import template

from directory.hours import next_office_hours

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
