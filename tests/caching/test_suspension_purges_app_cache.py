"""The annuaires and the profile come from the application's cache for anonymous visitors; a suspension through
the admin's status URL removes the promeneur from the very next anonymous GET of each, on local memory and on
Redis."""

from tests.caching.helpers import anonymous_get, build, public_pages, shown, status_url


def test_suspension_removes_the_promeneur_from_every_cached_page(any_cache, cher):
    world = build(cher)
    pages = public_pages(world)
    for host, path in pages:
        first = anonymous_get(path, host)
        assert first.status_code == 200 and shown(first), (host, path)
        assert first["X-Page-Cache"] == "miss"
        again = anonymous_get(path, host)
        assert again["X-Page-Cache"] == "hit", (host, path)
        assert again.content == first.content

    response = world.admin.post(status_url(world.promeneur, "suspendre"), {"reason": "Comité de pilotage."})
    assert response.status_code == 302

    for host, path in pages:
        after = anonymous_get(path, host)
        assert after.get("X-Page-Cache") != "hit", (host, path)
        assert not shown(after), (host, path)


def test_reactivation_shows_the_promeneur_again_at_once(any_cache, cher):
    world = build(cher)
    world.admin.post(status_url(world.promeneur, "suspendre"), {"reason": "Vérification en cours."})
    host, path = "18.localhost", "/annuaire/"
    assert not shown(anonymous_get(path, host))
    assert anonymous_get(path, host)["X-Page-Cache"] == "hit"

    response = world.admin.post(status_url(world.promeneur, "reactiver"), {"reason": "Levée."})
    assert response.status_code == 302
    assert shown(anonymous_get(path, host))
