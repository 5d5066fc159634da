"""A promeneur's office hours as an .ics (« Ajouter les permanences à mon agenda »): weekly events in
Europe/Paris that icalendar parses back; 404 for anyone not publicly listed and outside the site's scope."""

import datetime

import icalendar

from directory.factories import make_promeneur, set_status
from directory.models import PromeneurStatus
from tests.directory.conftest import get

SLOTS = [
    {"weekday": 1, "start_time": datetime.time(17), "end_time": datetime.time(19), "platform": "instagram"},
    {"weekday": 5, "start_time": datetime.time(10, 30), "end_time": datetime.time(12)},
]


def ics_path(promeneur):
    return f"/annuaire/permanences/{promeneur.pk}.ics"


def test_the_ics_holds_one_weekly_event_per_slot_in_paris_time(world):
    camille = make_promeneur(world.bourges, first_name="Camille", permanences=SLOTS)
    response = get(ics_path(camille), host="18.localhost")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("dtstart").weekday())
    assert len(events) == 2
    tuesday, saturday = events
    start, end = tuesday.decoded("dtstart"), tuesday.decoded("dtend")
    assert (
        start.weekday() == 1 and (start.hour, start.minute) == (17, 0) and (end.hour, end.minute) == (19, 0)
    )
    assert str(start.tzinfo) == "Europe/Paris"
    assert tuesday["rrule"]["FREQ"] == ["WEEKLY"] and tuesday["rrule"]["BYDAY"] == ["TU"]
    assert "Instagram" in str(tuesday["summary"]) and "Camille" in str(tuesday["summary"])
    assert saturday["rrule"]["BYDAY"] == ["SA"]
    assert (saturday.decoded("dtstart").hour, saturday.decoded("dtstart").minute) == (10, 30)
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Paris"
    assert camille.get_full_url() in str(tuesday["url"])
    # The national site serves it too; the profile links to it.
    assert get(ics_path(camille)).status_code == 200
    profile = get(camille.url_path.split("/cher", 1)[1], host="18.localhost").content.decode()
    assert f'href="{ics_path(camille)}"' in profile


def test_hidden_promeneurs_and_other_departements_get_a_404(world):
    for hidden in (world.zoe, world.nathan, world.yanis):
        assert get(ics_path(hidden), host="18.localhost").status_code == 404
        assert get(ics_path(hidden)).status_code == 404
    assert get(ics_path(world.lea), host="93.localhost").status_code == 404  # the Cher's, not the 93's
    assert get("/annuaire/permanences/999999999.ics").status_code == 404
    set_status(world.lea, PromeneurStatus.SUSPENDED, "test")
    assert get(ics_path(world.lea), host="18.localhost").status_code == 404
