"""An import starts one new page-cache generation (not one per saved row), and after it every cache is right: an
anonymous annuaire page cached before the import shows the imported promeneurs on the very next GET, the site
search finds them, and the Varnish purge is sent once, when the transaction commits."""

import pytest
from django.core.cache import cache
from django.db.models.signals import post_save
from django.test import Client

from core.models import PageTreeVersion
from tests.imports.helpers import csv_bytes, promeneur_row
from tests.imports.test_import_roundtrip import import_file

NAMES = ["Ombeline", "Philibertine", "Séraphine"]


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_saves():
    saves = []

    def record(sender, instance, **kwargs):
        saves.append(instance.token)

    post_save.connect(record, sender=PageTreeVersion, dispatch_uid="test-imports-token-saves")
    yield saves
    post_save.disconnect(sender=PageTreeVersion, dispatch_uid="test-imports-token-saves")


def rows():
    return [
        promeneur_row(
            n, structure="Maison des Hirondelles", prenom=name, debut="01/01/2024", fin="31/12/2099"
        )
        for n, name in enumerate(NAMES)
    ]


def anonymous(path):
    return Client(HTTP_HOST="18.localhost").get(path)


def test_a_cached_annuaire_shows_the_imported_promeneurs_at_once(page_cache, client_18, token_saves):
    before = anonymous("/annuaire/")
    assert before.status_code == 200 and before["X-Page-Cache"] == "miss"
    assert anonymous("/annuaire/")["X-Page-Cache"] == "hit"
    assert "Ombeline" not in before.content.decode()

    counts = import_file(client_18, csv_bytes(rows()), publication="publier")

    assert counts["promeneurs_created"] == 3
    # 1 structure and 3 promeneurs, each created, revised and published, their inline rows and tags: one token.
    assert len(token_saves) == 1
    after = anonymous("/annuaire/")
    assert after.get("X-Page-Cache") != "hit"
    html = after.content.decode()
    for name in NAMES:
        assert name in html


def test_the_site_search_finds_the_imported_promeneurs(client_18):
    import_file(client_18, csv_bytes(rows()), publication="publier")
    response = anonymous("/recherche/?q=Philibertine")
    assert response.status_code == 200
    assert "Philibertine, animatrice jeunesse" in response.content.decode()
    # The structure's promeneurs are found by its name too (indexed with their structure).
    assert "Séraphine, animatrice jeunesse" in anonymous("/recherche/?q=Hirondelles").content.decode()


def test_varnish_is_purged_once_when_the_import_commits(
    client_18, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from wagtail.contrib.frontend_cache import utils

    from pagecache import invalidation

    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    monkeypatch.setitem(invalidation._last_purged, "token", None)
    purges = []
    monkeypatch.setattr(utils, "purge_urls_from_cache", lambda urls, **kwargs: purges.append(urls))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_file(client_18, csv_bytes(rows()), publication="publier")
    assert len(purges) == 1, callbacks
    assert "http://18.localhost/" in purges[0]
