"""Bad input in the event form gets French field errors: a session ending before it starts, registration
closing after the event has begun, an online event without its link, an event without a date."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from accounts.factories import SuperuserFactory
from events.models import EventPage


def event_form(agenda, user, *, sessions, **fields):
    data = {
        "title": "Formation des promeneurs",
        "slug": "formation-des-promeneurs",
        "kind": "formation",
        "audience": "tous",
        "summary": "Deux heures pour découvrir la démarche.",
        "place": "en-ligne",
        "online_url": "https://visio.example.org/formation",
        "body": streamfield([]),
        "sessions": inline_formset(sessions),
    }
    data.update(fields)
    form_class = EventPage.get_edit_handler().get_form_class()
    return form_class(nested_form_data(data), instance=EventPage(), parent_page=agenda, for_user=user)


def session(start, end, all_day=False):
    return {"start": start, "end": end, "all_day": "on" if all_day else ""}


@pytest.fixture
def admin(db):
    return SuperuserFactory(username="admin_agenda")


def test_a_valid_event(agenda_world, admin):
    form = event_form(agenda_world.cher, admin, sessions=[session("2030-03-10 09:00", "2030-03-10 12:00")],
                      registration_closes="2030-03-01")  # fmt: skip
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["sessions"].forms])


def test_an_end_before_the_start(agenda_world, admin):
    form = event_form(agenda_world.cher, admin, sessions=[session("2030-03-10 09:00", "2030-03-09 12:00")])
    assert not form.is_valid()
    errors = form.formsets["sessions"].forms[0].errors
    assert errors["end"] == ["La fin de la séance ne peut pas précéder son début."]


def test_registration_closing_after_the_start(agenda_world, admin):
    form = event_form(agenda_world.cher, admin, sessions=[session("2030-03-10 09:00", "2030-03-10 12:00")],
                      registration_closes="2030-03-11")  # fmt: skip
    assert not form.is_valid()
    assert form.errors["registration_closes"] == [
        "La clôture des inscriptions doit précéder le début de l'événement (10/03/2030)."
    ]


def test_an_online_event_without_a_link(agenda_world, admin):
    form = event_form(agenda_world.cher, admin, sessions=[session("2030-03-10 09:00", "2030-03-10 12:00")],
                      online_url="")  # fmt: skip
    assert not form.is_valid()
    assert form.errors["online_url"] == ["Un événement en ligne a besoin d'un lien de connexion."]


def test_an_event_on_site_needs_its_commune(agenda_world, admin):
    form = event_form(agenda_world.cher, admin, sessions=[session("2030-03-10 09:00", "2030-03-10 12:00")],
                      place="sur-place", online_url="")  # fmt: skip
    assert not form.is_valid()
    assert form.errors["commune"] == ["Indiquez la commune où se tient l'événement."]


def test_an_event_without_a_date(agenda_world, admin):
    form = event_form(agenda_world.cher, admin, sessions=[])
    assert not form.is_valid()
