from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Annuaire"

    def ready(self):
        from directory import photos, signals  # noqa: F401

        photos.connect_signals()
