"""The figures of the admin dashboard, per département, computed for a set of départements at once with
grouped queries (a bounded number of queries whatever the number of départements, structures or promeneurs).

Every function takes the ids of the départements to count: the caller decides the scope (a coordination's
own départements, every département for the Cnaf), so a figure never reaches outside it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import CharField, Count, Exists, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Locale, Page, TaskState

CONVENTION_WARNING_DAYS = 60


def today() -> datetime.date:
    return timezone.localdate()


def week_start(on: datetime.date | None = None) -> datetime.date:
    on = on or today()
    return on - datetime.timedelta(days=on.weekday())


def default_locale_id() -> int:
    return Locale.get_default().pk


def missing_conditions() -> dict[str, Q]:
    """What makes a promeneur's card incomplete, by key of the « manque » filter: the negation of each item of
    the charte's minimum (directory.models.completeness_items, the one definition)."""
    from directory.models import completeness_items

    return {key: ~condition for key, (_label, condition) in completeness_items().items()}


def followed_promeneurs(department_ids):
    """The promeneurs a coordination follows: of its départements, in the default language (translations are
    copies), neither suspended nor withdrawn."""
    from directory.models import PromeneurPage, PromeneurStatus

    return PromeneurPage.objects.filter(
        department_id__in=list(department_ids),
        locale_id=default_locale_id(),
        status__in=[PromeneurStatus.APPLICANT, PromeneurStatus.ACTIVE],
    )


def incomplete_promeneurs(department_ids, missing: str | None = None):
    conditions = missing_conditions()
    if missing in conditions:
        condition = conditions[missing]
    else:
        condition = Q()
        for item in conditions.values():
            condition |= item
    return followed_promeneurs(department_ids).filter(condition)


def structures_of(department_ids):
    from directory.models import StructurePage

    return StructurePage.objects.filter(department_id__in=list(department_ids), locale_id=default_locale_id())


def conventions_ending(structures, on: datetime.date | None = None):
    on = on or today()
    limit = on + datetime.timedelta(days=CONVENTION_WARNING_DAYS)
    return structures.filter(convention_end__gte=on, convention_end__lte=limit)


def conventions_ended(structures, on: datetime.date | None = None):
    return structures.filter(convention_end__lt=on or today())


def without_active_promeneur(structures):
    from directory.models import PromeneurPage, PromeneurStatus

    active = PromeneurPage.objects.filter(structure=OuterRef("pk"), status=PromeneurStatus.ACTIVE, live=True)
    return structures.filter(~Exists(active))


def department_homes(department_ids):
    from departments.models import DepartmentHomePage

    return DepartmentHomePage.objects.filter(department_id__in=list(department_ids))


def pending_task_states(department_ids):
    """Task states in progress on pages of these départements' trees (every locale)."""
    homes = list(department_homes(department_ids).values_list("path", flat=True))
    if not homes:
        return TaskState.objects.none()
    under = Q()
    for path in homes:
        under |= Q(path__startswith=path)
    page_ids = Page.objects.filter(under).values("pk")
    return TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type__model="page",
        workflow_state__base_content_type__app_label="wagtailcore",
        workflow_state__object_id__in=page_ids.annotate(pk_text=Cast("pk", CharField())).values("pk_text"),
    )


@dataclass
class DepartmentFigures:
    department: object
    pending: int = 0
    conventions_ending: int = 0
    conventions_ended: int = 0
    incomplete: int = 0
    missing: dict = field(default_factory=dict)
    without_active: int = 0
    searches_without_result: int = 0
    new_reports: int = 0
    reports_in_progress: int = 0
    search_home_ids: list = field(default_factory=list)


def _grouped(queryset, key="department_id", **aggregates) -> dict:
    aggregates = aggregates or {"n": Count("pk", distinct=True)}
    rows = queryset.order_by().values(key).annotate(**aggregates)
    return {row[key]: row for row in rows}


def figures_for(departments, on: datetime.date | None = None) -> list[DepartmentFigures]:
    """The dashboard's figures for each of ``departments`` (Department objects), in their order."""
    from reports.models import ProfileReport
    from search.models import SearchQueryLog

    on = on or today()
    departments = list(departments)
    ids = [department.pk for department in departments]
    result = {department.pk: DepartmentFigures(department=department) for department in departments}
    if not ids:
        return []

    structures = structures_of(ids)
    for department_id, row in _grouped(conventions_ending(structures, on)).items():
        result[department_id].conventions_ending = row["n"]
    for department_id, row in _grouped(conventions_ended(structures, on)).items():
        result[department_id].conventions_ended = row["n"]
    for department_id, row in _grouped(without_active_promeneur(structures)).items():
        result[department_id].without_active = row["n"]

    conditions = missing_conditions()
    any_missing = Q()
    for condition in conditions.values():
        any_missing |= condition
    per_item = {name: Count("pk", filter=condition, distinct=True) for name, condition in conditions.items()}
    rows = _grouped(
        followed_promeneurs(ids), total=Count("pk", filter=any_missing, distinct=True), **per_item
    )
    for department_id, row in rows.items():
        result[department_id].incomplete = row["total"]
        result[department_id].missing = {name: row[name] for name in conditions}

    reports = ProfileReport.objects.filter(
        department_id__in=ids, status__in=[ProfileReport.Status.NEW, ProfileReport.Status.IN_PROGRESS]
    )
    rows = _grouped(
        reports,
        new=Count("pk", filter=Q(status=ProfileReport.Status.NEW)),
        in_progress=Count("pk", filter=Q(status=ProfileReport.Status.IN_PROGRESS)),
    )
    for department_id, row in rows.items():
        result[department_id].new_reports = row["new"]
        result[department_id].reports_in_progress = row["in_progress"]

    homes = dict(department_homes(ids).values_list("pk", "department_id"))
    for home_id, department_id in homes.items():
        result[department_id].search_home_ids.append(home_id)
    searches = SearchQueryLog.objects.filter(
        section_home_id__in=list(homes), results_count=0, day__gte=week_start(on), day__lte=on
    )
    for home_id, row in _grouped(
        searches, key="section_home_id", n=Count("query_string", distinct=True)
    ).items():
        result[homes[home_id]].searches_without_result += row["n"]

    home_paths = list(department_homes(ids).values_list("path", "department_id"))
    pending_ids = [
        int(pk) for pk in pending_task_states(ids).values_list("workflow_state__object_id", flat=True)
    ]
    if pending_ids:
        for path in Page.objects.filter(pk__in=pending_ids).values_list("path", flat=True):
            for home_path, department_id in home_paths:
                if path.startswith(home_path):
                    result[department_id].pending += 1
                    break
    return [result[pk] for pk in ids]
