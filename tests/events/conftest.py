"""The agenda's world: each section's agenda and a few events, built once per test module inside a
transaction rolled back at the module's end (tests run in savepoints on top of it)."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from core.navigation import forget as forget_navigation
from events.factories import agenda_of, make_event, session_times
from events.models import EventAudience, EventKind, EventPlace
from geo.factories import known_commune
from tests import network


def build_agenda_world() -> SimpleNamespace:
    national, cher, ssd = (
        network.national_home(),
        network.department_site("18"),
        network.department_site("93"),
    )
    world = SimpleNamespace(national=agenda_of(national), cher=agenda_of(cher.home), ssd=agenda_of(ssd.home))
    bourges = known_commune("bourges")
    make_event(
        world.national,
        title="Journée nationale des promeneurs",
        kind=EventKind.NATIONAL_DAY,
        days_from_now=20,
        hours=None,
    )
    make_event(
        world.cher,
        title="Réunion départementale du Cher",
        kind=EventKind.DEPARTMENTAL_MEETING,
        audience=EventAudience.PROMENEURS,
        place=EventPlace.ON_SITE,
        online_url="",
        venue="Maison des associations",
        address="28 rue Gambon",
        commune=bourges,
        days_from_now=10,
        show_in_national_agenda=True,
    )
    make_event(
        world.cher,
        title="Formation aux réseaux sociaux",
        kind=EventKind.TRAINING,
        audience=EventAudience.STRUCTURES,
        days_from_now=5,
        hours=(14, 17),
    )
    make_event(
        world.cher,
        title="Cycle d'accompagnement",
        kind=EventKind.TRAINING,
        sessions=[session_times(-2, (9, 12)), session_times(3, (9, 12))],
    )
    make_event(world.cher, title="Lancement du réseau", kind=EventKind.LAUNCH, days_from_now=-400)
    make_event(world.cher, title="Atelier passé", kind=EventKind.OTHER, days_from_now=-30)
    make_event(world.cher, title="Brouillon", days_from_now=8, publish=False)
    make_event(
        world.ssd,
        title="Forum à Bobigny",
        kind=EventKind.LAUNCH,
        audience=EventAudience.FAMILIES,
        days_from_now=15,
        show_in_national_agenda=True,
    )
    return world


@pytest.fixture(scope="module")
def _agenda_world_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        network.ensure_network()
        with transaction.atomic():
            cache.clear()
            forget_navigation()
            yield build_agenda_world()
            transaction.set_rollback(True)
        cache.clear()
        forget_navigation()


@pytest.fixture
def agenda_world(_agenda_world_module, db):
    cache.clear()
    forget_navigation()
    return _agenda_world_module


def get(path, host="localhost", user=None, **params):
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
    return client.get(path, params or None)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return [event.title for event in response.context["events"]]
