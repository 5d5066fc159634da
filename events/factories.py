"""Factories for the agenda: events under an agenda (national or a département's). Shared by the test suite and
the demo loader; every text is fictional.

    event = make_event(agenda, title="Réunion départementale", days_from_now=10, hours=(9, 12))
"""

import datetime
from collections.abc import Iterable

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from events.models import AgendaPage, EventKind, EventPage, EventPlace, EventSession


class AgendaPageFactory(wagtail_factories.PageFactory):
    """An agenda; provisioning gives every section one at agenda/ (network/provisioning.py)."""

    class Meta:
        model = AgendaPage

    title = "Agenda"
    slug = "agenda"


class EventPageFactory(wagtail_factories.PageFactory):
    """An event; give it ``parent=<AgendaPage>`` (``make_event`` does it, with its sessions, and publishes)."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Rencontre du réseau n° {n}")
    slug = factory.LazyAttribute(lambda event: slugify(event.title))
    kind = EventKind.DEPARTMENTAL_MEETING
    summary = factory.LazyAttribute(lambda event: f"Résumé : {event.title}.")
    place = EventPlace.ONLINE
    online_url = "https://visio.example.org/reunion"


def session_times(
    days_from_now: int, hours: tuple[int, int] | None = (9, 12), length_days: int = 1
) -> tuple[datetime.datetime, datetime.datetime, bool]:
    """(start, end, all_day) of a session ``days_from_now`` days from today (negative: in the past), from
    ``hours[0]`` to ``hours[1]`` o'clock, or all day (``hours=None``) over ``length_days`` days."""
    day = timezone.localdate() + datetime.timedelta(days=days_from_now)
    zone = timezone.get_current_timezone()
    if hours is None:
        start = datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=zone)
        last = day + datetime.timedelta(days=length_days - 1)
        return start, datetime.datetime.combine(last, datetime.time(23, 59), tzinfo=zone), True
    start = datetime.datetime.combine(day, datetime.time(hours[0], 0), tzinfo=zone)
    return start, datetime.datetime.combine(day, datetime.time(hours[1], 0), tzinfo=zone), False


def make_event(
    agenda: AgendaPage,
    *,
    days_from_now: int = 7,
    hours: tuple[int, int] | None = (9, 12),
    sessions: Iterable[tuple[datetime.datetime, datetime.datetime, bool]] | None = None,
    publish: bool = True,
    **fields,
) -> EventPage:
    """An event under ``agenda``: one session ``days_from_now`` days away (``hours``, or all day with
    ``hours=None``) unless ``sessions`` lists them as (start, end, all_day)."""
    event = EventPageFactory.build(**fields)
    if sessions is None:
        sessions = [session_times(days_from_now, hours)]
    event.sessions = [EventSession(start=start, end=end, all_day=all_day) for start, end, all_day in sessions]
    agenda.add_child(instance=event)
    if publish:
        event.save_revision().publish()
    else:
        event.live = False
        event.save()
    return event


def agenda_of(home) -> AgendaPage:
    """The section's agenda, created (published) when the section has none yet."""
    agenda = AgendaPage.objects.child_of(home).first()
    if agenda is None:
        agenda = AgendaPageFactory.build()
        home.add_child(instance=agenda)
        agenda.save_revision().publish()
    return agenda
