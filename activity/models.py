"""Monthly activity reports: one per promeneur and month, filled in by the promeneur's structure, read by
the coordination of its département and by the Cnaf. Never public.

A report keeps, beside its promeneur, the facts it is counted by as they were that month (département,
structure, structure type, missions, commune): the indicators are then sums over this one table, grouped by
those columns, without walking the page tree, and a promeneur who moves or leaves does not rewrite the past."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.social import PLATFORM_CHOICES


class RequestKind(models.TextChoices):
    """The kinds of requests promeneurs meet (../shared/DOMAIN.md, follow-up indicators)."""

    PSYCHOSOCIAL = "psychosocial", _("Mal-être, soutien psychosocial")
    RELATIONSHIPS = "relations", _("Relations amicales, amoureuses, familiales")
    HOUSING = "logement", _("Logement")
    HEALTH = "sante", _("Santé, sexualité")
    SCHOOL = "scolarite", _("Scolarité, orientation, formation")
    EMPLOYMENT = "emploi", _("Emploi, insertion")
    PROJECTS = "projets", _("Projets, loisirs, engagement")
    DIGITAL = "numerique", _("Usages numériques, cyberharcèlement")
    RIGHTS = "droits", _("Accès aux droits, démarches")
    PARENTING = "parentalite", _("Questions de parents")
    OTHER = "autre", _("Autre")


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


class ActivityReport(models.Model):
    promeneur = models.ForeignKey(
        "directory.PromeneurPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="activity_reports",
        verbose_name=_("promeneur"),
    )
    promeneur_name = models.CharField(_("promeneur (nom au moment du rapport)"), max_length=150)
    month = models.DateField(_("mois"), help_text=_("Le premier jour du mois."))
    # The facts the indicators are grouped by, as they were this month.
    department = models.ForeignKey(
        "departments.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("département")
    )
    structure = models.ForeignKey(
        "directory.StructurePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("structure"),
    )
    structure_type = models.CharField(_("type de structure"), max_length=40, blank=True)
    commune = models.ForeignKey(
        "geo.Commune", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("commune")
    )
    youth = models.BooleanField(_("mission Jeunesse"), default=False)
    parenting = models.BooleanField(_("mission Parentalité"), default=False)

    hours_online = models.DecimalField(_("heures de présence en ligne"), max_digits=5, decimal_places=1)
    exchanges = models.PositiveIntegerField(_("échanges"), help_text=_("Conversations menées en ligne."))
    in_person_meetings = models.PositiveIntegerField(_("rencontres en présentiel après un contact en ligne"))
    projects_started = models.PositiveIntegerField(_("projets engagés"), default=0)
    request_kinds = models.JSONField(_("types de demandes"), default=list, blank=True)
    needs_support = models.BooleanField(_("besoin d'un appui de la coordination"), default=False)
    comment = models.TextField(_("commentaire"), blank=True, max_length=2000)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rapport d'activité")
        verbose_name_plural = _("rapports d'activité")
        ordering = ["-month", "promeneur_name"]
        constraints = [
            models.UniqueConstraint(fields=["promeneur", "month"], name="activity_one_report_per_month")
        ]
        indexes = [models.Index(fields=["department", "month"]), models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.promeneur_name} – {self.month:%m/%Y}"

    @classmethod
    def from_db(cls, db, field_names, values):
        report = super().from_db(db, field_names, values)
        # Where the report was counted when read: a save that moves it rewrites the old place too
        # (activity.tallies).
        report._counted_as = tuple(
            report.__dict__.get(name) for name in ("promeneur_id", "department_id", "month")
        )
        return report

    @property
    def young_people(self) -> int:
        return sum(reach.young_people for reach in self.reaches.all())

    @property
    def parents(self) -> int:
        return sum(reach.parents for reach in self.reaches.all())


class ActivityReach(models.Model):
    """People reached on one network in the report's month, young people and parents apart."""

    report = models.ForeignKey(ActivityReport, on_delete=models.CASCADE, related_name="reaches")
    platform = models.CharField(_("réseau"), max_length=16, choices=PLATFORM_CHOICES)
    young_people = models.PositiveIntegerField(_("jeunes"), default=0)
    parents = models.PositiveIntegerField(_("parents"), default=0)

    def __str__(self):
        return f"{self.platform}: {self.young_people} + {self.parents}"

    class Meta:
        verbose_name = _("personnes touchées sur un réseau")
        constraints = [
            models.UniqueConstraint(fields=["report", "platform"], name="activity_one_reach_per_network")
        ]


