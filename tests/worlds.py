"""A world built once for a test module: ``with rolled_back_world(): yield build()`` inside a module-scoped
fixture (under ``django_db_blocker.unblock()``). The world stands in a transaction rolled back when the block
ends; each test runs in its own savepoint on top of it (pytest-django's ``db``). The cache and the navigation
memo are cleared on both sides: their entries were computed on rows the rollback takes away."""

from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction

from core.navigation import forget as forget_navigation


@contextmanager
def rolled_back_world():
    outer = transaction.atomic()
    outer.__enter__()
    try:
        cache.clear()
        forget_navigation()
        yield
    finally:
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
        cache.clear()
        forget_navigation()
