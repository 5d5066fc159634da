"""The iCalendar feeds (the agenda's, with its filters, and each event's « Ajouter à mon agenda ») parse with the
icalendar package: one VEVENT per session, all-day sessions as dates, never an online event's connection link."""

import datetime

from icalendar import Calendar

from tests.events.conftest import get


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> list[str]:
    return [str(component["summary"]) for component in calendar.walk("VEVENT")]


def test_the_national_feed_has_the_national_and_flagged_events(agenda_world):
    calendar = parse(get("/agenda/ical/"))
    assert str(calendar["version"]) == "2.0"
    assert sorted(summaries(calendar)) == [
        "Forum à Bobigny",
        "Journée nationale des promeneurs",
        "Réunion départementale du Cher",
    ]


def test_a_departement_feed_has_one_event_per_session(agenda_world):
    calendar = parse(get("/agenda/ical/", host="18.localhost"))
    names = summaries(calendar)
    assert names.count("Cycle d'accompagnement") == 2
    assert "Atelier passé" in names  # a year of past events stays in subscribers' calendars
    assert "Lancement du réseau" not in names
    assert "Brouillon" not in names
    uids = [str(component["uid"]) for component in calendar.walk("VEVENT")]
    assert len(set(uids)) == len(uids)


def test_the_feed_follows_the_filters(agenda_world):
    calendar = parse(get("/agenda/ical/", host="18.localhost", type="formation"))
    assert set(summaries(calendar)) == {"Cycle d'accompagnement", "Formation aux réseaux sociaux"}
    # An unknown value is ignored, as on the page.
    assert parse(get("/agenda/ical/", host="18.localhost", type="inconnu")).walk("VEVENT")


def test_an_all_day_session_is_exported_as_dates(agenda_world):
    calendar = parse(get("/agenda/ical/"))
    day = next(c for c in calendar.walk("VEVENT") if str(c["summary"]) == "Journée nationale des promeneurs")
    start, end = day.decoded("dtstart"), day.decoded("dtend")
    assert type(start) is datetime.date and end == start + datetime.timedelta(days=1)


def test_add_to_my_calendar_on_each_event_without_the_connection_link(agenda_world):
    page = get("/agenda/formation-aux-reseaux-sociaux/", host="18.localhost")
    assert "Ajouter à mon agenda" in page.content.decode()
    assert 'href="/agenda/formation-aux-reseaux-sociaux/ical/"' in page.content.decode()
    response = get("/agenda/formation-aux-reseaux-sociaux/ical/", host="18.localhost")
    calendar = parse(response)
    assert summaries(calendar) == ["Formation aux réseaux sociaux"]
    assert str(calendar.walk("VEVENT")[0]["location"]) == "En ligne"
    assert "visio.example.org" not in response.content.decode()
    event = calendar.walk("VEVENT")[0]
    assert str(event["url"]) == "http://18.localhost/agenda/formation-aux-reseaux-sociaux/"