class ClosedMonth(models.Model):
    """A month the coordination has closed for its département: its reports can no longer be changed."""

    department = models.ForeignKey("departments.Department", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["department", "month"], name="activity_month_closed_once")
        ]

    def __str__(self):
        return f"{self.department} – {self.month:%m/%Y}"


class ReminderSent(models.Model):
    """The reminder e-mailed to a structure's managers for a month's missing reports (send_activity_reminders):
    sent once per structure and month, whatever the number of runs."""

    structure = models.ForeignKey("directory.StructurePage", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["structure", "month"], name="activity_reminder_sent_once")
        ]

    def __str__(self):
        return f"{self.structure} – {self.month:%m/%Y}"


def request_kind_labels(kinds) -> list[str]:
    labels = dict(RequestKind.choices)
    return [str(labels[kind]) for kind in kinds or [] if kind in labels]


# --- Summaries the indicators read (activity.tallies keeps them in step with the reports) ---------------


class PeriodKind(models.TextChoices):
    YEAR = "annee", _("année")
    QUARTER = "trimestre", _("trimestre")
    MONTH = "mois", _("mois")


class PeriodSummary(models.Model):
    """One promeneur's period (year, quarter or month, named by its first day) in a département."""

    kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    start = models.DateField()
    department = models.ForeignKey("departments.Department", on_delete=models.CASCADE, related_name="+")
    promeneur = models.ForeignKey(
        "directory.PromeneurPage", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["kind", "start", "department"], name="%(class)s_period"),
            models.Index(fields=["promeneur", "start"], name="%(class)s_promeneur"),
        ]


class ActivityTally(PeriodSummary):
    """What one promeneur's reports of one period (year, quarter or month) add up to, per set of facts (a
    promeneur whose structure or missions changed during the period has one row per set). The network's year
    is 50,000 of these rows instead of 600,000 reports and 1.2 million reach rows (benchmarks/activity.py)."""

    structure_type = models.CharField(max_length=40, blank=True)
    commune = models.ForeignKey("geo.Commune", null=True, on_delete=models.SET_NULL, related_name="+")
    youth = models.BooleanField(default=False)
    parenting = models.BooleanField(default=False)
    reports = models.PositiveIntegerField(default=0)
    hours_online = models.DecimalField(max_digits=9, decimal_places=1, default=0)
    exchanges = models.PositiveIntegerField(default=0)
    in_person_meetings = models.PositiveIntegerField(default=0)
    projects_started = models.PositiveIntegerField(default=0)
    support_requests = models.PositiveIntegerField(default=0)
    young_people = models.PositiveIntegerField(default=0)
    parents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.kind} {self.start}: {self.promeneur_id}"


class ActivityTallyReach(PeriodSummary):
    """The people one promeneur reached on one network during a period (the per-network figures and their
    distinct promeneurs)."""

    platform = models.CharField(max_length=16, choices=PLATFORM_CHOICES)
    young_people = models.PositiveIntegerField(default=0)
    parents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.kind} {self.start}: {self.promeneur_id} {self.platform}"


class ActivityMonthTotal(models.Model):
    """One département's month: the monthly chart and the kinds of requests ({kind: reports})."""

    department = models.ForeignKey("departments.Department", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    reports = models.PositiveIntegerField(default=0)
    exchanges = models.PositiveIntegerField(default=0)
    in_person_meetings = models.PositiveIntegerField(default=0)
    young_people = models.PositiveIntegerField(default=0)
    parents = models.PositiveIntegerField(default=0)
    request_kinds = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["department", "month"], name="activity_one_total_per_month")
        ]

    def __str__(self):
        return f"{self.department_id} {self.month:%m/%Y}"
