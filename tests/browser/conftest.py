"""Real-browser tests: Debian's Chromium (/usr/bin/chromium, never a downloaded browser) driven by
Playwright, axe-core through axe-playwright-python, pytest-django's live server.

One Chromium per test session (per xdist worker) and one reused page. The test world (world.py) is served by
the live server on localhost:<port> (national site) and 18.localhost:<port> (the Cher: Chromium resolves
*.localhost to loopback). live_server makes every test transactional (flushed after it); the serialized
rollback restores the migrations' reference data before it, then the world is copied back (SQLite).

    .venv/bin/python -m pytest -m browser                       # this suite only
    PDN_SCREENSHOTS=/tmp/pdn-shots .venv/bin/python -m pytest -m browser   # + PNGs at 1280 and 375 px
"""

import mimetypes
import os
import re
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, DESKTOP
from tests.browser.world import EMBED_FRAME_URL, World, build_world

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run beside it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Anything that is not the live server (any *.localhost) never leaves the machine.
EXTERNAL = re.compile(r"^(?!https?://([\w-]+\.)*localhost(:\d+)?/)")

FAKE_VIDEO = (
    '<!DOCTYPE html><html lang="fr"><head><title>Vidéo (simulée)</title></head>'
    '<body style="margin:0;background:#10264a;color:#fff;font:16px sans-serif;display:grid;'
    'place-items:center;height:100vh"><main><p>Lecteur vidéo simulé</p></main></body></html>'
)


def _serve_locally(route):
    url = route.request.url
    if url.startswith(EMBED_FRAME_URL):
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=FAKE_VIDEO)
    else:
        route.abort()


def _serve_media(route):
    # Tests run with DEBUG off, so the live server does not serve uploads: serve them from MEDIA_ROOT.
    path = route.request.url.split("/media/", 1)[1].split("?", 1)[0]
    file = (Path(settings.MEDIA_ROOT) / path).resolve()
    if not file.is_relative_to(Path(settings.MEDIA_ROOT).resolve()) or not file.is_file():
        route.fulfill(status=404, body="")
        return
    route.fulfill(status=200, body=file.read_bytes(), content_type=mimetypes.guess_type(file.name)[0])


def setup_context(context):
    context.route(EXTERNAL, _serve_locally)
    context.route(re.compile(r"^https?://([\w-]+\.)*localhost(:\d+)?/media/"), _serve_media)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture(scope="session")
def playwright_instance():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} absent: real-browser tests skipped")
    from playwright.sync_api import sync_playwright

    manager = sync_playwright()
    playwright = manager.start()
    yield playwright
    manager.__exit__(None, None, None)


@pytest.fixture(scope="session")
def browser(playwright_instance, live_server):
    # Depends on live_server so the browser closes (and drops its keep-alive connections) before the
    # server stops.
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def _shared_page(browser):
    context = setup_context(browser.new_context(viewport=DESKTOP, locale="fr-FR"))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.js_errors = errors
    yield page
    context.close()


@pytest.fixture
def page(_shared_page):
    """The shared page, back to a desktop viewport and with a clean error log."""
    _shared_page.set_viewport_size(DESKTOP)
    _shared_page.js_errors.clear()
    yield _shared_page
    assert not _shared_page.js_errors, f"JavaScript errors: {_shared_page.js_errors}"


@pytest.fixture
def new_context(browser):
    """A fresh browser context (e.g. with JavaScript disabled), closed after the test."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "fr-FR")
        context = setup_context(browser.new_context(**options))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


# SQLite in memory: the world is built once per worker, then copied back before each test with SQLite's
# backup API (milliseconds, search index tables included) instead of being rebuilt (seconds).
_snapshots: dict[int, tuple[sqlite3.Connection, World]] = {}


@pytest.fixture
def world(live_server) -> World:
    """The test world on the live server. live_server makes the test transactional: the database is
    flushed after it, and build_world restores the migrations' data before it (tests/network.py)."""
    from django.db import connection

    port = live_server.thread.port
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        return build_world(port=port)
    connection.ensure_connection()
    if port in _snapshots:
        snapshot, world = _snapshots[port]
        snapshot.backup(connection.connection)
        return world
    world = build_world(port=port)
    snapshot = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(snapshot)
    _snapshots[port] = (snapshot, world)
    return world
