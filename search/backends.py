"""The search backend of the platform when Elasticsearch is not configured: Wagtail's database backend, with one
fix for PostgreSQL.

Wagtail's PostgreSQL backend takes its full-text configuration from SEARCH_CONFIG but hard-codes "simple" for
autocomplete, which keeps accents: "educ" would never suggest "Éducatrice". Here AUTOCOMPLETE_SEARCH_CONFIG
(pdn_simple: unaccent, no stemming, created by this app's migration) replaces it, for indexing and querying
alike since both read the attribute. SQLite (FTS5 folds accents itself) and other databases are unchanged.
"""

from django.db import connection
from wagtail.search.backends.database import SearchBackend as database_search_backend


def SearchBackend(params):  # noqa: N802 (Wagtail looks this name up in the backend module)
    backend = database_search_backend(params)
    autocomplete_config = params.get("AUTOCOMPLETE_SEARCH_CONFIG")
    if connection.vendor == "postgresql" and autocomplete_config:
        backend.autocomplete_config = autocomplete_config
    return backend
