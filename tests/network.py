"""The test network, built once per test session (per xdist worker) inside the test database: the national
site at localhost, the Cher (18) at 18.localhost and Seine-Saint-Denis (93) at 93.localhost, each with the
sections, legal pages, image collection and roles that provisioning gives a real site.

tests/conftest.py builds it right after pytest-django creates the test database (`django_db_setup`), so it is
committed; every test then runs in a transaction rolled back after it, which restores it. A transactional
test (live server, `transaction=True`) flushes the database: the network is built again before the next test
that uses the database. A test that needs the database as the migrations leave it takes the `bare_network`
marker (`@pytest.mark.bare_network`).

The worlds of tests/accounts, tests/directory, tests/dashboard and tests/security stand on this network: their
calls to `ensure_national_site`/`create_department_site` find it and only add their own pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Collection, Page, Site

from departments.models import Department, DepartmentHomePage
from departments.sites import DepartmentSite, department_collection
from home.models import NationalHomePage
from network.provisioning import create_department_site, ensure_national_site

NATIONAL_HOST = ("localhost", 80)
DEPARTMENT_HOSTS = {"18": "18.localhost", "93": "93.localhost"}


@dataclass
class Baseline:
    """What the migrations leave before the network is built: what `bare_network` goes back to."""

    group_ids: frozenset[int]
    collection_ids: frozenset[int]


_baseline: Baseline | None = None


#: What the migrations made, serialized by Django when it created the test database (kept here: the
#: connection object that carries it can be replaced during the run, by a live server's teardown).
_migration_data: str | None = None


def record_baseline() -> None:
    global _baseline, _migration_data
    from django.db import connection

    if _migration_data is None:  # right after the migrations, before the network is built
        _migration_data = getattr(connection, "_test_serialized_contents", None)
        if _migration_data is None:
            _migration_data = connection.creation.serialize_db_to_string()
    if _baseline is None:
        _baseline = Baseline(
            group_ids=frozenset(Group.objects.values_list("pk", flat=True)),
            collection_ids=frozenset(Collection.objects.values_list("pk", flat=True)),
        )


def restore_migration_data() -> None:
    """What the migrations made (locales, départements, the root page and collection, vocabularies), back after
    a transactional test's flush, whatever ran before. The suite does not use Django's serialized rollback: it
    fails on the content types a flush without it re-creates, and skips silently when the connection object it
    serialized on was replaced (a live server's teardown)."""
    from django.db import connection
    from wagtail.models import Locale

    if Locale.objects.exists():
        return
    if _migration_data is None:
        raise RuntimeError("The migrations' data was not recorded (tests/conftest.py django_db_setup).")
    # A flush by a test without serialized rollback re-created content types and permissions (post_migrate):
    # empty the database without that signal, then load what the migrations made, as Django's restore does.
    call_command("flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0)
    # Content types first: a receiver may look one up (and create it) while the other rows load.
    import json

    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    rows = json.loads(_migration_data)
    content_types = [row for row in rows if row["model"] == "contenttypes.contenttype"]
    others = [row for row in rows if row["model"] != "contenttypes.contenttype"]
    connection.creation.deserialize_db_from_string(json.dumps(content_types))
    connection.creation.deserialize_db_from_string(json.dumps(others))
    ContentType.objects.clear_cache()


def build_network() -> None:
    """Idempotent: builds what is missing of the network (everything on an empty database)."""
    restore_migration_data()
    ensure_national_site(hostname=NATIONAL_HOST[0], port=NATIONAL_HOST[1])
    for code, hostname in DEPARTMENT_HOSTS.items():
        create_department_site(code, hostname=hostname)


def network_present() -> bool:
    """One query: the three sites exist with their test host names and ports."""
    hosts = {(NATIONAL_HOST[0], NATIONAL_HOST[1])} | {(host, 80) for host in DEPARTMENT_HOSTS.values()}
    found = set(Site.objects.filter(hostname__in=[host for host, _ in hosts]).values_list("hostname", "port"))
    return hosts <= found


def national_home() -> NationalHomePage:
    return NationalHomePage.objects.get(depth=2, locale__language_code="fr")


def department_site(code: str) -> DepartmentSite:
    """The département's site as `create_department_site` returns it, read from the database."""
    department = Department.objects.get(code=code)
    home = DepartmentHomePage.objects.get(department=department, locale__language_code="fr")
    return DepartmentSite(
        department=department,
        home=home,
        collection=department_collection(department),
        site=Site.objects.get(root_page=home),
    )


def ensure_network() -> None:
    """Builds the network when it is missing (one query when it is there)."""
    if not network_present():
        build_network()


@transaction.atomic
def strip_network(welcome: bool = True) -> None:
    """Removes the network: no page under the root, no Site, no collection or group that provisioning made.
    With ``welcome``, Wagtail's welcome page and default Site come back: the database as the migrations leave
    it (`bare_network`, inside the test's transaction, whose rollback restores the network). Without, the
    tree is left empty and consistent for a transactional test (its serialized rollback puts the migrations'
    rows back; then the database is flushed and the network built again before the next test)."""
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    Site.objects.all().delete()
    Group.objects.exclude(pk__in=_baseline.group_ids).delete()
    Collection.objects.exclude(pk__in=_baseline.collection_ids).delete()
    if welcome:
        home = Page(title="Welcome to your new Wagtail site!", slug="home")
        Page.get_first_root_node().add_child(instance=home)
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
