"""/agenda/ on each site: upcoming events first (by their next session), past ones by year, the national agenda
rolling up the départements' flagged events, and the GET filters (kind, audience, month) without JavaScript."""

import datetime

from django.utils import timezone

from tests.events.conftest import get, titles


def test_the_national_agenda_rolls_up_the_flagged_departement_events(agenda_world):
    assert titles(get("/agenda/")) == [
        "Réunion départementale du Cher",
        "Forum à Bobigny",
        "Journée nationale des promeneurs",
    ]


def test_a_departement_lists_its_own_upcoming_events_soonest_first(agenda_world):
    # The cycle's first session is over, its next one (in 3 days) places it first; drafts and past events are not listed.
    expected = ["Cycle d'accompagnement", "Formation aux réseaux sociaux", "Réunion départementale du Cher"]
    assert titles(get("/agenda/", host="18.localhost")) == expected
    assert titles(get("/departements/cher/agenda/")) == expected
    assert titles(get("/agenda/", host="93.localhost")) == ["Forum à Bobigny"]


def test_past_events_are_archived_by_year(agenda_world):
    today = timezone.localdate()
    launch_year = (today - datetime.timedelta(days=400)).year
    workshop_year = (today - datetime.timedelta(days=30)).year
    response = get("/agenda/", host="18.localhost")
    assert response.context["past_years"] == sorted({launch_year, workshop_year}, reverse=True)
    assert f'href="/agenda/?annee={launch_year}"' in response.content.decode()
    assert titles(get("/agenda/", host="18.localhost", annee=str(launch_year))) == ["Lancement du réseau"]
    archived = titles(get("/agenda/", host="18.localhost", annee=str(workshop_year)))
    assert "Atelier passé" in archived
    assert "Formation aux réseaux sociaux" not in archived
    assert "Cycle d'accompagnement" not in archived  # not over: still upcoming


def test_filters_by_kind_and_audience(agenda_world):
    assert titles(get("/agenda/", host="18.localhost", type="formation")) == [
        "Cycle d'accompagnement",
        "Formation aux réseaux sociaux",
    ]
    # An event for everyone matches every audience.
    assert titles(get("/agenda/", public="promeneurs")) == [
        "Réunion départementale du Cher",
        "Journée nationale des promeneurs",
    ]


def test_filter_by_month(agenda_world):
    event = agenda_world.cher.get_children().get(title="Formation aux réseaux sociaux").specific
    month = timezone.localtime(event.ordered_sessions()[0].start).strftime("%Y-%m")
    listed = titles(get("/agenda/", host="18.localhost", mois=month))
    assert "Formation aux réseaux sociaux" in listed
    assert "Lancement du réseau" not in listed


def test_unknown_filter_values_give_a_french_notice_never_an_error(agenda_world):
    response = get(
        "/agenda/", host="18.localhost", type="pique-nique", public="<script>", mois="2026-13", annee="abc"
    )
    assert response.status_code == 200
    notices = response.context["notices"]
    assert "Type d'événement inconnu « pique-nique » : ce filtre a été ignoré." in notices
    assert any(notice.startswith("Public inconnu") for notice in notices)
    assert any(notice.startswith("Mois non reconnu") for notice in notices)
    assert any(notice.startswith("Année non reconnue") for notice in notices)
    # The filters were ignored: the upcoming events are listed.
    assert len(response.context["events"]) == 3
    assert "<script>" not in response.content.decode()


def test_a_page_number_out_of_range_shows_the_last_page(agenda_world):
    assert titles(get("/agenda/", host="18.localhost", page="99")) == titles(
        get("/agenda/", host="18.localhost")
    )
    assert get("/agenda/", host="18.localhost", page="x").status_code == 200


def test_the_agenda_advertises_its_calendar_feed_with_the_filters(agenda_world):
    body = get("/agenda/", host="18.localhost", type="formation").content.decode()
    assert '<link rel="alternate" type="text/calendar"' in body
    assert 'href="/agenda/ical/?type=formation"' in body


def test_the_homes_show_the_next_three_events(agenda_world):
    from django.template.loader import render_to_string

    from core.sections import section_for_page
    from tests import network

    section = section_for_page(network.department_site("18").home)
    html = render_to_string("events/includes/next_events.html", {"section": section})
    assert html.count('class="card event-card"') == 3
    assert "Prochains événements" in html
