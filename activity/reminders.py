"""The monthly reminder: at the start of a month, each structure whose promeneurs have not all sent last month's
report gets one e-mail to its managers, listing them, with the link to fill them in. Once per structure and
month (``ReminderSent``); nothing for a département whose coordination has already closed the month."""

import datetime
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.roles import structure_group
from activity.indicators import MONTH_NAMES
from activity.models import ActivityReport, ClosedMonth, ReminderSent
from core.addresses import site_root_url
from directory.models import PromeneurPage, PromeneurStatus, StructurePage


@dataclass
class Reminder:
    structure: StructurePage
    promeneurs: list[PromeneurPage]
    recipients: list[str]


def month_label(month: datetime.date) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def missing_by_structure(month: datetime.date) -> dict[int, list[PromeneurPage]]:
    """The promeneurs expected to report for ``month`` (active or suspended, French tree, their structure's
    département not closed for that month) who have not, by structure."""
    closed = ClosedMonth.objects.filter(month=month).values("department_id")
    reported = ActivityReport.objects.filter(month=month, promeneur__isnull=False).values("promeneur_id")
    promeneurs = (
        PromeneurPage.objects.filter(
            locale__language_code="fr",
            status__in=[PromeneurStatus.ACTIVE, PromeneurStatus.SUSPENDED],
            structure__isnull=False,
        )
        .exclude(pk__in=reported)
        .exclude(structure__department_id__in=closed)
        .order_by("first_name", "pk")
    )
    missing: dict[int, list[PromeneurPage]] = {}
    for promeneur in promeneurs:
        missing.setdefault(promeneur.structure_id, []).append(promeneur)
    return missing


def managers(structure) -> list[str]:
    group = structure_group(structure)
    if group is None:
        return []
    return list(group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True))


def pending_reminders(month: datetime.date) -> list[Reminder]:
    missing = missing_by_structure(month)
    already = set(ReminderSent.objects.filter(month=month).values_list("structure_id", flat=True))
    structures = StructurePage.objects.filter(pk__in=set(missing) - already).order_by("title", "pk")
    return [Reminder(structure, missing[structure.pk], managers(structure)) for structure in structures]


def send_reminders(month: datetime.date, dry_run: bool = False) -> list[Reminder]:
    """E-mail every structure with missing reports for ``month`` (not reminded yet); the reminders sent (or,
    with ``dry_run``, that would be). A structure without a manager's address is listed with no recipient,
    and not marked as reminded: it will be once it has one."""
    reminders = pending_reminders(month)
    if dry_run:
        return reminders
    with translation.override("fr"):
        for reminder in reminders:
            if not reminder.recipients:
                continue
            link = f"{site_root_url(reminder.structure)}{reverse('activity:index')}?mois={month:%Y-%m}"
            context = {
                "structure": reminder.structure,
                "promeneurs": reminder.promeneurs,
                "month": month_label(month),
                "link": link,
            }
            with transaction.atomic():
                ReminderSent.objects.create(
                    structure=reminder.structure, month=month, recipients=len(reminder.recipients)
                )
                send_mail(
                    render_to_string("activity/emails/reminder_subject.txt", context).strip(),
                    render_to_string("activity/emails/reminder.txt", context),
                    None,
                    reminder.recipients,
                )
    return reminders
