"""The indicators of a period, computed from the reports: sums over the summaries of ActivityReport (and its
reaches) grouped by the facts each report recorded (activity.tallies). One function, used by the indicators page and the exports, so
what the coordination reads and what the comité de pilotage receives are the same figures."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from activity.models import ActivityMonthTotal, ActivityTally, ActivityTallyReach, RequestKind
from core.navigation import memoised
from directory.models import PromeneurPage, StructurePage, StructureType
from directory.social import PLATFORM_CHOICES
from geo.models import Commune

MONTH_NAMES = [
    _("janvier"), _("février"), _("mars"), _("avril"), _("mai"), _("juin"),
    _("juillet"), _("août"), _("septembre"), _("octobre"), _("novembre"), _("décembre"),
]  # fmt: skip


@dataclass(frozen=True)
class Period:
    kind: str  # "annee", "trimestre", "mois"
    start: datetime.date  # first day
    end: datetime.date  # first day after

    @property
    def label(self) -> str:
        if self.kind == "mois":
            return f"{MONTH_NAMES[self.start.month - 1]} {self.start.year}"
        if self.kind == "trimestre":
            quarter = (self.start.month - 1) // 3 + 1
            return _("%(n)se trimestre %(year)s") % {
                "n": quarter if quarter > 1 else "1er",
                "year": self.start.year,
            }
        return str(self.start.year)

    @property
    def slug(self) -> str:
        if self.kind == "mois":
            return f"{self.start:%Y-%m}"
        if self.kind == "trimestre":
            return f"{self.start.year}-T{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def previous(self) -> "Period":
        months = months_between(self.start, self.end)
        start = add_months(self.start, -months)
        return Period(self.kind, start, self.start)

    def months(self) -> list[datetime.date]:
        return [add_months(self.start, n) for n in range(months_between(self.start, self.end))]


def add_months(day: datetime.date, n: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month


def year_period(year: int) -> Period:
    return Period("annee", datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))


def quarter_period(year: int, quarter: int) -> Period:
    start = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    return Period("trimestre", start, add_months(start, 3))


def month_period(year: int, month: int) -> Period:
    start = datetime.date(year, month, 1)
    return Period("mois", start, add_months(start, 1))


@dataclass
class Indicators:
    period: Period
    reports: int = 0
    promeneurs_reporting: int = 0
    hours_online: float = 0
    exchanges: int = 0
    in_person_meetings: int = 0
    projects_started: int = 0
    young_people: int = 0
    parents: int = 0
    support_requests: int = 0
    by_month: list[dict] = field(default_factory=list)
    by_network: list[dict] = field(default_factory=list)
    by_mission: list[dict] = field(default_factory=list)
    by_structure_type: list[dict] = field(default_factory=list)
    by_commune: list[dict] = field(default_factory=list)
    request_kinds: list[dict] = field(default_factory=list)
    by_department: list[dict] = field(default_factory=list)
    listed_promeneurs: int = 0
    complete_promeneurs: int = 0
    communes_with_a_structure: int = 0
    previous: "Indicators | None" = None

    @property
    def people_reached(self) -> int:
        return self.young_people + self.parents

    @property
    def conformity_rate(self) -> float | None:
        return self.complete_promeneurs / self.listed_promeneurs if self.listed_promeneurs else None

    @property
    def empty(self) -> bool:
        return self.reports == 0

    def change(self, name: str) -> int | None:
        """The difference with the previous period of the same length (None without one)."""
        if self.previous is None or self.previous.empty:
            return None
        return getattr(self, name) - getattr(self.previous, name)


def _tallies(departments, period: Period):
    return ActivityTally.objects.filter(
        kind=period.kind, start=period.start, department__in=departments
    ).order_by()


def _sums(prefix: str = "sum_", condition: Q | None = None) -> dict:
    """The aggregates of some tallies (those matching ``condition``), named ``prefix`` + figure."""
    figures = {
        "reports": "reports", "hours": "hours_online", "exchanges": "exchanges",
        "meetings": "in_person_meetings", "projects": "projects_started", "support": "support_requests",
        "young": "young_people", "parents": "parents",
    }  # fmt: skip
    sums = {f"{prefix}{name}": Sum(column, filter=condition) for name, column in figures.items()}
    sums[f"{prefix}promeneurs"] = Count("promeneur", distinct=True, filter=condition)
    return sums


def _profiles(departments) -> tuple[int, int, int]:
    """Listed promeneurs, those whose profile is complete, communes with a structure: facts of the pages."""
    listed = PromeneurPage.objects.publicly_listed().filter(department__in=departments)
    communes = (
        StructurePage.objects.live().filter(department__in=departments, commune__isnull=False)
        .values("commune").distinct().count()
    )  # fmt: skip
    return listed.count(), listed.complete().count(), communes


def compute(departments, period: Period, *, with_previous: bool = True, token=None) -> Indicators:
    """The indicators of ``period`` over the reports of ``departments`` (a queryset of Department).

    Read from the summaries activity.tallies keeps in step with the reports (one row per promeneur and
    period): the network's year is a few grouped queries over 50,000 rows, not 600,000 reports and their
    1.2 million reach rows (benchmarks/activity.py). Counts of promeneurs are of distinct promeneurs, as a
    promeneur whose facts changed during the period has several rows. The figures of the profiles (listed,
    complete, communes with a structure) follow the pages only: memoised under the page tree's ``token``
    (core.navigation) when one is given."""
    tallies = _tallies(departments, period)
    totals = tallies.aggregate(
        **_sums(), **_sums("jeunesse_", Q(youth=True)), **_sums("parentalite_", Q(parenting=True))
    )
    result = Indicators(
        period=period,
        reports=totals["sum_reports"] or 0,
        promeneurs_reporting=totals["sum_promeneurs"],
        hours_online=float(totals["sum_hours"] or 0),
        exchanges=totals["sum_exchanges"] or 0,
        in_person_meetings=totals["sum_meetings"] or 0,
        projects_started=totals["sum_projects"] or 0,
        support_requests=totals["sum_support"] or 0,
        young_people=totals["sum_young"] or 0,
        parents=totals["sum_parents"] or 0,
    )
    if not with_previous:
        return result  # the previous period: only its totals are shown, beside each figure
    result.previous = compute(departments, period.previous(), with_previous=False)
    result.listed_promeneurs, result.complete_promeneurs, result.communes_with_a_structure = memoised(
        token, ("activity-profiles", *sorted(department.pk for department in departments)),
        lambda: _profiles(departments),
    )  # fmt: skip
    if result.empty:
        return result

    # The départements' month totals (at most twelve per département), read once: the chart and the kinds.
    by_month: dict[datetime.date, Counter] = {month: Counter() for month in period.months()}
    kinds = Counter()
    for month, *figures, request_kinds in ActivityMonthTotal.objects.filter(
        department__in=departments, month__gte=period.start, month__lt=period.end
    ).values_list(
        "month", "reports", "young_people", "parents", "exchanges", "in_person_meetings", "request_kinds"
    ):
        by_month.setdefault(month, Counter()).update(
            dict(zip(("reports", "young", "parents", "exchanges", "meetings"), figures, strict=True))
        )
        kinds.update(request_kinds)
    for month in period.months():
        row = by_month[month]
        result.by_month.append({
            "month": month, "label": f"{MONTH_NAMES[month.month - 1]} {month.year}",
            "short": f"{month:%m/%y}", "young": row["young"], "parents": row["parents"],
            "exchanges": row["exchanges"], "meetings": row["meetings"], "reports": row["reports"],
        })  # fmt: skip
    result.request_kinds = [
        {"key": value, "label": str(label), "reports": kinds[value]}
        for value, label in RequestKind.choices
        if kinds[value]
    ]

    networks = dict(PLATFORM_CHOICES)
    rows = (
        ActivityTallyReach.objects.filter(kind=period.kind, start=period.start, department__in=departments)
        .order_by()
        .values("platform")
        .annotate(
            young=Sum("young_people"), parents=Sum("parents"), promeneurs=Count("promeneur", distinct=True)
        )
    )
    result.by_network = sorted(
        ({"key": row["platform"], "label": str(networks.get(row["platform"], row["platform"])),
          "young": row["young"] or 0, "parents": row["parents"] or 0, "promeneurs": row["promeneurs"]}
         for row in rows),
        key=lambda row: (-(row["young"] + row["parents"]), row["label"]),
    )  # fmt: skip

    for key, label in (("jeunesse", _("Jeunesse")), ("parentalite", _("Parentalité"))):
        result.by_mission.append({
            "key": key, "label": str(label), "reports": totals[f"{key}_reports"] or 0,
            "promeneurs": totals[f"{key}_promeneurs"], "young": totals[f"{key}_young"] or 0,
            "parents": totals[f"{key}_parents"] or 0, "exchanges": totals[f"{key}_exchanges"] or 0,
        })  # fmt: skip

    types = dict(StructureType.choices)
    result.by_structure_type = sorted(
        ({"key": row["structure_type"], "label": str(types.get(row["structure_type"], _("Sans structure"))),
          "promeneurs": row["sum_promeneurs"], "exchanges": row["sum_exchanges"] or 0, "young": row["sum_young"] or 0,
          "parents": row["sum_parents"] or 0}
         for row in tallies.values("structure_type").annotate(**_sums())),
        key=lambda row: row["label"],
    )  # fmt: skip

    communes = list(tallies.values("commune").annotate(**_sums()))
    places = {
        pk: (name, latitude, longitude)
        for pk, name, latitude, longitude in Commune.objects.filter(
            pk__in=[row["commune"] for row in communes if row["commune"] is not None]
        ).values_list("pk", "name", "latitude", "longitude")
    }
    unknown = (None, None, None)
    result.by_commune = sorted(
        ({"name": places.get(row["commune"], unknown)[0] or str(_("Commune inconnue")),
          "promeneurs": row["sum_promeneurs"], "latitude": places.get(row["commune"], unknown)[1],
          "longitude": places.get(row["commune"], unknown)[2], "exchanges": row["sum_exchanges"] or 0,
          "young": row["sum_young"] or 0, "parents": row["sum_parents"] or 0}
         for row in communes),
        key=lambda row: (-(row["young"] + row["parents"]), row["name"]),
    )  # fmt: skip
    return result


def by_department(departments, period: Period) -> list[dict]:
    """The network's table: one line per département (the Cnaf's view and export)."""
    rows = {
        row["department"]: row
        for row in _tallies(departments, period).values("department").annotate(**_sums())
    }
    table = []
    for department in departments:
        row = rows.get(department.pk, {})
        table.append({
            "department": department, "name": f"{department.code} – {department.name}",
            "promeneurs": row.get("sum_promeneurs") or 0, "young": row.get("sum_young") or 0,
            "parents": row.get("sum_parents") or 0, "exchanges": row.get("sum_exchanges") or 0,
            "meetings": row.get("sum_meetings") or 0, "hours": float(row.get("sum_hours") or 0),
        })  # fmt: skip
    return table
