"""Anonymous counts of the verification page's answers, per site and ISO week (no handle, no address)."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from reports.models import VerificationCount

OUTCOMES = frozenset(VerificationCount.Outcome.values)


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the ISO week of ``day``."""
    return day - datetime.timedelta(days=day.weekday())


def count_verification(department, outcome: str, *, day: datetime.date | None = None) -> None:
    """Count one answer of the verification page: ``department`` is the site's Department (``None`` on the
    national site), ``outcome`` one of "oui", "non", "ressemblance", "non_reconnu". Atomic: an UPDATE …
    SET count = count + 1 on the week's row, created on first use; two first uses racing each other meet
    the unique constraint and the loser adds its one to the winner's row (SQLite and PostgreSQL)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"Unknown verification outcome {outcome!r}: one of {sorted(OUTCOMES)}")
    key = {
        "department": department,
        "week": week_start(day or timezone.localdate()),
        "outcome": outcome,
    }
    if VerificationCount.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            VerificationCount.objects.create(**key, count=1)
    except IntegrityError:
        VerificationCount.objects.filter(**key).update(count=F("count") + 1)
