"""The e-mail to the coordination about a new report."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.roles import coordination_group
from core.addresses import site_root_url
from departments.models import DepartmentHomePage, SiteIdentity

logger = logging.getLogger(__name__)


def coordination_recipients(department) -> list[str]:
    """The active users of the département's coordination group, and the coordination contact e-mail of
    the département's site identity settings; without duplicates."""
    addresses = []
    group = coordination_group(department)
    if group is not None:
        addresses += group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    addresses += (
        SiteIdentity.objects.filter(site__root_page__departmenthomepage__department=department)
        .exclude(coordination_email="")
        .values_list("coordination_email", flat=True)
    )
    seen, unique = set(), []
    for address in addresses:
        if address.lower() not in seen:
            seen.add(address.lower())
            unique.append(address)
    return unique


def admin_url(report) -> str:
    """The report in the admin of its département's own site (the national address when it has none)."""
    home = DepartmentHomePage.objects.filter(department=report.department).first()
    return site_root_url(home) + reverse("signalements:edit", args=[report.pk])


def notify_coordination(report) -> bool:
    """E-mail the coordination; a mail server failure is logged, never shown to the visitor (the report
    is stored and listed in the admin anyway)."""
    recipients = coordination_recipients(report.department)
    if not recipients:
        logger.warning(
            "Profile report %s: no address for the coordination of %s", report.pk, report.department
        )
        return False
    context = {"report": report, "admin_url": admin_url(report), "department": report.department}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("reports/emails/new_report_subject.txt", context).strip()
        body = render_to_string("reports/emails/new_report.txt", context)
    try:
        send_mail(subject, body, None, recipients)
    except Exception:
        logger.exception("Profile report %s: the e-mail to the coordination failed", report.pk)
        return False
    return True
