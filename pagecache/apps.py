from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    """The anonymous page cache (middleware.py) and what starts a new generation of it (invalidation.py)."""

    name = "pagecache"
    verbose_name = "Cache des pages"

    def ready(self):
        from pagecache.invalidation import connect_signals

        connect_signals()
