"""The summaries the indicators read (activity.models: ActivityTally, ActivityTallyReach, ActivityMonthTotal),
kept in step with the reports.

At the network's scale the indicators cannot be summed from the reports on each request (600,000 reports and
1.2 million reach rows a year: seconds; benchmarks/README.md). The summaries hold the same sums grouped as the
indicators need them, one promeneur and period per row, and are rewritten from the reports whenever a report
changes, so they are a cache of the reports, never a second source: ``rebuild()`` recomputes them all.

The unit rewritten is one promeneur's calendar year (its tallies of the year, of its quarters and of its
months) and one département's month (its month total). Saving or deleting a report or one of its reach rows
rewrites the units it touches at once (signals below); inside ``deferred()`` they are gathered and each is
rewritten once at the end (the form's save, a year of demo reports). Writes that send no signal
(``bulk_create``, ``QuerySet.update`` / ``delete``) are followed by ``rebuild()``.
"""

import contextlib
import contextvars
import datetime
from collections import Counter

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from activity.models import (
    ActivityMonthTotal,
    ActivityReach,
    ActivityReport,
    ActivityTally,
    ActivityTallyReach,
    PeriodKind,
)

TRUNCATE = {PeriodKind.YEAR: TruncYear, PeriodKind.QUARTER: TruncQuarter, PeriodKind.MONTH: TruncMonth}
#: The report's columns a tally is grouped by, beside the period.
FACTS = ("department_id", "promeneur_id", "structure_type", "commune_id", "youth", "parenting")
BATCH = 5000

_pending: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "activity_tallies_pending", default=None
)


