"""« Le réseau en chiffres » on the home pages: on by default nationally, optional on a département's home;
totals only (listed promeneurs, structures in the network, social networks covered, people reached over the
last twelve complete months), and anyone not publicly listed is not counted."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from activity.factories import make_report
from activity.indicators import add_months
from activity.models import first_of_month
from directory.factories import set_status
from directory.models import PromeneurPage

LAST_MONTH = add_months(first_of_month(timezone.localdate()), -1)


@pytest.fixture
def recent_reports(world, db):
    cache.clear()
    make_report(world.pages["promeneur_a"].specific, LAST_MONTH, reaches={"instagram": (12, 3)})
    make_report(world.pages["promeneur_b"].specific, LAST_MONTH, reaches={"snapchat": (30, 0)})
    # Thirteen months ago: out of the rolling year.
    make_report(
        world.pages["promeneur_a"].specific, add_months(LAST_MONTH, -12), reaches={"instagram": (500, 0)}
    )
    yield
    cache.clear()


KINDS = {"promeneur": "promeneurs", "structure": "structures", "réseau": "networks", "jeune": "people"}


def figures(host: str) -> dict[str, int] | None:
    """The block's figures by kind (what each label starts with, singular or plural)."""
    html = Client(HTTP_HOST=host).get("/").content.decode()
    block = re.search(r'<section class="network-figures".*?</section>', html, re.S)
    if block is None:
        return None
    pairs = re.findall(r'network-figures__number">([\d\s\u202f\xa0]+)</span>\s*([^<]+?)</li>', block.group(0))
    kinds = {}
    for number, label in pairs:
        kind = next(kind for start, kind in KINDS.items() if label.strip().startswith(start))
        kinds[kind] = int(re.sub(r"\D", "", number))
    return kinds


def test_the_national_home_shows_the_networks_totals(world, recent_reports):
    shown = figures("localhost")
    listed = PromeneurPage.objects.publicly_listed().count()
    assert shown["promeneurs"] == listed
    assert shown["people"] == 45
    assert shown["networks"] >= 1


def test_a_departement_home_shows_its_own_once_switched_on(world, recent_reports):
    assert figures("18.localhost") is None  # off by default
    home = world.cher.home.specific
    home.show_network_figures = True
    home.save_revision().publish()
    cache.clear()
    cher = figures("18.localhost")
    assert cher["people"] == 15
    listed = PromeneurPage.objects.publicly_listed().filter(department=world.cher.department).count()
    assert cher["promeneurs"] == listed

    # A suspended promeneur leaves the count at once (once the cache of the figures expires: cleared here).
    set_status(world.pages["promeneur_a"].specific, "suspendu", "Test")
    cache.clear()
    assert figures("18.localhost").get("promeneurs", 0) == listed - 1


def test_the_block_can_be_switched_off_nationally(world, recent_reports):
    home = world.national_home.specific
    home.show_network_figures = False
    home.save_revision().publish()
    cache.clear()
    assert figures("localhost") is None
