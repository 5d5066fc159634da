"""The page cache is off in the test settings; these tests turn it on (``page_cache``), on local memory or on a
real redis-server started for the session (``redis_cache``)."""

import pytest
from django.core.cache import cache

from tests.services import redis_url, varnish_in_front  # noqa: F401


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(params=["locmem", "redis"])
def any_cache(request, settings):
    """Each test twice: on local memory, and on Redis (Django's RedisCache through redis-py)."""
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "pdn-test",
            }
        }
        # Django's setting_changed handler for CACHES drops the cache objects built from the old setting.
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield request.param
    cache.clear()
