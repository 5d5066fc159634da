"""The Elasticsearch configuration is checked without a server: the backend is built from the settings (the
client connects lazily) and the queries of every kind compile with indexed FilterFields only. The behaviour
against a real server is the Elasticsearch class of test_contract.py (runs when ELASTICSEARCH_URL is set)."""

import pytest
from django.conf import settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from directory.models import PromeneurPage
from search.engine import filters_in_database
from search.kinds import KINDS, Scope

BUILT_IN_FILTERS = {"lowercase", "asciifolding"}


@pytest.fixture
def backend():
    return get_search_backend("default", **settings.SEARCH_ELASTICSEARCH_BACKEND)


def test_settings_point_at_the_elasticsearch_9_backend(backend):
    assert type(backend).__name__ == "Elasticsearch9SearchBackend"
    assert not filters_in_database(backend)
    assert (
        backend.get_index_for_model(PromeneurPage).name
        == f"{settings.ELASTICSEARCH_INDEX_PREFIX}wagtailcore_page"
    )


def test_french_analysis_is_merged_into_wagtails_and_complete(backend):
    analysis = backend.settings["settings"]["analysis"]
    analyzers = analysis["analyzer"]
    # Ours, next to Wagtail's own ngram analyser (deep-merged, not replaced).
    assert {"default", "edgengram_analyzer", "ngram_analyzer"} <= set(analyzers)
    assert analyzers["default"]["filter"] == ["french_elision", "lowercase", "asciifolding", "french_stemmer"]
    assert "french_elision" in analyzers["edgengram_analyzer"]["filter"]
    defined = set(analysis["filter"]) | BUILT_IN_FILTERS
    for name, analyzer in analyzers.items():
        assert set(analyzer["filter"]) <= defined, name
    assert analysis["filter"]["french_stemmer"] == {"type": "stemmer", "language": "light_french"}


def test_text_fields_use_the_french_default_analyser(backend):
    mapping = backend.mapping_class(PromeneurPage).get_mapping()["properties"]
    job = mapping["directory_promeneurpage__job_title"]
    assert job["type"] == "text" and "analyzer" not in job  # → index default analyser (French)
    assert mapping["directory_promeneurpage__job_title_edgengrams"]["analyzer"] == "edgengram_analyzer"


def test_every_kind_compiles_with_indexed_filter_fields(backend, national_home):
    scope = Scope(national_home)
    for kind in KINDS.all:
        compiler = backend.query_compiler_class(kind.prepare(kind.indexed_candidates(scope)), "educatrice")
        compiler.check()  # raises FilterFieldError on a filter Elasticsearch cannot apply
        assert compiler.get_query()["bool"]["filter"]
    suggestions = backend.autocomplete_query_compiler_class(scope.pages(Page).specific(), "educ")
    suggestions.check()
    assert suggestions.get_query()["bool"]["must"]["match"]["_edgengrams"]["query"] == "educ"
