"""Five reports an hour per client address; the sixth gets a 429 with a French message and nothing is
stored. The address is hashed into a cache key that expires with the window, and never stored."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from reports import ratelimit
from reports.models import ProfileReport
from tests.reports.conftest import valid_data

pytestmark = pytest.mark.django_db

URL = "/signaler/"


def client(address="203.0.113.7"):
    return Client(HTTP_HOST="18.localhost", REMOTE_ADDR=address)


def test_the_sixth_report_in_an_hour_is_refused(cher):
    visitor = client()
    for n in range(5):
        assert visitor.post(URL, valid_data(profil=f"faux_{n}")).status_code == 302
    response = visitor.post(URL, valid_data(profil="faux_6", email="parent@exemple.fr"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Vous avez déjà envoyé plusieurs signalements depuis cette connexion" in html
    assert 'value="faux_6"' in html and 'value="parent@exemple.fr"' in html
    assert ProfileReport.objects.count() == 5
    # Another address is not concerned.
    assert client("198.51.100.1").post(URL, valid_data()).status_code == 302


def test_invalid_posts_do_not_count_but_a_flood_of_robots_does(cher):
    visitor = client()
    for _ in range(8):
        assert visitor.post(URL, valid_data(profil="")).status_code == 200
    assert visitor.post(URL, valid_data()).status_code == 302
    for _ in range(4):
        assert visitor.post(URL, valid_data(site_internet="spam")).status_code == 302
    assert visitor.post(URL, valid_data()).status_code == 429
    assert ProfileReport.objects.count() == 1


def test_the_key_hashes_the_address_and_expires_with_the_window(cher):
    with mock.patch.object(cache, "add", wraps=cache.add) as add:
        client("203.0.113.7").post(URL, valid_data())
    (key, value), options = add.call_args
    assert "203.0.113.7" not in key and "203_0_113_7" not in key
    assert key.startswith("reports:rate:") and len(key) > 40
    assert options["timeout"] == ratelimit.WINDOW_SECONDS == 3600
    # When the window has expired (the key is gone), the address may report again.
    for n in range(4):
        client().post(URL, valid_data(profil=f"faux_{n}"))
    assert client().post(URL, valid_data()).status_code == 429
    cache.delete(key)
    assert client().post(URL, valid_data()).status_code == 302


def test_no_address_is_stored(cher):
    client("203.0.113.7").post(URL, valid_data(email="parent@exemple.fr"))
    report = ProfileReport.objects.values().get()
    assert not any("203.0.113.7" in str(value) for value in report.values())
    field_names = {field.name for field in ProfileReport._meta.get_fields()}
    assert not field_names & {"ip", "ip_address", "address", "user_agent"}
