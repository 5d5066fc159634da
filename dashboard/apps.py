from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Tableau de bord")
    default_auto_field = "django.db.models.BigAutoField"
