"""A promeneur's status in the network."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PromeneurStatus(models.TextChoices):
    APPLICANT = "candidat", _("Candidat")
    ACTIVE = "actif", _("Actif (labellisé)")
    SUSPENDED = "suspendu", _("Suspendu")
    WITHDRAWN = "retire", _("Retiré")
