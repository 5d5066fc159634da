import datetime

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH


class SearchQueryLog(models.Model):
    """How often a query was searched on one site (section) on one day, and how many results it had.

    Wagtail's own Query/QueryDailyHits count queries for the whole installation; coordinators need their
    département's searches, and above all the ones that found nothing (report "Recherches sans résultat").
    Queries may hold personal data (a name): rows older than SEARCH_QUERY_LOG_MAX_AGE_DAYS are purged by
    ``manage.py purge_search_log``.
    """

    section_home = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("site"),
    )
    query_string = models.CharField(_("recherche"), max_length=MAX_QUERY_STRING_LENGTH)
    day = models.DateField(_("jour"), default=timezone.localdate)
    hits = models.PositiveIntegerField(_("nombre de recherches"), default=0)
    results_count = models.PositiveIntegerField(_("nombre de résultats"), default=0)

    class Meta:
        verbose_name = _("recherche du jour")
        verbose_name_plural = _("recherches du jour")
        constraints = [
            models.UniqueConstraint(
                fields=["section_home", "query_string", "day"], name="search_log_one_row_per_day"
            )
        ]
        indexes = [models.Index(fields=["results_count", "day"], name="search_log_zero_results")]

    def __str__(self):
        return f"{self.query_string} ({self.day:%d/%m/%Y})"

    @classmethod
    def add(cls, section_home_id: int, query_string: str, day, hits: int, results_count: int) -> None:
        """Add ``hits`` searches of a normalised ``query_string`` on ``day`` (search/counting.py buffers them)."""
        row, _created = cls.objects.get_or_create(
            section_home_id=section_home_id, query_string=query_string, day=day
        )
        # F() keeps concurrent writers from overwriting each other's count.
        cls.objects.filter(pk=row.pk).update(hits=F("hits") + hits, results_count=results_count)

    @classmethod
    def purge(cls, max_age_days: int) -> int:
        cutoff = timezone.localdate() - datetime.timedelta(days=max_age_days)
        deleted, _per_model = cls.objects.filter(day__lt=cutoff).delete()
        return deleted
