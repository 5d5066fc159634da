"""A cached page is only ever served for the same host, language and query string."""

from tests.caching.helpers import anonymous_get, build, shown


def test_each_host_query_and_language_has_its_own_entry(page_cache, cher):
    build(cher)
    national = anonymous_get("/annuaire/", "localhost")
    assert national["X-Page-Cache"] == "miss"
    cher_page = anonymous_get("/annuaire/", "18.localhost")
    assert cher_page["X-Page-Cache"] == "miss"
    assert 'name="departement"' in national.content.decode()  # the national form only
    assert 'name="departement"' not in cher_page.content.decode()

    elsewhere = anonymous_get("/annuaire/", "18.localhost", q="personne-de-ce-nom")
    assert elsewhere["X-Page-Cache"] == "miss" and not shown(elsewhere)
    assert anonymous_get("/annuaire/", "18.localhost", q="personne-de-ce-nom")["X-Page-Cache"] == "hit"

    french = anonymous_get("/", "localhost")
    english = anonymous_get("/en/", "localhost")
    assert french["X-Page-Cache"] == "miss"
    assert english.get("X-Page-Cache") != "hit"
    assert '<html lang="fr"' in anonymous_get("/", "localhost").content.decode()
