import datetime
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from directory.factories import make_photo, make_promeneur, make_structure
from directory.models import StructurePage
from reports.models import ProfileReport
from search.models import SearchQueryLog
from tests.accounts.world import build_world


def build_dashboard_world():
    """The permission world (tests/accounts/world.py) plus what the dashboard counts, with different numbers
    in the 18 and the 93 so that a figure leaking from one to the other shows."""
    world = build_world()
    pages = world.pages
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    # 18: structure A's convention ends in 30 days, A2's has ended (and A2 has no promeneur).
    StructurePage.objects.filter(pk=pages["structure_a"].pk).update(
        convention_end=today + datetime.timedelta(days=30)
    )
    StructurePage.objects.filter(pk=pages["structure_a2"].pk).update(
        convention_end=today - datetime.timedelta(days=1)
    )
    # 18: Aline's card is complete (photo added); Prune lacks a photo; Zoé lacks everything.
    aline = pages["promeneur_a"]
    aline.photo = make_photo("Photo d'Aline")
    aline.save_revision().publish()
    pages["promeneur_zoe"] = make_promeneur(
        pages["structure_a"],
        first_name="Zoé",
        job_title="Animatrice",
        title="Zoé, animatrice",
        slug="zoe",
        profiles=[],
        permanences=[],
        charter_signed_on=None,
    )
    # 93: both conventions end soon, three structures without an active promeneur, many incomplete cards.
    for key in ("structure_b", "structure_b2"):
        StructurePage.objects.filter(pk=pages[key].pk).update(
            convention_end=today + datetime.timedelta(days=10)
        )
    for number in range(3):
        pages[f"structure_93_{number}"] = make_structure(
            pages["annuaire_93"],
            title=f"Structure 93 n° {number}",
            slug=f"structure-93-{number}",
            commune=pages["structure_b"].commune,
        )
        make_promeneur(
            pages[f"structure_93_{number}"],
            first_name=f"Candidat{number}",
            job_title="Éducateur",
            title=f"Candidat {number}",
            slug=f"candidat-93-{number}",
            status="candidat",
            profiles=[],
        )
    # Searches: two queries without result this week in the 18 (one searched twice), one last week, one
    # with results; five in the 93.
    home_18, home_93 = world.cher.home, world.seine_saint_denis.home
    # Counted as the log counts them, one row per site, query and day: on a Monday (the week's only day so
    # far) the query searched twice is one row of two hits.
    searches_18 = Counter(
        [
            ("permanence nuit", today, 0),
            ("permanence nuit", monday, 0),
            ("discord vierzon", today, 0),
            ("ancienne", monday - datetime.timedelta(days=1), 0),
            ("aline", today, 3),
        ]
    )
    for (query, day, results), hits in searches_18.items():
        SearchQueryLog.objects.create(
            section_home=home_18, query_string=query, day=day, hits=hits, results_count=results
        )
    for number in range(5):
        SearchQueryLog.objects.create(
            section_home=home_93, query_string=f"requete {number}", day=today, hits=1, results_count=0
        )
    # Reports: one new and one in progress in the 18 (plus one done), three new in the 93.
    for department, status in [
        (world.cher.department, ProfileReport.Status.NEW),
        (world.cher.department, ProfileReport.Status.IN_PROGRESS),
        (world.cher.department, ProfileReport.Status.DONE),
        *[(world.seine_saint_denis.department, ProfileReport.Status.NEW)] * 3,
    ]:
        ProfileReport.objects.create(
            profile="faux_profil", platform="instagram", department=department, status=status
        )
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build_dashboard_world()
            transaction.set_rollback(True)


# Clients signed in per role, over this module's world (the fixture of tests/accounts, looked up by name).
from tests.accounts.conftest import client_for  # noqa: E402, F401


@pytest.fixture(autouse=True)
def _every_test_in_a_savepoint(db):
    """Every test here uses the database; with `world`, this is what rolls its changes back."""
