import datetime

from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from imports.previews import max_age, purge


class Command(BaseCommand):
    help = (
        "Delete the abandoned import previews (MEDIA_ROOT/imports/*.json) older than "
        "IMPORT_PREVIEW_MAX_AGE_HOURS (24 by default). Run hourly from cron or its systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=None, help="Override the maximum age, in hours.")

    def handle(self, *args, hours, **options):
        age = max_age() if hours is None else datetime.timedelta(hours=hours)
        deleted = purge(age)
        message = gettext("Aperçus d'import de plus de %(hours)d heures supprimés : %(count)d.")
        self.stdout.write(message % {"count": deleted, "hours": age.total_seconds() // 3600})