def _year_span(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": datetime.date(year, 1, 1), f"{field}__lt": datetime.date(year + 1, 1, 1)})


def _insert_tallies(reports) -> None:
    """The tallies and tally reaches of ``reports`` (a queryset), for the three kinds of period."""
    reports = reports.order_by()
    reaches = ActivityReach.objects.filter(report__in=reports.values("pk")).order_by()
    for kind, truncate in TRUNCATE.items():
        reached = {
            (start, *facts): (young or 0, parents or 0)
            for start, *facts, young, parents in reaches.annotate(start=truncate("report__month"))
            .values_list("start", *(f"report__{fact}" for fact in FACTS))
            .annotate(young=Sum("young_people"), parents=Sum("parents"))
        }
        rows = (
            reports.annotate(start=truncate("month"))
            .values_list("start", *FACTS)
            .annotate(
                n=Count("pk"),
                hours=Sum("hours_online"),
                exchanges=Sum("exchanges"),
                meetings=Sum("in_person_meetings"),
                projects=Sum("projects_started"),
                support=Count("pk", filter=Q(needs_support=True)),
            )
        )
        tallies = []
        for start, *facts, n, hours, exchanges, meetings, projects, support in rows:
            young, parents = reached.get((start, *facts), (0, 0))
            tallies.append(
                ActivityTally(
                    kind=kind, start=start, **dict(zip(FACTS, facts, strict=True)), reports=n,
                    hours_online=hours or 0, exchanges=exchanges or 0, in_person_meetings=meetings or 0,
                    projects_started=projects or 0, support_requests=support, young_people=young,
                    parents=parents,
                )
            )  # fmt: skip
        ActivityTally.objects.bulk_create(tallies, batch_size=BATCH)
        ActivityTallyReach.objects.bulk_create(
            (
                ActivityTallyReach(
                    kind=kind, start=start, department_id=department, promeneur_id=promeneur,
                    platform=platform, young_people=young or 0, parents=parents or 0,
                )
                for start, department, promeneur, platform, young, parents in reaches.annotate(
                    start=truncate("report__month")
                )
                .values_list("start", "report__department_id", "report__promeneur_id", "platform")
                .annotate(young=Sum("young_people"), parents=Sum("parents"))
            ),
            batch_size=BATCH,
        )  # fmt: skip


def _insert_month_totals(reports) -> None:
    reports = reports.order_by()
    reached = {
        (department, month): (young or 0, parents or 0)
        for department, month, young, parents in ActivityReach.objects.filter(report__in=reports.values("pk"))
        .order_by()
        .values_list("report__department_id", "report__month")
        .annotate(young=Sum("young_people"), parents=Sum("parents"))
    }
    kinds: dict[tuple, Counter] = {}
    # Grouped by the list of kinds too: a few hundred distinct lists, not one row per report.
    for department, month, request_kinds, n in reports.values_list(
        "department_id", "month", "request_kinds"
    ).annotate(n=Count("pk")):
        counter = kinds.setdefault((department, month), Counter())
        for kind in request_kinds or []:
            counter[kind] += n
    totals = []
    for department, month, n, exchanges, meetings in reports.values_list("department_id", "month").annotate(
        n=Count("pk"), exchanges=Sum("exchanges"), meetings=Sum("in_person_meetings")
    ):
        young, parents = reached.get((department, month), (0, 0))
        totals.append(
            ActivityMonthTotal(
                department_id=department, month=month, reports=n, exchanges=exchanges or 0,
                in_person_meetings=meetings or 0, young_people=young, parents=parents,
                request_kinds=dict(kinds.get((department, month), {})),
            )
        )  # fmt: skip
    ActivityMonthTotal.objects.bulk_create(totals, batch_size=BATCH)


def _rewrite(units) -> None:
    with transaction.atomic():
        for unit in sorted(units, key=repr):
            if unit[0] == "promeneur":
                _, promeneur, department, year = unit
                who = (
                    Q(promeneur_id=promeneur)
                    if promeneur
                    else Q(promeneur__isnull=True, department_id=department)
                )
                ActivityTally.objects.filter(who & _year_span("start", year)).delete()
                ActivityTallyReach.objects.filter(who & _year_span("start", year)).delete()
                _insert_tallies(ActivityReport.objects.filter(who & _year_span("month", year)))
            else:
                _, department, month = unit
                ActivityMonthTotal.objects.filter(department_id=department, month=month).delete()
                _insert_month_totals(ActivityReport.objects.filter(department_id=department, month=month))


def touch(promeneur_id, department_id, month: datetime.date) -> None:
    """A report of ``promeneur_id`` in ``department_id`` and ``month`` was written: rewrite what it counts in."""
    if department_id is None or month is None:
        return
    units = {
        ("promeneur", promeneur_id, department_id, month.year),
        ("department", department_id, month),
    }
    pending = _pending.get()
    if pending is None:
        _rewrite(units)
    else:
        pending.update(units)


@contextlib.contextmanager
def deferred():
    """Rewrite each unit touched inside the block once, when it ends (nested blocks join the outer one)."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set(set())
    try:
        yield
        units = _pending.get()
    finally:
        _pending.reset(token)
    _rewrite(units)


def rebuild(department_ids=None) -> int:
    """Recompute every summary from the reports (of some départements); returns the number of tallies."""
    from departments.models import Department

    ids = list(Department.objects.values_list("pk", flat=True)) if department_ids is None else department_ids
    for department in ids:
        with transaction.atomic():
            ActivityTally.objects.filter(department_id=department).delete()
            ActivityTallyReach.objects.filter(department_id=department).delete()
            ActivityMonthTotal.objects.filter(department_id=department).delete()
            reports = ActivityReport.objects.filter(department_id=department)
            _insert_tallies(reports)
            _insert_month_totals(reports)
    return ActivityTally.objects.filter(department_id__in=ids).count()


def summarise_unsummarised(using="default", **kwargs) -> None:
    """After ``migrate``: reports without any summary (a database from before the summaries existed) are
    summarised once; afterwards the signals keep them in step."""
    if using != "default":
        return
    if ActivityReport.objects.exists() and not ActivityMonthTotal.objects.exists():
        rebuild()


# --- the reports' own writes -------------------------------------------------------------------------------


def _place(report) -> tuple:
    return (report.promeneur_id, report.department_id, report.month)


@receiver(post_save, sender=ActivityReport, dispatch_uid="activity_tallies_report_saved")
def _report_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_counted_as", None)
    if before is not None and before != _place(instance):
        touch(*before)  # moved to another promeneur, département or month: the old place loses it
    touch(*_place(instance))
    instance._counted_as = _place(instance)


@receiver(post_delete, sender=ActivityReport, dispatch_uid="activity_tallies_report_deleted")
def _report_deleted(sender, instance, **kwargs):
    touch(*getattr(instance, "_counted_as", None) or _place(instance))


@receiver(post_save, sender=ActivityReach, dispatch_uid="activity_tallies_reach_saved")
@receiver(post_delete, sender=ActivityReach, dispatch_uid="activity_tallies_reach_deleted")
def _reach_written(sender, instance, raw=False, **kwargs):
    if raw:
        return
    report = ActivityReport.objects.filter(pk=instance.report_id).values_list(
        "promeneur_id", "department_id", "month"
    )
    for key in report:  # none when the report itself is being deleted: its own signal rewrites the unit
        touch(*key)
