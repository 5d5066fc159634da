"""Conventions with the Caf are never renewed tacitly. When one ends, the structure's promeneurs leave the
public annuaire at once (a query-time rule: PromeneurPage.objects.publicly_listed()). This module only
reports those structures and warns the coordinations beforehand: 60 days before the end and on the day,
each reminder stored so that it is sent once, however often the daily command runs."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Locale, Site

from accounts import roles
from accounts.models import ConventionReminder

REMINDER_DAYS = 60
# A reminder missed by a few days (the server was down) is still sent; older ones are not.
CATCH_UP_DAYS = 7


@dataclass
class Due:
    structure: object
    kind: str
    days_left: int


def _structures():
    from directory.models import StructurePage

    return (
        StructurePage.objects.live()
        .filter(locale=Locale.get_default(), convention_end__isnull=False)
        .select_related("department")
    )


def ended_conventions(today: datetime.date | None = None):
    """Structures whose convention has ended, with the number of promeneurs this hides from the public
    (published and active ones, that would otherwise be listed)."""
    from directory.models import PromeneurPage, PromeneurStatus

    today = today or timezone.localdate()
    result = []
    for structure in (
        _structures().filter(convention_end__lt=today).order_by("department__sort_key", "convention_end")
    ):
        hidden = (
            PromeneurPage.objects.child_of(structure).live().filter(status=PromeneurStatus.ACTIVE).count()
        )
        result.append((structure, hidden))
    return result


def due_reminders(today: datetime.date | None = None) -> list[Due]:
    today = today or timezone.localdate()
    candidates = _structures().filter(
        convention_end__gte=today - datetime.timedelta(days=CATCH_UP_DAYS),
        convention_end__lte=today + datetime.timedelta(days=REMINDER_DAYS),
    )
    sent = set(
        ConventionReminder.objects.filter(structure__in=candidates).values_list(
            "structure_id", "kind", "convention_end"
        )
    )
    due = []
    for structure in candidates.order_by("convention_end"):
        days_left = (structure.convention_end - today).days
        kind = ConventionReminder.Kind.DUE if days_left <= 0 else ConventionReminder.Kind.BEFORE
        if (structure.pk, kind, structure.convention_end) not in sent:
            due.append(Due(structure=structure, kind=kind, days_left=days_left))
    return due


def coordination_emails(department) -> list[str]:
    """The active members of the coordination group; failing that, the coordination address of the
    département's site settings."""
    group = roles.coordination_group(department)
    emails = []
    if group is not None:
        emails = list(
            get_user_model()
            ._default_manager.filter(groups=group, is_active=True)
            .exclude(email="")
            .order_by("email")
            .values_list("email", flat=True)
        )
    if not emails:
        from departments.models import DepartmentHomePage, SiteIdentity

        home = DepartmentHomePage.objects.filter(department=department, locale=Locale.get_default()).first()
        site = Site.objects.filter(root_page=home).first() if home else None
        identity = SiteIdentity.for_site(site) if site else None
        if identity and identity.coordination_email:
            emails = [identity.coordination_email]
    return emails


@transaction.atomic
def send_convention_reminders(today: datetime.date | None = None, dry_run: bool = False) -> list[Due]:
    """One e-mail per département listing its structures due for a reminder today; returns what was
    (or, in a dry run, would be) sent."""
    today = today or timezone.localdate()
    by_department = defaultdict(list)
    for item in due_reminders(today):
        by_department[item.structure.department].append(item)
    sent = []
    for department, items in by_department.items():
        recipients = coordination_emails(department) if department else []
        if not recipients:
            continue
        if not dry_run:
            context = {"department": department, "items": items, "today": today}
            subject = render_to_string("accounts/emails/convention_reminder_subject.txt", context).strip()
            body = render_to_string("accounts/emails/convention_reminder.txt", context)
            send_mail(subject, body, None, recipients)
            for item in items:
                ConventionReminder.objects.get_or_create(
                    structure=item.structure,
                    kind=item.kind,
                    convention_end=item.structure.convention_end,
                    defaults={"sent_on": today, "recipients": ", ".join(recipients)},
                )
        sent.extend(items)
    return sent
