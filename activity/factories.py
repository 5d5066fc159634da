"""Reports for the tests and the demo: ``make_report`` records the promeneur's facts as the form does."""

import datetime
import random
from decimal import Decimal

from activity import tallies
from activity.forms import record_facts
from activity.models import ActivityReach, ActivityReport, RequestKind


def make_report(promeneur, month: datetime.date, *, reaches=None, user=None, **figures) -> ActivityReport:
    """``reaches``: {platform: (young people, parents)}."""
    report = ActivityReport(
        promeneur=promeneur,
        month=month,
        hours_online=Decimal(str(figures.pop("hours_online", 10))),
        exchanges=figures.pop("exchanges", 0),
        in_person_meetings=figures.pop("in_person_meetings", 0),
        created_by=user,
        **figures,
    )
    record_facts(report, promeneur)
    with tallies.deferred():  # the reach rows' bulk_create sends no signal: the summaries follow at the end
        report.save()
        ActivityReach.objects.bulk_create(
            ActivityReach(report=report, platform=platform, young_people=young, parents=parents)
            for platform, (young, parents) in (reaches or {}).items()
        )
    return report


def make_year_of_reports(promeneurs, last_month: datetime.date, months: int = 12, seed: int = 2026) -> int:
    """Fictional monthly reports for ``promeneurs`` over the ``months`` months ending with ``last_month``
    (the demo's twelve months). Figures follow each promeneur's networks and missions, with seasons."""
    rng = random.Random(seed)
    kinds = [value for value, _label in RequestKind.choices]
    with tallies.deferred():
        created = _make_year_of_reports(promeneurs, last_month, months, rng, kinds)
    return created


def _make_year_of_reports(promeneurs, last_month, months, rng, kinds) -> int:
    created = 0
    for promeneur in promeneurs:
        platforms = list(dict.fromkeys(p.platform for p in promeneur.social_profiles.all())) or ["instagram"]
        missions = {t.tag.slug for t in promeneur.tagged_missions.select_related("tag")}
        for n in range(months):
            index = last_month.year * 12 + last_month.month - 1 - n
            month = datetime.date(index // 12, index % 12 + 1, 1)
            season = 0.5 if month.month in (7, 8) else 1.0  # summer: fewer exchanges
            reaches = {}
            for platform in platforms:
                young = int(rng.randint(4, 30) * season) if "jeunesse" in missions or not missions else 0
                parents = int(rng.randint(1, 12) * season) if "parentalite" in missions else 0
                reaches[platform] = (young, parents)
            exchanges = sum(y + p for y, p in reaches.values()) + rng.randint(0, 15)
            make_report(
                promeneur,
                month,
                reaches=reaches,
                hours_online=rng.choice([4, 6, 8, 10, 12, 16]) * season,
                exchanges=exchanges,
                in_person_meetings=rng.randint(0, max(1, exchanges // 10)),
                projects_started=rng.randint(0, 2),
                request_kinds=rng.sample(kinds, rng.randint(1, 3)),
                needs_support=rng.random() < 0.04,
            )
            created += 1
    return created
