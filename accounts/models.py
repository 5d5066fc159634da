"""Roles of the network (Cnaf, coordinations, structures) as Django groups, the invitations sent to
structure managers and the convention reminders already e-mailed (so the daily command never repeats one)."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleGroup(models.Model):
    """Ties a Django group to what it stands for, so groups can be found again whatever their name."""

    class Kind(models.TextChoices):
        CNAF = "cnaf", _("Cnaf – édition nationale")
        COORDINATION = "coordination", _("Coordination départementale")
        STRUCTURE = "structure", _("Structure")

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="role")
    kind = models.CharField(_("rôle"), max_length=20, choices=Kind.choices)
    department = models.ForeignKey(
        "departments.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_groups",
        verbose_name=_("département"),
    )
    structure = models.OneToOneField(
        "directory.StructurePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role",
        verbose_name=_("structure"),
    )

    class Meta:
        verbose_name = _("groupe de rôle")
        verbose_name_plural = _("groupes de rôle")
        permissions = [
            ("view_network", _("Consulter en lecture seule les pages de tout le réseau")),
            ("change_promeneur_status", _("Modifier le statut des promeneurs (labellisation, suspension)")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["department"],
                condition=models.Q(kind="coordination"),
                name="one_coordination_group_per_department",
            ),
            models.UniqueConstraint(fields=["kind"], condition=models.Q(kind="cnaf"), name="one_cnaf_group"),
        ]

    def __str__(self):
        return self.group.name


class Invitation(models.Model):
    """An invitation sent to a structure manager (one per sending; the link itself is a Django token)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    structure = models.ForeignKey(
        "directory.StructurePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        verbose_name=_("structure"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invité par"),
    )
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} ({self.created_at:%d/%m/%Y})"


class ConventionReminder(models.Model):
    """A reminder e-mailed to a coordination about the end of a structure's convention with the Caf."""

    class Kind(models.TextChoices):
        BEFORE = "j-60", _("60 jours avant la fin")
        DUE = "j0", _("le jour de la fin")

    structure = models.ForeignKey(
        "directory.StructurePage", on_delete=models.CASCADE, related_name="convention_reminders"
    )
    kind = models.CharField(max_length=4, choices=Kind.choices)
    convention_end = models.DateField()
    sent_on = models.DateField()
    recipients = models.TextField(blank=True)

    class Meta:
        verbose_name = _("rappel de fin de convention")
        verbose_name_plural = _("rappels de fin de convention")
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "kind", "convention_end"], name="one_reminder_per_convention_end"
            )
        ]

    def __str__(self):
        return f"{self.structure_id} {self.kind} {self.convention_end}"
