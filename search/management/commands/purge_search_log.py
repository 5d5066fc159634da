from django.conf import settings
from django.core.management.base import BaseCommand

from search.models import SearchQueryLog


class Command(BaseCommand):
    help = (
        "Delete the per-site search log older than SEARCH_QUERY_LOG_MAX_AGE_DAYS (queries may hold personal "
        "data). Wagtail's own daily hits are purged by searchpromotions_garbage_collect."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.SEARCH_QUERY_LOG_MAX_AGE_DAYS)

    def handle(self, *args, days, **options):
        deleted = SearchQueryLog.purge(days)
        self.stdout.write(f"{deleted} search log rows older than {days} days deleted.")
