"""purge_profile_reports deletes the reports older than PROFILE_REPORT_RETENTION_DAYS (365 by default) and
their audit log entries, and says how many."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from reports.models import ProfileReport

pytestmark = pytest.mark.django_db


def report_aged(department, days):
    report = ProfileReport.objects.create(profile=f"profil_{days}", department=department)
    ProfileReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    log(instance=report, action="wagtail.edit")
    return report


def purge(*args):
    out = StringIO()
    call_command("purge_profile_reports", *args, stdout=out)
    return out.getvalue()


def test_reports_older_than_a_year_are_deleted(cher):
    department = cher.department
    report_aged(department, 400)
    report_aged(department, 366)
    kept = report_aged(department, 300)
    assert purge() == "Signalements de plus de 365 jours supprimés : 2.\n"
    assert list(ProfileReport.objects.all()) == [kept]
    assert ModelLogEntry.objects.filter(object_id=str(kept.pk)).count() == 1
    assert ModelLogEntry.objects.count() == 1
    assert purge() == "Signalements de plus de 365 jours supprimés : 0.\n"


@override_settings(PROFILE_REPORT_RETENTION_DAYS=30)
def test_the_retention_is_a_setting(cher):
    report_aged(cher.department, 31)
    report_aged(cher.department, 29)
    assert purge() == "Signalements de plus de 30 jours supprimés : 1.\n"
    assert purge("--days", "10") == "Signalements de plus de 10 jours supprimés : 1.\n"
    assert ProfileReport.objects.count() == 0
