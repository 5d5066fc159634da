from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from reports.models import ProfileReport, retention_days


class Command(BaseCommand):
    help = (
        "Delete the profile reports older than PROFILE_REPORT_RETENTION_DAYS (365 by default) and their "
        "admin audit log entries. Run daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention, in days.")

    def handle(self, *args, days, **options):
        days = retention_days() if days is None else days
        deleted = ProfileReport.purge(days)
        message = gettext("Signalements de plus de %(days)d jours supprimés : %(count)d.")
        self.stdout.write(message % {"count": deleted, "days": days})
