"""schema.org ``Event`` markup (JSON-LD) of an event page, for search engines and calendars that read it."""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from events.models import EventPlace

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def event_json_ld(event, request, sessions) -> str:
    """The ``<script type="application/ld+json">`` content, safe to put in HTML as is. The connection link of an
    online event is never in it (the markup is public, whoever reads the page)."""
    if not sessions:
        return ""
    first, last = sessions[0], sessions[-1]

    def moment(session, value):
        local = value.astimezone(first.local_start.tzinfo)
        return local.date().isoformat() if session.all_day else local.isoformat()

    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": strip_tags(event.summary),
        "startDate": moment(first, first.local_start),
        "endDate": moment(last, last.local_end),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": event.get_full_url(request),
        "organizer": {"@type": "Organization", "name": "Promeneurs du Net"},
    }
    if event.place == EventPlace.ONLINE:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
        data["location"] = {"@type": "VirtualLocation", "url": event.get_full_url(request)}
    else:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
        address = {"@type": "PostalAddress", "addressCountry": "FR"}
        if event.address:
            address["streetAddress"] = event.address
        if event.commune_id:
            address["addressLocality"] = event.commune.name
            if event.commune.main_postcode:
                address["postalCode"] = event.commune.main_postcode
        data["location"] = {"@type": "Place", "name": event.venue or event.place_label(), "address": address}
    if sessions and len(sessions) > 1:
        data["subEvent"] = [
            {
                "@type": "Event",
                "name": event.title,
                "startDate": moment(s, s.local_start),
                "endDate": moment(s, s.local_end),
            }
            for s in sessions
        ]
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_ESCAPES))
