"""Shared fixtures of the suite. The test network (tests/network.py) is built once per session in the test
database; `national_home`, `cher` and `seine_saint_denis` return its objects, read again for each test.

Every test that does not use the database is marked `pure` at collection (no decoration needed): the
PostgreSQL pass of `make test` runs `-m "not pure and not browser"`, so pure-Python and browser tests run once,
in the SQLite pass."""

import os

import pytest
from django.core.cache import cache
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from core.navigation import forget as forget_navigation
from tests import network, scheduling

# Property tests: the same examples on every CI run (a failure reproduces), and printed blobs to replay one.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)

#: Fixtures through which a test reaches the database (pytest-django's, and the fixtures that build worlds
#: in a module-wide transaction).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "django_db_setup",
}
TRANSACTIONAL_FIXTURES = {"transactional_db", "django_db_reset_sequences", "live_server"}


def uses_database(item) -> bool:
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) or any(
        item.iter_markers("django_db")
    )


def pytest_addoption(parser):
    parser.addoption(
        "--record-durations",
        action="store_true",
        help="write each file's time in this run to tests/durations.json (make durations)",
    )


def pytest_configure(config):
    if config.getoption("--record-durations"):
        config.pluginmanager.register(scheduling.DurationRecorder(), "pdn-duration-recorder")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if not uses_database(item):
            item.add_marker(pytest.mark.pure)
    durations = scheduling.recorded_durations().get(scheduling.database_key(), {})
    items[:] = scheduling.longest_units_first(items, durations)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") == "loadfile":
        return scheduling.UnitScheduling(config, log)
    return None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus the test network, committed once for the session."""
    with django_db_blocker.unblock():
        network.record_baseline()
        network.build_network()


@pytest.fixture(scope="module", autouse=True)
def _network_for_the_module(request):
    """Before the first test of a module that uses the database: the network is there. The module's own worlds
    (module-scoped fixtures, built before any function-scoped fixture) stand on it, and on the migrations' rows
    that a transactional test run before them on this worker (a live server's) has flushed away."""
    module_items = [item for item in request.session.items if item.module is request.module]
    if any(uses_database(item) and not _transactional_item(item) for item in module_items):
        request.getfixturevalue("django_db_setup")
        with request.getfixturevalue("django_db_blocker").unblock():
            network.ensure_network()
    yield


def _transactional_item(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.fixture(autouse=True)
def _network_in_place(request):
    """Before a test that uses the database in a rolled-back transaction: the network is there (a
    transactional test before it, which flushes the database, removes it); runs before `db` opens the test's
    transaction, so a rebuild is committed. Under `bare_network`, the test's transaction strips it. Before a
    transactional test (live server, `transaction=True`): the committed network is removed, so the test
    starts from the tree it expects (the migrations' rows, through its serialized rollback)."""
    if uses_database(request.node):
        request.getfixturevalue("django_db_setup")
        blocker = request.getfixturevalue("django_db_blocker")
        with blocker.unblock():
            if _transactional_item(request.node):
                if network.network_present():
                    network.strip_network(welcome=False)
            else:
                network.ensure_network()
        if request.node.get_closest_marker("bare_network"):
            request.getfixturevalue("db")
            network.strip_network()
    yield


@pytest.fixture(autouse=True)
def _isolated_cache():
    # Wagtail caches site root paths and the navigation memo is keyed by a token that a rolled-back test
    # restores: forget both around each test.
    cache.clear()
    forget_navigation()
    yield
    cache.clear()
    forget_navigation()


@pytest.fixture(autouse=True)
def _language_given_back():
    # A request to /en/ leaves English active in this thread (LocaleMiddleware activates, nothing deactivates):
    # the next test starts in the default language, as a new request would.
    yield
    translation.deactivate()


@pytest.fixture
def national_home(db):
    network.ensure_network()  # in a transactional test, built for it (and flushed after it)
    return network.national_home()


@pytest.fixture
def cher(national_home):
    """The Cher (18) with its own site at 18.localhost."""
    return network.department_site("18")


@pytest.fixture
def seine_saint_denis(national_home):
    """Seine-Saint-Denis (93) with its own site at 93.localhost."""
    return network.department_site("93")
