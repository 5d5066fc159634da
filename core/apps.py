from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom of the project: imports no other app of it (checked by tests/architecture)."""

    name = "core"
    verbose_name = "Socle"

    def ready(self):
        from core.navigation import connect_signals

        connect_signals()
