"""Turn what a visitor types in "près de" (a postcode, a town name or an INSEE code) into a commune."""

import re
from dataclasses import dataclass, field

from django.db import connection

from core.text import fold
from geo.models import Commune

_POSTCODE = re.compile(r"^\d{5}$")
_INSEE = re.compile(r"^(\d{5}|2[ab]\d{3})$", re.IGNORECASE)
_POSTCODE_IN_TEXT = re.compile(r"\b(\d{5})\b")


@dataclass
class CommuneLookup:
    commune: Commune | None = None
    suggestions: list[Commune] = field(default_factory=list)


def find_commune(text: str, suggestion_count: int = 5) -> CommuneLookup:
    text = (text or "").strip()[:100]
    if not text:
        return CommuneLookup()
    located = Commune.objects.exclude(latitude=None)
    if _POSTCODE.match(text):
        # A postcode shared by several communes: take the most populated (the one people mean).
        by_postcode = located.filter(postcode_links__postcode=text).order_by("-population", "name")
        commune = by_postcode.first()
        if commune:
            return CommuneLookup(commune=commune)
    if _INSEE.match(text):
        commune = located.filter(insee_code=text.upper()).first()
        if commune:
            return CommuneLookup(commune=commune)
    # "La Rochelle (17000)" as offered by the suggestions: trust the postcode to disambiguate.
    postcode_match = _POSTCODE_IN_TEXT.search(text)
    name = fold(_POSTCODE_IN_TEXT.sub("", text).strip(" ()"))
    if name:
        same_name = located.filter(folded_name=name)
        if postcode_match:
            same_name = same_name.filter(postcode_links__postcode=postcode_match.group(1))
        commune = same_name.order_by("-population").first()
        if commune:
            return CommuneLookup(commune=commune)
        suggestions = list(
            located.filter(folded_name__startswith=name).order_by("-population")[:suggestion_count]
        )
        if len(suggestions) < suggestion_count and len(name) >= 3:
            seen = {c.pk for c in suggestions}
            suggestions += [
                c
                for c in located.filter(folded_name__contains=name).order_by("-population")[:suggestion_count]
                if c.pk not in seen
            ][: suggestion_count - len(suggestions)]
        return CommuneLookup(suggestions=suggestions)
    return CommuneLookup()


def communes_starting_with(text: str, limit: int = 5, department_code: str | None = None) -> list[Commune]:
    """The most populated located communes whose folded name starts with ``text`` (or, for five digits, that
    a postcode serves), for suggestions: read through the folded name's index, never the whole table."""
    prefix = fold((text or "").strip()[:100])
    if not prefix:
        return []
    located = Commune.objects.exclude(latitude=None)
    if department_code:
        located = located.filter(department_code=department_code)
    if _POSTCODE.match(prefix):
        matching = located.filter(postcode_links__postcode=prefix).distinct()
    elif connection.vendor == "sqlite":
        # SQLite's LIKE ignores case, so it cannot use the index: the same prefix as a range of the index.
        following = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        matching = located.filter(folded_name__gte=prefix, folded_name__lt=following)
    else:
        matching = located.filter(folded_name__startswith=prefix)
    return list(matching.order_by("-population", "folded_name")[:limit])
