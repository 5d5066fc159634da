"""One contract, every configured search backend.

A test class is generated per backend: the database backend of this run (SQLite FTS5, or PostgreSQL when
DATABASE_URL points to PostgreSQL) and Elasticsearch 9 when ELASTICSEARCH_URL is set (real server, never
mocked; otherwise the class reports itself skipped). Each test stands on the small network of world.py (built
once per module, conftest.py), switches WAGTAILSEARCH_BACKENDS to the backend under test with override_settings,
with the index rebuilt by ``update_index`` (once per class for the database backend, whose index rolls back
with each test; before each test for Elasticsearch), then goes through the public views.

Changes that must take effect at once (suspension, unpublishing, deletion, end of convention) are checked
without refreshing Elasticsearch: the query-time visibility rule (search/engine.py) is what guarantees them.
"""

import datetime
import os
import uuid
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from directory.factories import make_promeneur
from directory.models import PromeneurPage, PromeneurStatus, StructurePage
from tests.search.world import IndexedWorld, search_html, suggestion_titles

LEA = "Léa, éducatrice spécialisée"
INES = "Inès, éducatrice de prévention"
KARIM = "Karim, animateur jeunesse"
SANTE_PAGE = "Santé des jeunes en ligne"


class SearchContract(IndexedWorld):
    """What every backend must do. Subclasses set ``backend_config`` and ``stemming``."""

    # "french": snowball stemming (PostgreSQL pdn_french), "light": plurals (Elasticsearch light_french),
    # None: no stemmer (SQLite FTS5).
    stemming: str | None = None

    # Language --------------------------------------------------------------------------------------------

    def test_accents_do_not_matter(self, world):
        national = search_html("educatrice")
        assert LEA in national and INES in national
        assert SANTE_PAGE in search_html("sante")
        assert "Centre social des Tilleuls" in search_html("prevention sante")

    def test_case_does_not_matter(self, world):
        assert LEA in search_html("ÉDUCATRICE SPÉCIALISÉE")
        assert LEA in search_html("léa")

    def test_stemming_where_the_backend_has_a_french_stemmer(self, world):
        if self.stemming is None:
            pytest.skip("SQLite FTS5 has no French stemmer: words match as typed, accents and case aside")
        assert KARIM in search_html("animateurs")
        if self.stemming == "french":
            # Snowball: éducateur, éducatrice, éducateurs share the stem "educ".
            assert LEA in search_html("éducateurs")

    def test_suggestions_complete_words_without_accents(self, world):
        with override_settings(SEARCH_AUTOCOMPLETE_BUDGET_MS=2000):
            assert {LEA, INES} <= set(suggestion_titles("educ"))
            assert LEA in suggestion_titles("Éduc")
            assert suggestion_titles("educ", host="18.localhost") == [LEA]

    # Scope -----------------------------------------------------------------------------------------------

    def test_department_site_only_searches_its_department(self, world):
        cher = search_html("educatrice", host="18.localhost")
        assert LEA in cher and INES not in cher
        ssd = search_html("educatrice", host="93.localhost")
        assert INES in ssd and LEA not in ssd
        assert SANTE_PAGE not in search_html("sante", host="18.localhost")

    # The index follows every change --------------------------------------------------------------------

    def test_suspended_promeneur_is_gone_at_once(self, world):
        lea = PromeneurPage.objects.get(pk=world.lea.pk)
        lea.status = PromeneurStatus.SUSPENDED
        lea.save()  # the comité de pilotage's decision, on the live page
        assert LEA not in search_html("educatrice")
        with override_settings(SEARCH_AUTOCOMPLETE_BUDGET_MS=2000):
            assert LEA not in suggestion_titles("educ")

    def test_unpublished_page_is_gone_at_once(self, world):
        world.page_national.unpublish()
        assert SANTE_PAGE not in search_html("sante")
        PromeneurPage.objects.get(pk=world.ines.pk).unpublish()
        assert INES not in search_html("educatrice")

    def test_deleted_page_is_gone_at_once(self, world):
        PromeneurPage.objects.get(pk=world.lea.pk).delete()
        assert LEA not in search_html("educatrice")

    def test_end_of_convention_removes_its_promeneurs_at_once(self, world):
        # A date passing saves nothing: no signal, no reindexing. The rule is applied at query time.
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        StructurePage.objects.filter(pk=world.structure_18.pk).update(convention_end=yesterday)
        html = search_html("educatrice")
        assert LEA not in html and INES in html
        assert "Centre social des Tilleuls" not in search_html("tilleuls")

    def test_unpublished_structure_takes_its_promeneurs_along(self, world):
        StructurePage.objects.get(pk=world.structure_18.pk).unpublish()
        assert LEA not in search_html("educatrice")

    def test_published_page_is_found(self, world):
        make_promeneur(
            StructurePage.objects.get(pk=world.structure_93.pk),
            first_name="Aïcha",
            job_title="Médiatrice numérique",
            title="Aïcha, médiatrice numérique",
        )
        self.settle()
        assert "Aïcha, médiatrice numérique" in search_html("mediatrice")

    def test_moved_promeneur_follows_her_new_department(self, world):
        lea = PromeneurPage.objects.get(pk=world.lea.pk)
        lea.move(StructurePage.objects.get(pk=world.structure_93.pk), pos="last-child")
        self.settle()
        assert LEA not in search_html("educatrice", host="18.localhost")
        assert LEA in search_html("educatrice", host="93.localhost")

    def test_renamed_structure_is_found_under_its_new_name_through_its_promeneurs(self, world):
        structure = StructurePage.objects.get(pk=world.structure_18.pk)
        structure.title = "Centre social Les Glycines"
        structure.save_revision().publish()
        self.settle()
        html = search_html("glycines", type="promeneurs")
        assert LEA in html and KARIM in html

    def test_full_update_index_gives_the_same_results(self, world):
        before = search_html("educatrice")
        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        self.settle()
        after = search_html("educatrice")
        assert (LEA in before, INES in before) == (LEA in after, INES in after) == (True, True)


