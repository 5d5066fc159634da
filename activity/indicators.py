"""The indicators of a period, computed from the reports: sums over ActivityReport (and its reaches)
grouped by the facts each report recorded. One function, used by the indicators page and the exports, so
what the coordination reads and what the comité de pilotage receives are the same figures."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from activity.models import ActivityReach, ActivityReport, RequestKind
from directory.models import PromeneurPage, StructurePage, StructureType
from directory.social import PLATFORM_CHOICES

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


def _sums(reports) -> dict:
    reach = ActivityReach.objects.filter(report__in=reports.values("pk")).aggregate(
        young=Sum("young_people"), parents=Sum("parents")
    )
    totals = reports.aggregate(
        reports=Count("pk"),
        promeneurs=Count("promeneur", distinct=True),
        hours=Sum("hours_online"),
        exchanges=Sum("exchanges"),
        meetings=Sum("in_person_meetings"),
        projects=Sum("projects_started"),
        support=Count("pk", filter=Q(needs_support=True)),
    )
    return {**totals, "young": reach["young"] or 0, "parents": reach["parents"] or 0}


def _reach_by(reports, column: str) -> dict:
    """{value of the report's column: (young people, parents)}."""
    rows = (
        ActivityReach.objects.filter(report__in=reports.values("pk"))
        .values(f"report__{column}")
        .annotate(young=Sum("young_people"), parents=Sum("parents"))
    )
    return {row[f"report__{column}"]: (row["young"] or 0, row["parents"] or 0) for row in rows}


def compute(departments, period: Period, *, with_previous: bool = True) -> Indicators:
    """The indicators of ``period`` over the reports of ``departments`` (a queryset of Department)."""
    reports = ActivityReport.objects.filter(
        department__in=departments, month__gte=period.start, month__lt=period.end
    )
    sums = _sums(reports)
    result = Indicators(
        period=period,
        reports=sums["reports"],
        promeneurs_reporting=sums["promeneurs"],
        hours_online=float(sums["hours"] or 0),
        exchanges=sums["exchanges"] or 0,
        in_person_meetings=sums["meetings"] or 0,
        projects_started=sums["projects"] or 0,
        young_people=sums["young"],
        parents=sums["parents"],
        support_requests=sums["support"],
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

    by_month_reach = _reach_by(reports, "month")
    by_month = {row["month"]: row for row in reports.values("month").annotate(
        exchanges=Sum("exchanges"), meetings=Sum("in_person_meetings"), reports=Count("pk"))}  # fmt: skip
    for month in period.months():
        young, parents = by_month_reach.get(month, (0, 0))
        row = by_month.get(month, {})
        result.by_month.append({
            "month": month, "label": f"{MONTH_NAMES[month.month - 1]} {month.year}",
            "short": f"{month:%m/%y}", "young": young, "parents": parents,
            "exchanges": row.get("exchanges") or 0, "meetings": row.get("meetings") or 0,
            "reports": row.get("reports") or 0,
        })  # fmt: skip

    networks = dict(PLATFORM_CHOICES)
    rows = (
        ActivityReach.objects.filter(report__in=reports.values("pk")).values("platform")
        .annotate(young=Sum("young_people"), parents=Sum("parents"), promeneurs=Count("report__promeneur", distinct=True))
    )  # fmt: skip
    result.by_network = sorted(
        ({"key": row["platform"], "label": str(networks.get(row["platform"], row["platform"])),
          "young": row["young"] or 0, "parents": row["parents"] or 0, "promeneurs": row["promeneurs"]}
         for row in rows),
        key=lambda row: (-(row["young"] + row["parents"]), row["label"]),
    )  # fmt: skip

    for key, label, condition in (
        ("jeunesse", _("Jeunesse"), Q(youth=True)),
        ("parentalite", _("Parentalité"), Q(parenting=True)),
    ):
        mission_reports = reports.filter(condition)
        sums = _sums(mission_reports)
        result.by_mission.append({
            "key": key, "label": str(label), "reports": sums["reports"], "promeneurs": sums["promeneurs"],
            "young": sums["young"], "parents": sums["parents"], "exchanges": sums["exchanges"] or 0,
        })  # fmt: skip

    types = dict(StructureType.choices)
    reach = _reach_by(reports, "structure_type")
    rows = reports.values("structure_type").annotate(
        promeneurs=Count("promeneur", distinct=True), exchanges=Sum("exchanges")
    )
    result.by_structure_type = sorted(
        ({"key": row["structure_type"], "label": str(types.get(row["structure_type"], _("Sans structure"))),
          "promeneurs": row["promeneurs"], "exchanges": row["exchanges"] or 0,
          "young": reach.get(row["structure_type"], (0, 0))[0], "parents": reach.get(row["structure_type"], (0, 0))[1]}
         for row in rows),
        key=lambda row: row["label"],
    )  # fmt: skip

    reach = _reach_by(reports, "commune_id")
    rows = reports.values("commune_id", "commune__name", "commune__latitude", "commune__longitude").annotate(
        promeneurs=Count("promeneur", distinct=True), exchanges=Sum("exchanges"))  # fmt: skip
    result.by_commune = sorted(
        ({"name": row["commune__name"] or str(_("Commune inconnue")), "promeneurs": row["promeneurs"],
          "latitude": row["commune__latitude"], "longitude": row["commune__longitude"],
          "exchanges": row["exchanges"] or 0, "young": reach.get(row["commune_id"], (0, 0))[0],
          "parents": reach.get(row["commune_id"], (0, 0))[1]} for row in rows),
        key=lambda row: (-(row["young"] + row["parents"]), row["name"]),
    )  # fmt: skip

    # A report's kinds are a short list in a JSON column: counted here (a département's year is a few
    # hundred reports).
    counts = Counter(
        kind for kinds in reports.values_list("request_kinds", flat=True) for kind in kinds or []
    )
    result.request_kinds = [
        {"key": value, "label": str(label), "reports": counts[value]}
        for value, label in RequestKind.choices
        if counts[value]
    ]

    if with_previous:
        result.previous = compute(departments, period.previous(), with_previous=False)
    return result


def by_department(departments, period: Period) -> list[dict]:
    """The network's table: one line per département (the Cnaf's view and export)."""
    reports = ActivityReport.objects.filter(
        department__in=departments, month__gte=period.start, month__lt=period.end
    )
    reach = _reach_by(reports, "department_id")
    rows = {row["department_id"]: row for row in reports.values("department_id").annotate(
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
