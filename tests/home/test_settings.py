import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "s3cr3t",
    "ALLOWED_HOSTS": "promeneurs.example.org",
    "DATABASE_URL": "postgres://u@h/db",
}


def import_production(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env.update({k: v for k, v in {**PRODUCTION_ENV, **overrides}.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production as s; print(s.ALLOWED_HOSTS, s.DEBUG)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_starts_with_its_required_settings():
    result = import_production()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['promeneurs.example.org'] False"


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    result = import_production(**{missing: None})
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production" in result.stderr
