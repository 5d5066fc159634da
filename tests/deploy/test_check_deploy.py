"""`manage.py check --deploy` with the production settings reports nothing (the three deliberate warnings are
silenced in production.py, each with its reason), and the production settings carry the database timeouts."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process (Playwright beside the live server): a
    # server never has it, and check --deploy reports it.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PG_", "AWS_")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="promeneursdunet.example,18.promeneursdunet.example",
        DATABASE_URL="postgres://pdn@127.0.0.1:5432/pdn",
    )
    env.update(extra)
    return env


def test_check_deploy_is_clean():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _settings(**env):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'db': s.DATABASES['default'].get('OPTIONS', {}), "
        "'media': s.STORAGES['default']['BACKEND'], 'csp': bool(s.CONTENT_SECURITY_POLICY)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=production_env(**env), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_database_timeouts_come_from_the_environment():
    defaults = _settings()
    assert defaults["db"] == {"connect_timeout": 3, "options": "-c statement_timeout=10000"}
    tuned = _settings(PG_CONNECT_TIMEOUT="1", PG_STATEMENT_TIMEOUT_MS="0")
    assert tuned["db"] == {"connect_timeout": 1, "options": "-c statement_timeout=0"}


def test_media_on_object_storage_only_when_a_bucket_is_set():
    assert _settings()["media"] == "django.core.files.storage.FileSystemStorage"
    assert _settings(AWS_STORAGE_BUCKET_NAME="pdn-media")["media"] == "storages.backends.s3.S3Storage"
