import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts import roles
from geo.factories import known_commune


@pytest.fixture
def communes(db):
    return {key: known_commune(key) for key in ("bourges", "vierzon", "saint-amand-montrond", "bobigny")}


@pytest.fixture
def coordinator_18(cher, communes):
    user = get_user_model().objects.create_user(username="coord18", email="coord18@exemple.invalid")
    user.groups.set([roles.coordination_group(cher.department)])
    return user


@pytest.fixture
def coordinator_93(seine_saint_denis, communes):
    user = get_user_model().objects.create_user(username="coord93", email="coord93@exemple.invalid")
    user.groups.set([roles.coordination_group(seine_saint_denis.department)])
    return user


@pytest.fixture
def client_18(coordinator_18):
    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator_18)
    return client
