"""The database down: every page answers 503 « Service momentanément indisponible » with Retry-After, no
traceback; when it answers again the next request is served, without a restart."""

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client


@pytest.fixture
def client_raising():
    # The test client re-raises view exceptions by default; a real server does not.
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_503_then_recovery(national_home, client_raising, monkeypatch, error):
    assert client_raising.get("/").status_code == 200

    def unreachable(self):
        raise error("could not connect to server: Connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)
    response = client_raising.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert "Service momentanément indisponible" in text
    assert "Connection refused" not in text and "Traceback" not in text

    monkeypatch.undo()
    assert client_raising.get("/").status_code == 200


@pytest.mark.django_db
def test_other_errors_stay_500(national_home, client_raising, monkeypatch):
    def bug(self):
        raise ValueError("a bug, not the database")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", bug)
    response = client_raising.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
