"""The indicators of a period, computed from the reports: sums over ActivityReport (and its reaches)
grouped by the facts each report recorded. One function, used by the indicators page and the exports, so
what the coordination reads and what the comité de pilotage receives are the same figures."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from activity.models import ActivityReach, ActivityReport, RequestKind
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


#: The facts of a report the indicators are grouped by, read from the report's own columns (activity.models).
FACTS = ("structure_type", "commune_id", "youth", "parenting")


def _reports(departments, period: Period):
    return ActivityReport.objects.filter(
        department__in=departments, month__gte=period.start, month__lt=period.end
    ).order_by()


def _reaches(departments, period: Period):
    """The reach rows of the period's reports, through one join on the reports' own columns: a
    ``report IN (…)`` sub-query made PostgreSQL read the reports twice and, for one département, every reach
    row of the network."""
    return ActivityReach.objects.filter(
        report__department__in=departments, report__month__gte=period.start, report__month__lt=period.end
    ).order_by()


@dataclass
class _Tally:
    """What some reports add up to; ``promeneurs`` are told apart as Count(distinct) does (no None)."""

    reports: int = 0
    hours: Decimal = Decimal(0)
    exchanges: int = 0
    meetings: int = 0
    projects: int = 0
    support: int = 0
    young: int = 0
    parents: int = 0
    promeneurs: set = field(default_factory=set)

    def add(self, promeneur, reports, hours, exchanges, meetings, projects, support) -> None:
        self.reports += reports
        self.hours += hours or 0
        self.exchanges += exchanges or 0
        self.meetings += meetings or 0
        self.projects += projects or 0
        self.support += support
        if promeneur is not None:
            self.promeneurs.add(promeneur)

    def reach(self, young, parents) -> None:
        self.young += young or 0
        self.parents += parents or 0


def compute(departments, period: Period, *, with_previous: bool = True) -> Indicators:
    """The indicators of ``period`` over the reports of ``departments`` (a queryset of Department).

    At the network's scale (50,000 promeneurs, 600,000 reports a year) each pass over the reports costs
    hundreds of milliseconds: the figures come from five grouped queries instead of one per table and
    column (benchmarks/activity.py). The reports grouped by promeneur and facts (one row per promeneur,
    a few when their facts changed during the period) give every sum and every count of distinct
    promeneurs but the monthly and per-network ones; the reach rows grouped by the same facts give the
    people reached along them."""
    reports = _reports(departments, period)
    reaches = _reaches(departments, period)
    total = _Tally()
    missions = {"jeunesse": _Tally(), "parentalite": _Tally()}
    structure_types: dict[str, _Tally] = {}
    communes: dict[int | None, _Tally] = {}
    rows = reports.values_list("promeneur_id", *FACTS).annotate(
        n=Count("pk"),
        hours=Sum("hours_online"),
        exchanges=Sum("exchanges"),
        meetings=Sum("in_person_meetings"),
        projects=Sum("projects_started"),
        support=Count("pk", filter=Q(needs_support=True)),
    )
    for promeneur, structure_type, commune, youth, parenting, *figures in rows:
        total.add(promeneur, *figures)
        if youth:
            missions["jeunesse"].add(promeneur, *figures)
        if parenting:
            missions["parentalite"].add(promeneur, *figures)
        structure_types.setdefault(structure_type, _Tally()).add(promeneur, *figures)
        communes.setdefault(commune, _Tally()).add(promeneur, *figures)
    result = Indicators(
        period=period,
        reports=total.reports,
        promeneurs_reporting=len(total.promeneurs),
        hours_online=float(total.hours),
        exchanges=total.exchanges,
        in_person_meetings=total.meetings,
        projects_started=total.projects,
        support_requests=total.support,
    )
    listed = PromeneurPage.objects.publicly_listed().filter(department__in=departments)
    result.listed_promeneurs = listed.count()
    result.complete_promeneurs = listed.complete().count()
    result.communes_with_a_structure = (
        StructurePage.objects.live().filter(department__in=departments, commune__isnull=False)
        .values("commune").distinct().count()
    )  # fmt: skip
    if result.empty:
        return result

    reach_rows = reaches.values_list(*(f"report__{fact}" for fact in FACTS)).annotate(
        young=Sum("young_people"), parents=Sum("parents")
    )
    for structure_type, commune, youth, parenting, young, parents in reach_rows:
        total.reach(young, parents)
        if youth:
            missions["jeunesse"].reach(young, parents)
        if parenting:
            missions["parentalite"].reach(young, parents)
        # setdefault: a report saved between the two statements must not break the page.
        structure_types.setdefault(structure_type, _Tally()).reach(young, parents)
        communes.setdefault(commune, _Tally()).reach(young, parents)
    result.young_people, result.parents = total.young, total.parents

    by_month_reach = {
        month: (young or 0, parents or 0)
        for month, young, parents in reaches.values_list("report__month").annotate(
            young=Sum("young_people"), parents=Sum("parents")
        )
    }
    by_month = {month: (0, 0, 0) for month in period.months()}
    kinds = Counter()
    # Grouped by month and by the report's list of kinds (a few hundred distinct lists): the lists are
    # counted here, not read one report at a time.
    for month, request_kinds, n, exchanges, meetings in reports.values_list("month", "request_kinds").annotate(
        n=Count("pk"), exchanges=Sum("exchanges"), meetings=Sum("in_person_meetings")
    ):  # fmt: skip
        before = by_month.get(month, (0, 0, 0))
        by_month[month] = (before[0] + (exchanges or 0), before[1] + (meetings or 0), before[2] + n)
        for kind in request_kinds or []:
            kinds[kind] += n
    for month in period.months():
        young, parents = by_month_reach.get(month, (0, 0))
        exchanges, meetings, count = by_month[month]
        result.by_month.append({
            "month": month, "label": f"{MONTH_NAMES[month.month - 1]} {month.year}",
            "short": f"{month:%m/%y}", "young": young, "parents": parents,
            "exchanges": exchanges, "meetings": meetings, "reports": count,
        })  # fmt: skip

    networks = dict(PLATFORM_CHOICES)
    rows = reaches.values("platform").annotate(
        young=Sum("young_people"),
        parents=Sum("parents"),
        promeneurs=Count("report__promeneur", distinct=True),
    )
    result.by_network = sorted(
        ({"key": row["platform"], "label": str(networks.get(row["platform"], row["platform"])),
          "young": row["young"] or 0, "parents": row["parents"] or 0, "promeneurs": row["promeneurs"]}
         for row in rows),
        key=lambda row: (-(row["young"] + row["parents"]), row["label"]),
    )  # fmt: skip

    for key, label in (("jeunesse", _("Jeunesse")), ("parentalite", _("Parentalité"))):
        tally = missions[key]
        result.by_mission.append({
            "key": key, "label": str(label), "reports": tally.reports, "promeneurs": len(tally.promeneurs),
            "young": tally.young, "parents": tally.parents, "exchanges": tally.exchanges,
        })  # fmt: skip

    types = dict(StructureType.choices)
    result.by_structure_type = sorted(
        ({"key": key, "label": str(types.get(key, _("Sans structure"))), "promeneurs": len(tally.promeneurs),
          "exchanges": tally.exchanges, "young": tally.young, "parents": tally.parents}
         for key, tally in structure_types.items()),
        key=lambda row: row["label"],
    )  # fmt: skip

    places = {
        pk: (name, latitude, longitude)
        for pk, name, latitude, longitude in Commune.objects.filter(
            pk__in=[pk for pk in communes if pk is not None]
        ).values_list("pk", "name", "latitude", "longitude")
    }
    unknown = (None, None, None)
    result.by_commune = sorted(
        ({"name": places.get(pk, unknown)[0] or str(_("Commune inconnue")), "promeneurs": len(tally.promeneurs),
          "latitude": places.get(pk, unknown)[1], "longitude": places.get(pk, unknown)[2],
          "exchanges": tally.exchanges, "young": tally.young, "parents": tally.parents}
         for pk, tally in communes.items()),
        key=lambda row: (-(row["young"] + row["parents"]), row["name"]),
    )  # fmt: skip

    result.request_kinds = [
        {"key": value, "label": str(label), "reports": kinds[value]}
        for value, label in RequestKind.choices
        if kinds[value]
    ]

    if with_previous:
        result.previous = compute(departments, period.previous(), with_previous=False)
    return result


def by_department(departments, period: Period) -> list[dict]:
    """The network's table: one line per département (the Cnaf's view and export)."""
    reach = {
        department: (young or 0, parents or 0)
        for department, young, parents in _reaches(departments, period)
        .values_list("report__department_id")
        .annotate(young=Sum("young_people"), parents=Sum("parents"))
    }
    rows = {row["department_id"]: row for row in _reports(departments, period).values("department_id").annotate(
        promeneurs=Count("promeneur", distinct=True), exchanges=Sum("exchanges"),
        meetings=Sum("in_person_meetings"), hours=Sum("hours_online"))}  # fmt: skip
    table = []
    for department in departments:
        row = rows.get(department.pk, {})
        young, parents = reach.get(department.pk, (0, 0))
        table.append({
            "department": department, "name": f"{department.code} – {department.name}",
            "promeneurs": row.get("promeneurs") or 0, "young": young, "parents": parents,
            "exchanges": row.get("exchanges") or 0, "meetings": row.get("meetings") or 0,
            "hours": float(row.get("hours") or 0),
        })  # fmt: skip
    return table
