"""« Le réseau en chiffres »: the public figures of a section (the whole network, or one département), from the
public annuaire and the sum of the activity reports of the last twelve complete months (a rolling year: in
January, a calendar "last year" would be complete, in December eleven months old). Only totals: no report, structure or promeneur
is ever shown, and anyone not publicly listed is not counted."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from activity.indicators import add_months
from activity.models import ActivityMonthTotal, first_of_month
from directory.models import PromeneurPage, SocialProfile, StructurePage, convention_in_force

#: The figures change with each publication and each month's reports: a quarter of an hour is fresh enough,
#: and spares the national home four aggregate queries on every uncached view.
CACHE_SECONDS = 15 * 60


@dataclass(frozen=True)
class NetworkFigures:
    promeneurs: int
    structures: int
    networks: int
    people_reached: int  # young people and parents, over the last twelve complete months


def compute(department=None, today: datetime.date | None = None) -> NetworkFigures:
    this_month = first_of_month(today or timezone.localdate())
    promeneurs = PromeneurPage.objects.publicly_listed()
    structures = StructurePage.objects.live().public().filter(convention_in_force())
    months = ActivityMonthTotal.objects.filter(month__gte=add_months(this_month, -12), month__lt=this_month)
    if department is not None:
        promeneurs = promeneurs.filter(department=department)
        structures = structures.filter(department=department)
        months = months.filter(department=department)
    networks = (
        SocialProfile.objects.filter(promeneur__in=promeneurs.values("pk"))
        .values("platform")
        .distinct()
        .count()
    )
    reached = months.aggregate(young=Sum("young_people"), parents=Sum("parents"))
    return NetworkFigures(
        promeneurs=promeneurs.count(),
        structures=structures.count(),
        networks=networks,
        people_reached=(reached["young"] or 0) + (reached["parents"] or 0),
    )


def figures_for(department=None) -> NetworkFigures:
    """``compute``, kept CACHE_SECONDS in the shared cache."""
    key = f"activity:figures:{department.pk if department is not None else 'reseau'}:{first_of_month(timezone.localdate())}"
    figures = cache.get(key)
    if figures is None:
        figures = compute(department)
        cache.set(key, figures, CACHE_SECONDS)
    return figures
