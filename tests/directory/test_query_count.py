"""The number of SQL queries of a results page depends neither on the page size nor on the number of
promeneurs: filters are SQL, and cards' relations are fetched with select_related/prefetch_related."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.factories import make_photo, make_promeneur, make_structure
from geo.factories import known_commune
from tests.directory.conftest import get

#: Bounds that only catch an explosion (the point of the test is that counts are equal). A page includes the
#: shell of base.html (site, identity, menus, legal pages, breadcrumbs, translations): about 20 queries.
MAX_PAGE_QUERIES = 45
MAX_API_QUERIES = 16

VARIANTS = [
    ("page", "/annuaire/", {}),
    ("page, text query", "/annuaire/", {"q": "animatrice"}),
    ("page, near", "/annuaire/", {"pres_de": "18000", "rayon": "50"}),
    ("page, filters", "/annuaire/", {"mission": "jeunesse", "theme": "sante", "reseau": "instagram",
                                     "type": "centre-social"}),
    ("api", "/api/annuaire/", {}),
    ("api, near and text", "/api/annuaire/", {"pres_de": "Bourges", "q": "jeunesse"}),
    ("verification", "/verifier/", {"profil": "@promeneur.1"}),
]  # fmt: skip


def add_promeneurs(structures, photo, start, count):
    for number in range(start, start + count):
        make_promeneur(
            structures[number % len(structures)],
            ["jeunesse", "parentalite"] if number % 2 else ["jeunesse"],
            first_name=f"Prénom{number:03d}",
            job_title="Animatrice jeunesse",
            themes=["Santé"],
            photo=photo,
            profiles=[{"platform": "instagram", "handle": f"@promeneur.{number}",
                       "url": f"https://www.instagram.com/promeneur.{number}/"}],
        )  # fmt: skip


def count_queries(monkeypatch, page_size):
    monkeypatch.setattr("directory.pages.RESULTS_PER_PAGE", page_size)
    counts = {}
    for name, path, params in VARIANTS:
        params = {**params, "page_size": str(page_size)} if path.startswith("/api/") else params
        assert get(path, **params).status_code == 200  # warm-up: renditions, site root paths
        with CaptureQueriesContext(connection) as captured:
            response = get(path, **params)
        assert response.status_code == 200
        counts[name] = len(captured.captured_queries)
    return counts


def test_query_count_is_independent_of_page_size_and_of_n(cher, django_assert_max_num_queries, monkeypatch):
    logo, photo = make_photo("Logo"), make_photo("Portrait")
    structures = [
        make_structure(cher, commune=known_commune("bourges"), logo=logo),
        make_structure(cher, commune=known_commune("vierzon"), logo=logo),
    ]
    add_promeneurs(structures, photo, 0, 3)
    small_n = {size: count_queries(monkeypatch, size) for size in (2, 20)}
    add_promeneurs(structures, photo, 3, 24)
    large_n = {size: count_queries(monkeypatch, size) for size in (2, 20)}

    assert small_n[2] == small_n[20] == large_n[2] == large_n[20], (small_n, large_n)
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        get("/annuaire/", pres_de="18000", q="animatrice", mission="jeunesse")
    with django_assert_max_num_queries(MAX_API_QUERIES):
        get("/api/annuaire/", page_size="100", pres_de="18000", q="animatrice", mission="jeunesse")
