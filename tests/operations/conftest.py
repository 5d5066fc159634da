import os

import pytest
from django.db import connection


@pytest.fixture
def postgres_only():
    """Tests that need the suite's PostgreSQL database: they run in the PostgreSQL pass of the suite."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass (DATABASE_URL=postgres://…)")
    return os.environ.get("DATABASE_URL")
