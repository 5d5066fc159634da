"""Reports of suspicious profiles sent by the public ("Signaler un profil"), and anonymous weekly counts of
the answers of the verification page. Neither stores an IP address; the counts hold no handle either."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.social import PLATFORM_CHOICES


def retention_days() -> int:
    return settings.PROFILE_REPORT_RETENTION_DAYS


class ProfileReportQuerySet(models.QuerySet):
    def older_than(self, days: int):
        return self.filter(created_at__lt=timezone.now() - datetime.timedelta(days=days))


class ProfileReport(models.Model):
    """A profile reported by a visitor, routed to the coordination of one département. The texts are stored
    exactly as typed and only ever displayed escaped."""

    class Status(models.TextChoices):
        NEW = "nouveau", _("Nouveau")
        IN_PROGRESS = "en_cours", _("En cours")
        DONE = "traite", _("Traité")

    profile = models.CharField(_("profil signalé"), max_length=500)
    # A platform slug of directory.social (no choices here, so a new platform needs no migration).
    platform = models.CharField(_("réseau"), max_length=30, blank=True)
    description = models.TextField(_("ce qui s'est passé"), max_length=1000, blank=True)
    reply_email = models.EmailField(_("e-mail pour la réponse"), blank=True)
    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.PROTECT,
        related_name="profile_reports",
        verbose_name=_("département"),
    )
    imitated_promeneur = models.ForeignKey(
        "directory.PromeneurPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("promeneur imité"),
    )
    reported_promeneur = models.ForeignKey(
        "directory.PromeneurPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("fiche signalée"),
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.NEW)
    coordination_comment = models.TextField(_("commentaire de la coordination"), blank=True)
    created_at = models.DateTimeField(_("reçu le"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = ProfileReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["department", "status"], name="report_dept_status")]

    def __str__(self):
        # No reported text here: this label is copied into the admin's audit log, which outlives a purge.
        return _("Signalement n° %(number)s") % {"number": self.pk}

    @property
    def platform_label(self) -> str:
        return dict(PLATFORM_CHOICES).get(self.platform, self.platform)

    @classmethod
    def purge(cls, days: int | None = None) -> int:
        """Delete the reports older than ``days`` (PROFILE_REPORT_RETENTION_DAYS by default) and their audit
        log entries; returns how many reports were deleted."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import ModelLogEntry

        days = retention_days() if days is None else days
        old = cls.objects.older_than(days)
        ids = [str(pk) for pk in old.values_list("pk", flat=True)]
        if not ids:
            return 0
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(cls), object_id__in=ids
        ).delete()
        deleted, _per_model = cls.objects.filter(pk__in=ids).delete()
        return deleted


class VerificationCount(models.Model):
    """How many times the verification page of a site (a département, or the national site when
    ``department`` is empty) gave each answer during one ISO week. Counts only: no handle, no address."""

    class Outcome(models.TextChoices):
        YES = "oui", _("Oui")
        NO = "non", _("Non")
        LOOK_ALIKE = "ressemblance", _("Ressemblance")
        NOT_RECOGNISED = "non_reconnu", _("Non reconnu")

    department = models.ForeignKey(
        "departments.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("département"),
    )
    week = models.DateField(_("semaine du"))  # the Monday of the ISO week
    outcome = models.CharField(_("réponse"), max_length=15, choices=Outcome.choices)
    count = models.PositiveIntegerField(_("nombre"), default=0)

    class Meta:
        verbose_name = _("vérifications de la semaine")
        verbose_name_plural = _("vérifications par semaine")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "week", "outcome"],
                condition=models.Q(department__isnull=False),
                name="verification_count_one_row_per_department",
            ),
            # NULLs are distinct in a unique index: the national site needs its own (partial) one.
            models.UniqueConstraint(
                fields=["week", "outcome"],
                condition=models.Q(department__isnull=True),
                name="verification_count_one_row_national",
            ),
        ]
        indexes = [models.Index(fields=["week", "department"], name="verification_count_week")]

    def __str__(self):
        return f"{self.week:%d/%m/%Y} {self.outcome}: {self.count}"
