"""« En ligne maintenant » or the next office hours on the cards, in French, and the annuaire's availability
filter (``disponible``: maintenant, ce-soir, ce-week-end), in Paris time."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine

from directory.factories import make_promeneur
from directory.hours import PARIS, next_office_hours
from tests.directory.conftest import get

# Wednesday 25 November 2026.
WEDNESDAY = datetime.date(2026, 11, 25)


def at(day_offset, hour, minute=0):
    return datetime.datetime.combine(WEDNESDAY + datetime.timedelta(days=day_offset),
                                     datetime.time(hour, minute), tzinfo=PARIS)  # fmt: skip


def slot(weekday, start, end):
    return SimpleNamespace(weekday=weekday, start_time=datetime.time(*start), end_time=datetime.time(*end))


@pytest.mark.parametrize(
    "now, slots, expected",
    [
        (at(0, 15), [slot(2, (14,), (17,))], {"online": True, "label": "jusqu’à 17 h"}),
        (at(0, 10), [slot(2, (14,), (17, 30))], {"online": False, "label": "aujourd’hui 14 h – 17 h 30"}),
        (at(0, 18), [slot(3, (9,), (11,))], {"online": False, "label": "demain 9 h – 11 h"}),
        (at(0, 18), [slot(1, (17,), (19,)), slot(5, (10,), (12,))], {"online": False, "label": "samedi 10 h – 12 h"}),
        (at(0, 18), [slot(2, (14,), (17,))], {"online": False, "label": "mercredi 14 h – 17 h"}),  # next week
        (at(0, 18), [], None),
    ],
)  # fmt: skip
def test_next_office_hours_in_french(now, slots, expected):
    assert next_office_hours(slots, now) == expected


def hours(weekday, start, end):
    return {"weekday": weekday, "start_time": datetime.time(start), "end_time": datetime.time(end)}


@pytest.fixture
def week(world):
    """Léa, Karim and the others keep the default Wednesday 14–17 h; Camille answers on Wednesday evenings,
    Théo on Saturday mornings."""
    camille = make_promeneur(world.bourges, first_name="Camille", permanences=[hours(2, 19, 21)])
    theo = make_promeneur(world.bourges, first_name="Théo", permanences=[hours(5, 10, 12)])
    return SimpleNamespace(camille=camille, theo=theo)


def names_on(path="/annuaire/", host="18.localhost", **params):
    page = get(path, host=host, **params).content.decode()
    return {name for name in ("Léa", "Karim", "Camille", "Théo", "Inès") if f">{name}</a></h3>" in page}, page


def test_filters_follow_the_clock(world, week):
    with time_machine.travel(at(0, 15), tick=False):  # Wednesday 15 h
        now, page = names_on(disponible="maintenant")
        assert now == {"Léa", "Karim", "Inès"}
        assert "En ligne maintenant" in page
        tonight, _page = names_on(disponible="ce-soir")
        assert tonight == {"Camille"}
        weekend, _page = names_on(disponible="ce-week-end")
        assert weekend == {"Théo"}
    with time_machine.travel(at(0, 21, 30), tick=False):  # Wednesday 21 h 30: Camille's slot is over
        assert names_on(disponible="ce-soir")[0] == set()
        assert names_on(disponible="maintenant")[0] == set()
    with time_machine.travel(at(3, 11), tick=False):  # Saturday 11 h
        assert names_on(disponible="maintenant")[0] == {"Théo"}
    with time_machine.travel(at(3, 13), tick=False):  # Saturday 13 h: the weekend's only slot is over
        assert names_on(disponible="ce-week-end")[0] == set()


def test_cards_show_the_next_office_hours(world, week):
    with time_machine.travel(at(0, 10), tick=False):
        _names, page = names_on()
        assert "Prochaine permanence : aujourd’hui 14 h – 17 h" in page
        assert "Prochaine permanence : samedi 10 h – 12 h" in page
        assert "Prochaine permanence : aujourd’hui 19 h – 21 h" in page


def test_an_unknown_availability_is_ignored_with_a_french_notice(world):
    response = get("/annuaire/", host="18.localhost", disponible="demain-matin")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Disponibilité inconnue « demain-matin » : ce filtre a été ignoré." in page
    assert "Filtres (0)" in page
    assert "Filtres (1)" in get("/annuaire/", host="18.localhost", disponible="ce-soir").content.decode()
