from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Annuaire"

    def ready(self):
        from core import sections, visibility
        from directory import photos, signals  # noqa: F401
        from directory.visibility import is_shown_publicly, without_unlisted_promeneurs

        photos.connect_signals()
        # A promeneur page may be live yet not publicly listed: every public surface of the core asks this.
        visibility.register(without_unlisted_promeneurs, is_shown_publicly)
        sections.register_section_page("annuaire", "directory.AnnuairePage")
