"""The search world (world.py) is built once per test module, inside a transaction rolled back at the end of
the module; every test runs in its own savepoint on top of it (pytest-django's ``db``) and gets the world's
pages read again from the database, so that what a test changes (in the database or on an instance) never
reaches the next one."""

import pytest
from django.core.cache import cache
from django.db import transaction

from core.navigation import forget as forget_navigation
from tests import network
from tests.search.world import World, build_world, fresh_world


@pytest.fixture(scope="module")
def _search_world_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        network.ensure_network()  # committed (a transactional test before this module may have flushed it)
        with transaction.atomic():
            cache.clear()
            forget_navigation()
            yield build_world(
                network.national_home(), network.department_site("18"), network.department_site("93")
            )
            transaction.set_rollback(True)
        cache.clear()
        forget_navigation()


@pytest.fixture
def world(_search_world_module, db) -> World:
    return fresh_world(_search_world_module)
