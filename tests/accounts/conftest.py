import pytest
from django.db import transaction
from django.test import Client

from tests.accounts.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The permission world, built once per module inside a transaction rolled back at its end; each
    test (through pytest-django's `db`) runs in a savepoint of it, so what a test changes is undone."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)


@pytest.fixture
def client_for(world, db):
    def make(role, host="localhost"):
        client = Client(HTTP_HOST=host)
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _every_test_in_a_savepoint(db):
    """Every test here uses the database; with `world`, this is what rolls its changes back."""
