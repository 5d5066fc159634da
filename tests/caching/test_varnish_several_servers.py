"""Several Varnish servers (one per application server): VARNISH_URL lists them and each new generation bans
the promeneur from every one of them; VARNISH_HOSTNAMES limits a server's purges to the sites it serves."""

from urllib.parse import urlsplit

import httpx
import pytest
from wagtail.models import Collection, Page

from config.frontend_cache import varnish_backends
from network.provisioning import create_department_site
from tests import network
from tests.caching.helpers import build, public_pages, shown, status_url
from tests.caching.test_varnish import VCL


def through(cache, host, path):
    return httpx.get(f"{cache.url}{path}", headers={"Host": host}, timeout=30)


def test_the_setting_names_one_backend_per_server():
    assert varnish_backends([]) == {}
    one = varnish_backends(["http://127.0.0.1:6081"])
    assert list(one) == ["varnish"] and "HOSTNAMES" not in one["varnish"]
    two = varnish_backends(["http://10.0.0.1:6081", "http://10.0.0.2:6081"], ["18.localhost"])
    assert [backend["LOCATION"] for backend in two.values()] == [
        "http://10.0.0.1:6081",
        "http://10.0.0.2:6081",
    ]
    assert all(backend["HOSTNAMES"] == ["18.localhost"] for backend in two.values())


@pytest.fixture
def two_varnish(live_server, varnish_in_front, settings):
    Collection.fix_tree()  # see tests/caching/test_varnish.py: the restored root rows, recounted
    Page.fix_tree()
    network.build_network()
    port = urlsplit(live_server.url).port
    every_site, cher_only = varnish_in_front(port, VCL), varnish_in_front(port, VCL)
    settings.PAGE_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "every-site": varnish_backends([every_site.url])["varnish"],
        "cher-only": varnish_backends([cher_only.url], ["18.localhost"])["varnish"],
    }
    return every_site, cher_only


def test_a_suspension_bans_the_promeneur_from_every_varnish_of_its_hosts(two_varnish):
    every_site, cher_only = two_varnish
    world = build(create_department_site("18", hostname="18.localhost"))
    pages = public_pages(world)
    for cache in two_varnish:
        for host, path in pages:
            assert shown(through(cache, host, path)), (cache.url, host, path)
            assert through(cache, host, path).headers["X-Varnish-Cache"] == "hit", (cache.url, host, path)

    response = world.admin.post(status_url(world.promeneur, "suspendre"), {"reason": "Comité de pilotage."})
    assert response.status_code == 302

    for host, path in pages:
        after = through(every_site, host, path)
        assert after.headers["X-Varnish-Cache"] == "miss" and not shown(after), (host, path)
    for host, path in pages:
        after = through(cher_only, host, path)
        if host == "18.localhost":
            assert after.headers["X-Varnish-Cache"] == "miss" and not shown(after), path
        else:  # not one of its sites: this server was not asked (why VARNISH_HOSTNAMES must list them all)
            assert after.headers["X-Varnish-Cache"] == "hit", path
