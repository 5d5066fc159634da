import pytest
from django.db import transaction
from django.test import Client

from tests.accounts.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The roles world of tests/accounts (18, 93, one user per role), built once per module inside a
    transaction rolled back at its end; each test runs in a savepoint of it."""
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


def valid_data(**overrides):
    data = {
        "profil": "camille_pdn18O",
        "reseau": "instagram",
        "description": "Ce profil se présente comme promeneuse et demande des photos.",
        "email": "",
        "imite": "",
        "promeneur": "",
        "site_internet": "",
    }
    data.update(overrides)
    return data