class DatabaseContract(SearchContract):
    backend_config = settings.SEARCH_DATABASE_BACKEND

    def test_database_index_entries_follow_unpublish_and_delete(self, world):
        from wagtail.search.models import IndexEntry

        lea = PromeneurPage.objects.get(pk=world.lea.pk)
        live_only = PromeneurPage.objects.live()
        assert lea in list(self.backend.search("educatrice", live_only))
        lea.unpublish()
        assert lea not in list(self.backend.search("educatrice", live_only))
        lea.delete()
        assert not IndexEntry.objects.filter(object_id=str(world.lea.pk)).exists()


class ElasticsearchContract(SearchContract):
    stemming = "light"
    index_per_test = True
    # A throwaway prefix per class run: never touches the indexes of a real site on the same server.
    index_prefix = f"pdn_test_{uuid.uuid4().hex[:8]}_"
    backend_config = {**settings.SEARCH_ELASTICSEARCH_BACKEND, "INDEX_PREFIX": index_prefix}

    def tear_down_index(self):
        # By name: wildcard deletion is refused by default (action.destructive_requires_name).
        names = list(self.backend.es.indices.get(index=f"{self.index_prefix}*", ignore_unavailable=True))
        if names:
            self.backend.es.indices.delete(index=",".join(names))


def _database_class():
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
    attributes = {"stemming": "french" if connection.vendor == "postgresql" else None}
    return type(f"TestSearchContract{vendor}", (DatabaseContract,), attributes)


def _elasticsearch_class():
    cls = type("TestSearchContractElasticsearch", (ElasticsearchContract,), {})
    if not os.environ.get("ELASTICSEARCH_URL"):
        reason = "ELASTICSEARCH_URL not set: no Elasticsearch server on this machine"
        cls = pytest.mark.skip(reason=reason)(cls)
    return pytest.mark.elasticsearch(cls)


for _contract_class in (_database_class(), _elasticsearch_class()):
    globals()[_contract_class.__name__] = _contract_class
