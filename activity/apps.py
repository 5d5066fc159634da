from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "activity"
    verbose_name = _("Activité des promeneurs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from activity import tallies  # the signals that keep the summaries in step

        post_migrate.connect(tallies.summarise_unsummarised, sender=self)
