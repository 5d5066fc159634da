"""count_verification: one atomic counter per site, ISO week and answer; and the admin report
"Vérifications" (12 weeks, each coordination its own département, the Cnaf and administrators every site)."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import VerificationCount
from reports.stats import count_verification, week_start

WEDNESDAY = datetime.date(2025, 3, 12)
MONDAY = datetime.date(2025, 3, 10)


def counts():
    return {(row.department_id, row.week, row.outcome): row.count for row in VerificationCount.objects.all()}


@pytest.mark.django_db
def test_counts_per_department_week_and_outcome(cher):
    department = cher.department
    count_verification(department, "oui", day=WEDNESDAY)
    count_verification(department, "oui", day=MONDAY)
    count_verification(department, "non", day=WEDNESDAY + datetime.timedelta(days=4))  # Sunday: same week
    count_verification(None, "non_reconnu", day=WEDNESDAY)
    count_verification(None, "ressemblance", day=WEDNESDAY + datetime.timedelta(days=5))  # next Monday
    assert counts() == {
        (department.pk, MONDAY, "oui"): 2,
        (department.pk, MONDAY, "non"): 1,
        (None, MONDAY, "non_reconnu"): 1,
        (None, MONDAY + datetime.timedelta(days=7), "ressemblance"): 1,
    }


@pytest.mark.django_db
def test_this_week_by_default(cher):
    count_verification(cher.department, "non")
    assert VerificationCount.objects.get().week == week_start(timezone.localdate())
    assert week_start(datetime.date(2025, 1, 1)) == datetime.date(2024, 12, 30)  # ISO week 1 of 2025


@pytest.mark.django_db
def test_an_unknown_outcome_is_a_programming_error(cher):
    with pytest.raises(ValueError):
        count_verification(cher.department, "peut-être")
    assert VerificationCount.objects.count() == 0


@pytest.mark.django_db
def test_the_table_holds_no_personal_data():
    names = {field.name for field in VerificationCount._meta.get_fields()}
    assert names == {"id", "department", "week", "outcome", "count"}


@pytest.mark.django_db
@pytest.mark.parametrize("department", ["cher", None])
def test_a_row_created_by_a_concurrent_request_is_added_to(request, department):
    """The race of two first counts: the row appears between our UPDATE (0 rows) and our INSERT, which
    meets the unique constraint; the count is then added to that row."""
    from django.db.models.query import QuerySet

    department = request.getfixturevalue("cher").department if department else None
    real_update = QuerySet.update
    calls = []

    def update_then_lose_the_race(queryset, **kwargs):
        calls.append(kwargs)
        if len(calls) == 1:  # our UPDATE finds no row; meanwhile another request inserts it
            VerificationCount.objects.bulk_create(
                [VerificationCount(department=department, week=MONDAY, outcome="non", count=1)]
            )
            return 0
        return real_update(queryset, **kwargs)

    with mock.patch.object(QuerySet, "update", update_then_lose_the_race):
        count_verification(department, "non", day=WEDNESDAY)
    assert len(calls) == 2
    assert counts() == {(department.pk if department else None, MONDAY, "non"): 2}


# The admin report --------------------------------------------------------------------------------------


@pytest.fixture
def verifications(world):
    this_week = week_start(timezone.localdate())
    cher, ssd = world.cher.department, world.seine_saint_denis.department
    for _ in range(3):
        count_verification(cher, "oui")
    count_verification(cher, "non")
    count_verification(cher, "ressemblance")
    count_verification(cher, "ressemblance", day=this_week - datetime.timedelta(weeks=2))
    count_verification(cher, "non", day=this_week - datetime.timedelta(weeks=20))  # out of the 12 weeks
    for _ in range(7):
        count_verification(ssd, "non")
    count_verification(None, "non_reconnu")
    return this_week


def rows(response):
    assert response.status_code == 200
    return response.context["object_list"]


URL = "/admin/reports/verifications/"


def test_report_url():
    assert reverse("reports_verifications") == URL


def test_a_coordination_sees_its_department(client_for, verifications):
    table = rows(client_for("coordination_18").get(URL))
    assert len(table) == 12
    assert table[0] == {
        "week": verifications,
        "total": 5,
        "yes": 3,
        "no": 1,
        "look_alike": 1,
        "not_recognised": 0,
    }
    assert table[2]["look_alike"] == 1 and table[2]["total"] == 1
    assert sum(row["total"] for row in table) == 6


def test_a_coordination_cannot_filter_its_way_to_another_department(client_for, world, verifications):
    client = client_for("coordination_18")
    for other in (world.seine_saint_denis.department.pk, "null"):
        table = rows(client.get(URL, {"department": other}))
        # Not a choice of theirs: the filter is refused and the rows stay their own département's.
        assert sum(row["total"] for row in table) == 6
        assert table[0]["no"] == 1 and table[0]["not_recognised"] == 0


def test_the_cnaf_and_administrators_see_every_site(client_for, world, verifications):
    for role in ("cnaf", "superuser"):
        client = client_for(role)
        assert rows(client.get(URL))[0]["total"] == 5 + 7 + 1
        ssd = rows(client.get(URL, {"department": world.seine_saint_denis.department.pk}))
        assert ssd[0] == {**ssd[0], "total": 7, "no": 7}
        national = rows(client.get(URL, {"department": "null"}))
        assert national[0]["total"] == 1 and national[0]["not_recognised"] == 1


@pytest.mark.parametrize("role", ["structure_a", "anonymous"])
def test_others_see_nothing(client_for, verifications, role):
    response = client_for(role).get(URL)
    assert response.status_code in (302, 403)
    assert "object_list" not in (response.context or {})


def test_menu_item(client_for, verifications):
    assert URL in client_for("coordination_18").get("/admin/").content.decode()
    assert URL not in client_for("structure_a").get("/admin/").content.decode()
