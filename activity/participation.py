"""Participation in the network's meetings and trainings over a period, from the agenda (events app): the
events held (their first session in the period, already begun), by kind, and the participants their editors
recorded afterwards (``EventPage.participants``, never public)."""

from django.db.models import Count, Min, Q, Sum
from django.utils import timezone

from departments.models import DepartmentHomePage
from events.models import EventKind, EventPage

#: The kinds that gather the network's professionals (a launch or an "other" event is for the public).
PARTICIPATION_KINDS = [
    EventKind.DEPARTMENTAL_MEETING,
    EventKind.TRAINING,
    EventKind.WEBINAR,
    EventKind.NATIONAL_DAY,
]


def participation(departments, period, *, network: bool = False) -> list[dict]:
    """One row per kind with at least one event held: label, events, participants, events without a count."""
    events = EventPage.objects.live().filter(locale__language_code="fr", kind__in=PARTICIPATION_KINDS)
    if not network:
        homes = DepartmentHomePage.objects.filter(department__in=departments, locale__language_code="fr")
        scope = Q(pk__in=[])
        for path in homes.values_list("path", flat=True):
            scope |= Q(path__startswith=path)
        events = events.filter(scope)
    events = events.annotate(first_start=Min("sessions__start")).filter(
        first_start__date__gte=period.start, first_start__date__lt=period.end, first_start__lte=timezone.now()
    )
    # The ids first: counted on the sessions' join, the participants would be added once per session; and no
    # ordering, which would split each kind's group by page path.
    rows = (
        EventPage.objects.filter(pk__in=events.values("pk"))
        .order_by()
        .values("kind")
        .annotate(
            held=Count("pk", distinct=True),
            total_participants=Sum("participants"),
            uncounted=Count("pk", filter=Q(participants__isnull=True), distinct=True),
        )
    )
    labels = dict(EventKind.choices)
    by_kind = {row["kind"]: row for row in rows}
    return [
        {
            "label": str(labels[kind]),
            "events": by_kind[kind]["held"],
            "participants": by_kind[kind]["total_participants"] or 0,
            "uncounted": by_kind[kind]["uncounted"],
        }
        for kind in PARTICIPATION_KINDS
        if kind in by_kind
    ]
