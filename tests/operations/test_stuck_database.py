"""A database that accepts connections and never answers, then one that refuses them: gunicorn with the
production settings answers the 503 page within seconds (PG_CONNECT_TIMEOUT), not after the worker timeout,
and serves again as soon as the database is back, without a restart. A TCP proxy the test starts and stops
stands between gunicorn and the suite's PostgreSQL database."""

import http.client
import os
import secrets
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connections
from django.db.backends.postgresql.base import DatabaseWrapper

from scripts import services
from tests.operations.tcp_proxy import TcpProxy
from tests.services import unavailable

CONNECT_TIMEOUT = 2


def get(port, path):
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers={"Host": "localhost"})
    response = connection.getresponse()
    body = response.read().decode()
    return response, body, time.monotonic() - started


@pytest.fixture
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    env = production_env("postgres://unused@127.0.0.1:1/unused", root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=services.ROOT,
        env={**os.environ, **env},
        check=True,
    )
    return root


def production_env(database_url, static_root):
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "false",
        "PG_CONNECT_TIMEOUT": str(CONNECT_TIMEOUT),
    }


@pytest.mark.django_db(transaction=True)
def test_stuck_then_down_then_back(postgres_only, national_home, static_root):
    db = settings.DATABASES["default"]
    proxy = TcpProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    url = f"postgres://{auth}@127.0.0.1:{proxy.port}/{db['NAME']}"
    try:
        with services.gunicorn(env=production_env(url, static_root), workers=1, timeout=30) as app:
            response, body, _ = get(app.port, "/")
            assert response.status == 200, body[:2000]
            assert get(app.port, "/healthz")[0].status == 200

            proxy.stuck()
            response, body, elapsed = get(app.port, "/")
            assert response.status == 503, body[:2000]
            assert elapsed < CONNECT_TIMEOUT * 3, elapsed  # not gunicorn's 30 s worker timeout
            assert response.getheader("Retry-After") == "30"
            assert "Service momentanément indisponible" in body and "Traceback" not in body
            response, body, elapsed = get(app.port, "/healthz")
            assert response.status == 503 and '"database": {"ok": false' in body
            assert elapsed < CONNECT_TIMEOUT * 3

            proxy.stop()
            response, body, elapsed = get(app.port, "/")
            assert response.status == 503 and elapsed < CONNECT_TIMEOUT * 3

            proxy = TcpProxy(proxy.target, port=proxy.port)  # the database is back, same address
            response, body, _ = get(app.port, "/")
            assert response.status == 200, body[:2000]
            assert get(app.port, "/healthz")[0].status == 200
    except services.ServiceUnavailable as error:
        unavailable(error)
    finally:
        proxy.stop()


@pytest.mark.django_db
def test_statement_timeout_cancels_a_long_query(postgres_only):
    """A query running longer than PG_STATEMENT_TIMEOUT_MS is cancelled by the server: OperationalError."""
    params = {**connections["default"].settings_dict}
    params["OPTIONS"] = {**params.get("OPTIONS", {}), "options": "-c statement_timeout=300"}
    wrapper = DatabaseWrapper(params, alias="statement_timeout_probe")
    try:
        started = time.monotonic()
        with pytest.raises(OperationalError, match="statement timeout"), wrapper.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")
        assert time.monotonic() - started < 3
    finally:
        wrapper.close()
