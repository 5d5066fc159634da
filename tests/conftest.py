import pytest
from django.core.cache import cache

from core.navigation import forget as forget_navigation
from network.provisioning import create_department_site, ensure_national_site


@pytest.fixture(autouse=True)
def _isolated_cache():
    # Wagtail caches site root paths; each test builds its own sites. The navigation memo is keyed by a
    # token that a rolled-back test restores: forget it too.
    cache.clear()
    forget_navigation()
    yield
    cache.clear()
    forget_navigation()


@pytest.fixture
def national_home(db):
    return ensure_national_site(hostname="localhost", port=80)


@pytest.fixture
def cher(national_home):
    """The Cher (18) with its own site at 18.localhost."""
    return create_department_site("18", hostname="18.localhost")


@pytest.fixture
def seine_saint_denis(national_home):
    return create_department_site("93", hostname="93.localhost")
