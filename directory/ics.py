"""A promeneur's online office hours as an iCalendar file (``permanences.ics``): one weekly event per slot, in
Europe/Paris time (with its VTIMEZONE), so that a family can add them to a phone's calendar."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from directory.hours import PARIS

#: iCalendar's weekday codes, Monday first (Permanence.Weekday).
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def first_occurrence(weekday: int, start: datetime.time, today: datetime.date) -> datetime.datetime:
    """The slot's first day on or after ``today`` (Paris), at its start time."""
    day = today + datetime.timedelta(days=(weekday - today.weekday()) % 7)
    return datetime.datetime.combine(day, start, tzinfo=PARIS)


def permanences_calendar(promeneur, *, profile_url: str, host: str, now=None) -> bytes:
    """The calendar of ``promeneur``'s slots (a publicly listed promeneur: the caller checks)."""
    now = now or timezone.now()
    today = now.astimezone(PARIS).date()
    calendar = Calendar()
    calendar.add("prodid", "-//Promeneurs du Net//Permanences en ligne//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = promeneur.public_name
    calendar.add("x-wr-calname", _("Permanences en ligne de %(name)s") % {"name": name})
    calendar.add("x-wr-timezone", "Europe/Paris")
    slots = sorted(promeneur.permanences.all(), key=lambda slot: (slot.weekday, slot.start_time, slot.pk))
    structure = promeneur.structure.title if promeneur.structure_id else ""
    for slot in slots:
        start = first_occurrence(slot.weekday, slot.start_time, today)
        event = Event()
        event.add("uid", f"permanence-{slot.pk}@{host}")
        event.add("dtstamp", now.astimezone(datetime.UTC))
        event.add("dtstart", start)
        event.add("dtend", datetime.datetime.combine(start.date(), slot.end_time, tzinfo=PARIS))
        event.add("rrule", vRecur(freq="WEEKLY", byday=BYDAY[slot.weekday]))
        if slot.platform:
            summary = _("Permanence en ligne de %(name)s sur %(network)s") % {
                "name": name,
                "network": slot.get_platform_display(),
            }
        else:
            summary = _("Permanence en ligne de %(name)s") % {"name": name}
        event.add("summary", summary)
        description = _("%(name)s, %(job)s (%(structure)s), Promeneurs du Net. Fiche : %(url)s") % {
            "name": name,
            "job": promeneur.job_title,
            "structure": structure,
            "url": profile_url,
        }
        event.add("description", description)
        event.add("url", profile_url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
