from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche")

    def ready(self):
        from search import counting, signals  # noqa: F401

        counting.register()  # search pages from the page cache, each one still logged
