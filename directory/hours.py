"""Online office hours (permanences) as families read them: « En ligne maintenant », the next slot in French
(« aujourd'hui 17 h – 19 h », « demain 10 h – 12 h », « mardi 17 h – 19 h ») and the annuaire's
availability filters (``disponible``: maintenant, ce soir, ce week-end).

Slots are weekly and announced in Europe/Paris time. What this module says changes only at the start or end
of a slot and at midnight (Paris): the page cache keeps no page past either (pagecache/invalidation.py).
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
#: When « ce soir » starts (a slot still running after this hour today counts).
EVENING_STARTS = datetime.time(18)
SATURDAY, SUNDAY = 5, 6

#: The annuaire's ``disponible`` filter: value in the URL → label of the choice.
AVAILABILITY_CHOICES = [
    ("maintenant", gettext_lazy("En ligne maintenant")),
    ("ce-soir", gettext_lazy("Ce soir")),
    ("ce-week-end", gettext_lazy("Ce week-end")),
]
AVAILABILITY = dict(AVAILABILITY_CHOICES)


def paris_now(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()).astimezone(PARIS)


def hour_label(moment: datetime.time) -> str:
    """« 17 h », « 17 h 30 » (French typography: a space each side of the h)."""
    if moment.minute:
        return _("%(hour)d h %(minute)02d") % {"hour": moment.hour, "minute": moment.minute}
    return _("%(hour)d h") % {"hour": moment.hour}


def slot_label(start: datetime.time, end: datetime.time) -> str:
    return _("%(start)s – %(end)s") % {"start": hour_label(start), "end": hour_label(end)}


def _weekday_name(weekday: int) -> str:
    from directory.models import Permanence

    return str(Permanence.Weekday(weekday).label)


def next_office_hours(permanences, now: datetime.datetime | None = None) -> dict | None:
    """What a card says about a promeneur's office hours: ``{"online": True, "label": "jusqu'à 19 h"}`` during
    a slot, else ``{"online": False, "label": "mardi 17 h – 19 h"}`` for the next one (« aujourd'hui »,
    « demain » when it is), None without any slot. ``permanences``: the promeneur's slots (prefetched)."""
    slots = sorted(permanences, key=lambda slot: (slot.weekday, slot.start_time))
    if not slots:
        return None
    local = paris_now(now)
    today, time_now = local.weekday(), local.time()
    for slot in slots:
        if slot.weekday == today and slot.start_time <= time_now < slot.end_time:
            return {"online": True, "label": _("jusqu’à %(end)s") % {"end": hour_label(slot.end_time)}}
    for days_ahead in range(8):
        weekday = (today + days_ahead) % 7
        for slot in slots:
            if slot.weekday != weekday or (days_ahead == 0 and slot.start_time <= time_now):
                continue
            if days_ahead == 0:
                day = _("aujourd’hui")
            elif days_ahead == 1:
                day = _("demain")
            else:
                day = _weekday_name(weekday)
            return {"online": False, "label": f"{day} {slot_label(slot.start_time, slot.end_time)}"}
    return None  # pragma: no cover - every slot comes back within a week


def availability_condition(value: str, now: datetime.datetime | None = None) -> Q:
    """Promeneurs with a slot matching the ``disponible`` filter, as a correlated EXISTS:

    * ``maintenant``: a slot open now;
    * ``ce-soir``: a slot today still running after 18 h (and not over yet);
    * ``ce-week-end``: a slot on the coming Saturday or Sunday (during the weekend: one not over yet).
    """
    from directory.models import Permanence

    local = paris_now(now)
    today, time_now = local.weekday(), local.time().replace(microsecond=0)
    if value == "maintenant":
        slots = Q(weekday=today, start_time__lte=time_now, end_time__gt=time_now)
    elif value == "ce-soir":
        slots = Q(weekday=today, end_time__gt=max(time_now, EVENING_STARTS))
    elif value == "ce-week-end":
        if today == SATURDAY:
            slots = Q(weekday=SATURDAY, end_time__gt=time_now) | Q(weekday=SUNDAY)
        elif today == SUNDAY:
            slots = Q(weekday=SUNDAY, end_time__gt=time_now)
        else:
            slots = Q(weekday__in=(SATURDAY, SUNDAY))
    else:
        raise ValueError(value)
    return Q(Exists(Permanence.objects.filter(slots, promeneur=OuterRef("pk"))))
