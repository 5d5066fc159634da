"""Relevance-ranked ids straight from SQLite's FTS5 table.

Wagtail's SQLite backend (modelsearch 1.3) orders results by relevance with a correlated subquery that runs
the FTS5 MATCH again for every matching row: quadratic in the number of matches (1.8 s for a word found in
2,000 promeneurs, minutes for 12,000). Here the MATCH runs once, joined to the index entries of the wanted
content types and restricted to the visible pages; bm25 orders it and LIMIT/COUNT apply in the same query.

The MATCH expression and the score are modelsearch's own (query compiler, MatchExpression, BM25, title norm),
so matching and ranking are unchanged; only the shape of the SQL differs. modelsearch is pinned through
wagtail in pyproject.toml; test_contract.py runs this path on every SQLite test run.
"""

from django.apps import apps
from django.db.models import Exists, F, Func, IntegerField, OuterRef, QuerySet
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import BM25, MatchExpression
from modelsearch.utils import get_descendants_content_types_pks


def is_sqlite_backend(backend) -> bool:
    return type(backend).__name__ == "SQLiteSearchBackend"


def ranked_ids(backend, model, visible: QuerySet, text: str, *, autocomplete: bool = False) -> QuerySet:
    """A lazy queryset of the ids (as text, best first) of the pages of ``visible`` matching ``text``.
    ``text`` is plain words (search.query.SearchQuery.text): every word must match; with ``autocomplete``,
    the last one as a prefix, in the AutocompleteFields."""
    compiler_class = (
        backend.autocomplete_query_compiler_class if autocomplete else backend.query_compiler_class
    )
    # The compiler only builds the MATCH expression here; the visibility rule is applied below, in SQL.
    compiler = compiler_class(model.objects.none(), text, operator="and")
    match = MatchExpression(compiler.FTS_TABLE_FIELDS, compiler.build_search_query(compiler.query))
    fts_entries = apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry").objects
    # Checked per matching entry (primary-key lookups), not as a list of every visible page: a query
    # matches far fewer pages than the 50,000 a national scope may hold.
    is_visible = Exists(
        visible.order_by().filter(pk=Cast(OuterRef("index_entry__object_id"), IntegerField()))
    )
    # modelsearch's score: bm25 of the entry, weighted by the title norm for full-text queries.
    score = BM25() if autocomplete else BM25() * F("index_entry__title_norm") + BM25()
    return (
        fts_entries.filter(match)
        # Unary "+" keeps SQLite from answering this condition with the index of the entries table: without
        # it, COUNT(*) (no ORDER BY) starts from every entry of the content type and evaluates the MATCH once
        # per entry (300 ms for 2,000 promeneurs); with it, the MATCH drives the query.
        .alias(content_type_not_indexed=_no_index("index_entry__content_type_id", IntegerField()))
        .filter(content_type_not_indexed__in=get_descendants_content_types_pks(model))
        .filter(is_visible)
        .annotate(score=score)
        # bm25() is negative, better matches lower; the id breaks ties the same way on every page.
        .order_by("score", "-index_entry_id")
        .values_list("index_entry__object_id", flat=True)
    )


def _no_index(column: str, output_field) -> Func:
    return Func(F(column), template="+%(expressions)s", output_field=output_field)


def pages_in_order(queryset: QuerySet, ids) -> list:
    """The pages of ``queryset`` with these ids, in the order of ``ids``."""
    ids = [int(pk) for pk in ids]
    by_id = {page.pk: page for page in queryset.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]
