"""Varnish with deploy/varnish/default.vcl in front of the application (Django's live server): the annuaires
and the profile are served from Varnish's cache; a suspension through the admin's status URL bans every site's
host (wagtail.contrib.frontend_cache's PURGE) and the next GET through Varnish no longer lists the promeneur.
Skipped with the launcher's reason when varnishd cannot be installed (an error under TEST_SERVICES=required)."""

import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from wagtail.models import Collection, Page

from network.provisioning import create_department_site
from tests import network
from tests.caching.helpers import build, public_pages, shown, status_url

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"


@pytest.fixture
def behind_varnish(live_server, varnish_in_front, settings):
    # live_server makes the test transactional; build_network brings back what the migrations made (locales,
    # départements) after another test's flush (tests/network.py restore_migration_data).
    # When the network was still in place (no transactional test before), the restored rows of the root
    # collection and page carry the counts of an empty tree: let treebeard recount before building on them.
    Collection.fix_tree()
    Page.fix_tree()
    network.build_network()
    cache = varnish_in_front(urlsplit(live_server.url).port, VCL)
    settings.PAGE_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": cache.url}
    }
    return cache


def through(cache, host, path, **headers):
    return httpx.get(f"{cache.url}{path}", headers={"Host": host, **headers}, timeout=30)


def test_a_suspension_bans_the_promeneur_from_varnish_at_once(behind_varnish):
    world = build(create_department_site("18", hostname="18.localhost"))
    pages = public_pages(world)
    for host, path in pages:
        first = through(behind_varnish, host, path)
        assert first.status_code == 200 and shown(first), (host, path)
        again = through(behind_varnish, host, path)
        assert again.headers["X-Varnish-Cache"] == "hit", (host, path)

    response = world.admin.post(status_url(world.promeneur, "suspendre"), {"reason": "Comité de pilotage."})
    assert response.status_code == 302

    for host, path in pages:
        after = through(behind_varnish, host, path)
        assert after.headers["X-Varnish-Cache"] == "miss", (host, path)
        assert not shown(after), (host, path)


def test_varnish_passes_signed_in_visitors_and_the_verification(behind_varnish):
    world = build(create_department_site("18", hostname="18.localhost"))
    for _ in range(2):
        signed_in = through(behind_varnish, "18.localhost", "/annuaire/", Cookie="sessionid=quelconque")
        assert signed_in.headers["X-Varnish-Cache"] == "miss"
        check = through(behind_varnish, "18.localhost", "/verifier/?reseau=instagram&profil=x")
        assert check.headers["X-Varnish-Cache"] == "miss"
    assert world.promeneur.pk


def hits_for_miss(cache) -> int:
    binary = shutil.which("varnishstat") or "/usr/bin/varnishstat"
    output = subprocess.run(
        [binary, "-n", str(cache.extra["instance"]), "-1", "-f", "MAIN.cache_hitmiss"],
        capture_output=True,
        text=True,
        timeout=10,
        check=True,
    ).stdout
    return int(output.split()[1])


def test_what_varnish_must_not_keep_is_fetched_without_waiting_in_line(behind_varnish):
    """An uncacheable answer leaves a hit-for-miss marker: the next requests for that URL go to the
    application at once instead of queueing, one by one, behind the request in flight (Varnish's waiting
    list). The search page is one: the application caches it, Varnish never keeps it."""
    build(create_department_site("18", hostname="18.localhost"))
    before = hits_for_miss(behind_varnish)
    for _ in range(3):
        search = through(behind_varnish, "18.localhost", "/recherche/?q=camille")
        assert search.status_code == 200 and search.headers["X-Varnish-Cache"] == "miss"
    assert settled(lambda: hits_for_miss(behind_varnish) - before, 2) == 2


def settled(read, expected, seconds=5.0):
    """Varnish's worker threads add their counters to the shared statistics when they go idle, a moment after
    the answer has left: read again until the count arrives rather than race the thread that holds it."""
    deadline = time.monotonic() + seconds
    while (value := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


def test_purge_is_refused_from_elsewhere_and_accepted_from_loopback(behind_varnish):
    accepted = httpx.request("PURGE", f"{behind_varnish.url}/", headers={"Host": "18.localhost"})
    assert accepted.status_code == 200
    # The ACL admits loopback only: the VCL names no other address.
    acl = VCL.read_text().split("acl purgers {", 1)[1].split("}", 1)[0]
    assert set(acl.split()) == {'"127.0.0.1";', '"::1";'}
