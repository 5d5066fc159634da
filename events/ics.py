"""Events as iCalendar (RFC 5545), written with the ``icalendar`` package: one VEVENT per session. An all-day
session is exported by its days (DTEND is the day after the last one, as the RFC says); a timed one in UTC.
The connection link of an online event is never written here: feeds are public (events/README.md)."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from icalendar import Calendar, Event


def event_components(event, request, stamp: datetime.datetime) -> list[Event]:
    url = event.get_full_url(request)
    components = []
    for session in event.ordered_sessions():
        component = Event()
        component.add("uid", f"evenement-{event.pk}-seance-{session.pk}@{request.get_host().split(':')[0]}")
        component.add("dtstamp", stamp)
        if session.all_day:
            component.add("dtstart", session.local_start.date())
            component.add("dtend", session.local_end.date() + datetime.timedelta(days=1))
        else:
            component.add("dtstart", session.start.astimezone(datetime.UTC))
            component.add("dtend", session.end.astimezone(datetime.UTC))
        component.add("summary", event.title)
        component.add("description", Truncator(event.summary).chars(1000))
        component.add("location", event.place_label())
        component.add("categories", [event.get_kind_display()])
        if url:
            component.add("url", url)
        components.append(component)
    return components


def calendar_for(events, request, *, name: str) -> bytes:
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//Promeneurs du Net//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", _("Agenda des Promeneurs du Net"))
    for event in events:
        for component in event_components(event, request, stamp):
            calendar.add_component(component)
    return calendar.to_ical()


def calendar_response(request, events, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar_for(events, request, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
