"""Participation in meetings and trainings, from the agenda: the events held in the period in the scope, by
kind, with the participants recorded after them (counted once, whatever the number of sessions)."""

import datetime
from io import BytesIO

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from activity.indicators import year_period
from activity.participation import participation
from events.factories import agenda_of, make_event, session_times
from events.models import EventKind
from tests.activity.conftest import LAST_YEAR


def days_ago_in_last_year(month: int) -> int:
    return (timezone.localdate() - datetime.date(LAST_YEAR, month, 10)).days


def held_events(world):
    cher, ssd = agenda_of(world.cher.home), agenda_of(world.seine_saint_denis.home)
    days = days_ago_in_last_year(3)
    make_event(
        cher,
        title="Réunion de mars",
        kind=EventKind.DEPARTMENTAL_MEETING,
        sessions=[session_times(-days, (9, 12)), session_times(-days + 1, (9, 12))],
        participants=14,
    )
    make_event(
        cher, title="Formation d'avril", kind=EventKind.TRAINING, days_from_now=-days + 30, participants=8
    )
    make_event(cher, title="Formation sans compte", kind=EventKind.TRAINING, days_from_now=-days + 40)
    make_event(cher, title="Lancement public", kind=EventKind.LAUNCH, days_from_now=-days, participants=200)
    make_event(
        ssd, title="Réunion du 93", kind=EventKind.DEPARTMENTAL_MEETING, days_from_now=-days, participants=5
    )


def test_events_held_by_kind_with_their_participants(world, db):
    held_events(world)
    rows = participation([world.cher.department], year_period(LAST_YEAR))
    assert rows == [
        {"label": "Réunion départementale", "events": 1, "participants": 14, "uncounted": 0},
        {"label": "Formation", "events": 2, "participants": 8, "uncounted": 1},
    ]
    network = participation([], year_period(LAST_YEAR), network=True)
    assert network[0] == {"label": "Réunion départementale", "events": 2, "participants": 19, "uncounted": 0}
    assert participation([world.cher.department], year_period(LAST_YEAR - 1)) == []


def test_the_indicators_page_and_the_workbook_show_it(world, client_for, reports):
    held_events(world)
    url = reverse("activity:indicators") + f"?periode=annee&annee={LAST_YEAR}"
    page = client_for("coordination_18").get(url).content.decode()
    assert "Participation aux réunions et formations" in page and "Réunion de mars" not in page
    workbook = load_workbook(BytesIO(client_for("coordination_18").get(url + "&format=xlsx").content))
    rows = list(workbook["Participation"].iter_rows(values_only=True))
    assert ("Réunion départementale", 1, 14, 0) in rows and ("Formation", 2, 8, 1) in rows
