"""Search from the page cache: the second visitor asking the same query gets the stored page, the query log
still counts both searches (the « recherches sans résultat » report reads it), Varnish is told not to keep it, and
a suspension removes the promeneur from the stored results at once."""

from django.test import Client
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

from network.provisioning import create_department_site
from search.models import SearchQueryLog
from tests.caching.helpers import NAME, build, status_url


def search(q, **params):
    return Client(HTTP_HOST="18.localhost").get("/recherche/", {"q": q, **params})


def listed(response, world) -> bool:
    """The promeneur's profile among the results (the query itself is on the page in any case)."""
    path = world.promeneur.get_url_parts()[2]
    return path in response.content.decode()


def logged(q) -> tuple[int, int]:
    row = SearchQueryLog.objects.get(query_string=normalise_query_string(q))
    return row.hits, row.results_count


def wagtail_hits(q) -> int:
    return sum(day.hits for day in Query.get(q).daily_hits.all())


def test_a_search_is_served_from_the_cache_and_counted_each_time(page_cache, db):
    world = build(create_department_site("18", hostname="18.localhost"))
    first, second = search(NAME), search(NAME)
    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert listed(first, world) and listed(second, world)
    assert "s-maxage" not in second["Cache-Control"] and "public" not in second["Cache-Control"]
    assert logged(NAME) == (2, 1)
    assert wagtail_hits(NAME) == 2

    nothing = [search("zzzqqq") for _ in range(3)]
    assert [r["X-Page-Cache"] for r in nothing] == ["miss", "hit", "hit"]
    assert logged("zzzqqq") == (3, 0)  # what the report of searches without result counts

    response = world.admin.post(status_url(world.promeneur, "suspendre"), {"reason": "Comité de pilotage."})
    assert response.status_code == 302
    after = search(NAME)
    assert after["X-Page-Cache"] == "miss" and not listed(after, world)
    assert logged(NAME) == (3, 0)


def test_a_page_of_one_kind_is_cached_and_not_logged_as_a_new_search(page_cache, db):
    world = build(create_department_site("18", hostname="18.localhost"))
    pages = [search(NAME, type="promeneurs") for _ in range(2)]
    assert [r["X-Page-Cache"] for r in pages] == ["miss", "hit"]
    assert all(listed(r, world) for r in pages)
    assert not SearchQueryLog.objects.filter(
        query_string=normalise_query_string(NAME)
    ).exists()  # as the view itself does
