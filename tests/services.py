"""Pytest fixtures over `scripts/services.py`: loopback redis-server and varnishd.

Use them by importing them into a folder's conftest.py (`from tests.services import redis_url  # noqa: F401`).
A service that cannot be found or installed makes the test skip with the launcher's message, unless
`TEST_SERVICES=required` (CI), where it is an error.
"""

import os

import pytest

from scripts import services


def unavailable(error: Exception):
    if os.environ.get("TEST_SERVICES") == "required":
        pytest.fail(str(error))
    pytest.skip(str(error))


@pytest.fixture(scope="session")
def redis_url():
    """A throwaway redis-server for the session (never the machine's own Redis: tests flush it)."""
    try:
        with services.redis() as url:
            yield url
    except services.ServiceUnavailable as error:
        unavailable(error)


@pytest.fixture
def varnish_in_front():
    """A factory: `varnish_in_front(backend_port, vcl_path=None)` -> a running varnishd, stopped after the test."""
    stack = []

    def start(backend_port, vcl_path=None):
        manager = services.varnish(backend_port, vcl_path)
        try:
            running = manager.__enter__()
        except services.ServiceUnavailable as error:
            unavailable(error)
        stack.append(manager)
        return running

    yield start
    for manager in reversed(stack):
        manager.__exit__(None, None, None)
