"""The summaries the indicators read follow the reports through every write: the form (a new report, then
its figures changed), an ORM save that moves a report, a deletion, the promeneur's page deleted. After each,
the indicators of the year, a quarter and a month equal sums computed from the reports, and a full
``rebuild()`` finds nothing to change. A database with reports but no summary is summarised on migrate."""

import datetime

from django.db.models import Count, Sum
from django.urls import reverse

from activity import tallies
from activity.factories import make_year_of_reports
from activity.indicators import by_department, compute, month_period, quarter_period, year_period
from activity.models import (
    ActivityMonthTotal,
    ActivityReach,
    ActivityReport,
    ActivityTally,
    ActivityTallyReach,
)
from departments.models import Department

from .conftest import LAST_YEAR

PERIODS = (year_period(LAST_YEAR), quarter_period(LAST_YEAR, 2), month_period(LAST_YEAR, 3))


def _from_the_reports(departments, period) -> dict:
    reports = ActivityReport.objects.filter(
        department__in=departments, month__gte=period.start, month__lt=period.end
    )
    reach = ActivityReach.objects.filter(report__in=reports).aggregate(
        young=Sum("young_people"), parents=Sum("parents")
    )
    figures = reports.aggregate(
        n=Count("pk"), promeneurs=Count("promeneur", distinct=True), exchanges=Sum("exchanges")
    )
    return {
        "reports": figures["n"],
        "promeneurs": figures["promeneurs"],
        "exchanges": figures["exchanges"] or 0,
        "young": reach["young"] or 0,
        "parents": reach["parents"] or 0,
    }


def _from_the_tallies(departments, period) -> dict:
    result = compute(departments, period)
    return {
        "reports": result.reports,
        "promeneurs": result.promeneurs_reporting,
        "exchanges": result.exchanges,
        "young": result.young_people,
        "parents": result.parents,
    }


def _snapshot() -> tuple:
    def rows(model, *fields):
        return sorted(model.objects.values_list(*fields), key=repr)

    return (
        rows(ActivityTally, "kind", "start", "department", "promeneur", "structure_type", "commune", "youth",
             "parenting", "reports", "hours_online", "exchanges", "in_person_meetings", "projects_started",
             "support_requests", "young_people", "parents"),
        rows(ActivityTallyReach, "kind", "start", "department", "promeneur", "platform", "young_people", "parents"),
        rows(ActivityMonthTotal, "department", "month", "reports", "exchanges", "in_person_meetings",
             "young_people", "parents", "request_kinds"),
    )  # fmt: skip


def assert_in_step():
    network = Department.objects.all()
    for departments in (network, Department.objects.filter(code="18")):
        for period in PERIODS:
            assert _from_the_tallies(departments, period) == _from_the_reports(departments, period), period
    before = _snapshot()
    tallies.rebuild()
    assert _snapshot() == before


def _year(world):
    promeneurs = [world.pages["promeneur_a"].specific, world.pages["promeneur_b"].specific]
    make_year_of_reports(promeneurs, datetime.date(LAST_YEAR, 12, 1))


def test_a_year_of_reports_is_summarised_for_each_period(world, db):
    _year(world)
    assert ActivityTally.objects.filter(kind="annee").count() == 2
    assert ActivityTally.objects.filter(kind="trimestre").count() == 8
    assert ActivityTally.objects.filter(kind="mois").count() == 24
    assert ActivityMonthTotal.objects.count() == 24  # two départements, twelve months
    assert_in_step()


def test_the_form_s_new_report_and_its_changed_figures_are_counted(world, client_for):
    promeneur = world.pages["promeneur_a"]
    client = client_for("structure_a")
    data = {"promeneur": str(promeneur.pk), "month": f"{LAST_YEAR}-03", "hours_online": "6", "exchanges": "12",
            "in_person_meetings": "1", "projects_started": "0", "young_instagram": "10", "parents_instagram": "2"}  # fmt: skip
    assert client.post(reverse("activity:create"), data).status_code == 302
    cher = Department.objects.filter(code="18")
    assert compute(cher, month_period(LAST_YEAR, 3)).young_people == 10
    report = ActivityReport.objects.get()
    data.update(exchanges="30", young_instagram="0", young_snapchat="7", parents_instagram="0")
    assert client.post(reverse("activity:report", args=[report.pk]), data).status_code == 302
    march = compute(cher, month_period(LAST_YEAR, 3))
    assert (march.exchanges, march.young_people, march.parents) == (30, 7, 0)
    assert [row["key"] for row in march.by_network] == ["snapchat"]
    assert_in_step()


def test_a_report_moved_to_another_month_leaves_the_old_one(world, db):
    _year(world)
    report = ActivityReport.objects.get(promeneur=world.pages["promeneur_a"], month__month=3)
    report.delete()  # free March, then move April there
    april = ActivityReport.objects.get(promeneur=world.pages["promeneur_a"], month__month=4)
    april.month = datetime.date(LAST_YEAR, 3, 1)
    april.save()
    assert compute(Department.objects.filter(code="18"), month_period(LAST_YEAR, 4)).empty
    assert_in_step()


def test_deleted_reports_and_reach_rows_are_no_longer_counted(world, db):
    _year(world)
    ActivityReport.objects.filter(month__month=6).first().delete()
    ActivityReach.objects.filter(report__month__month=3).first().delete()
    assert_in_step()


def test_a_deleted_promeneur_s_reports_still_count(world, db):
    _year(world)
    before = _from_the_tallies(Department.objects.all(), PERIODS[0])
    world.pages["promeneur_b"].specific.delete()
    assert ActivityReport.objects.filter(promeneur__isnull=True).count() == 12
    after = _from_the_tallies(Department.objects.all(), PERIODS[0])
    assert after == {**before, "promeneurs": before["promeneurs"] - 1}
    assert_in_step()


def test_by_department_adds_up_to_the_network(world, db):
    _year(world)
    period = PERIODS[0]
    table = by_department(Department.objects.all(), period)
    network = compute(Department.objects.all(), period)
    assert sum(row["young"] for row in table) == network.young_people
    assert sum(row["promeneurs"] for row in table) == network.promeneurs_reporting


def test_reports_without_summaries_are_summarised_on_migrate(world, db):
    _year(world)
    expected = _snapshot()
    for model in (ActivityTally, ActivityTallyReach, ActivityMonthTotal):
        model.objects.all().delete()
    assert compute(Department.objects.all(), PERIODS[0]).empty
    tallies.summarise_unsummarised(using="default")
    assert _snapshot() == expected
