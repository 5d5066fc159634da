from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    """The library of each section: documents and links, the national ones shown on every département's site."""

    name = "resources"
    verbose_name = "Ressources"

    def ready(self):
        from core.sections import register_section_page

        register_section_page("library", "resources.LibraryPage")
