from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The national home, content pages and legal texts."""

    name = "home"

    def ready(self):
        from core.sections import register_section_page

        register_section_page("legal_pages", "home.LegalPage", many=True)
