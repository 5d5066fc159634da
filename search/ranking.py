"""Relevance-ranked matches read straight from Wagtail's database index, one statement per kind.

Wagtail's database backends (modelsearch 1.3) start from the page table and rank every match:
- SQLite orders with a correlated subquery that runs the FTS5 MATCH again for every matching row, which is
  quadratic (1.8 s for a word found in 2,000 promeneurs);
- PostgreSQL filters on ``title || body @@ query``, which no index of Wagtail's serves (a sequential scan of
  every entry of the kind), then computes ts_rank for every match before sorting.

Here the statement starts from the index: the full-text condition drives it (FTS5 MATCH; on PostgreSQL the
GIN index on ``title || body`` created by this app's migration 0003), the entries of the kind's content types
are kept, and the visibility rule is checked per match by primary key (never by listing the 50,000 visible
pages of a national scope).

A match window bounds the work. Ranking the 47,000 promeneurs that share the word "jeunesse" costs 200 ms
on SQLite and more on PostgreSQL, for an order that means little; so at most MATCH_WINDOW matches (in index
order) are ranked, and a query matching more is reported as "plus de MATCH_WINDOW résultats", with an
invitation to add a word. Queries under the window (names, towns, structures, a job in a département) are
ranked and counted exactly. 200 is ten pages of results per kind, more than anyone reads; with 1,000 the
common words cost twice as much (benchmarks/README.md).

The query expressions and scores are modelsearch's own (query compilers, MatchExpression and bm25 with the
title norm on SQLite; tsquery, weights and ts_rank with the title norm on PostgreSQL): matching and ranking
are Wagtail's, only the shape of the SQL differs. modelsearch is pinned through wagtail in pyproject.toml and
test_contract.py runs these paths on every test run (SQLite, and PostgreSQL with DATABASE_URL).
"""

from django.apps import apps
from django.db.models import Exists, F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks

MATCH_WINDOW = 200
#: Suggestions show eight pages: the best of the first 50 prefix matches, within the autocomplete's budget.
SUGGESTION_WINDOW = 50


def ranked_matches(backend, model, visible: QuerySet, text: str, *, autocomplete=False, content_types=None):
    """The RankedMatches for Wagtail's database backend on SQLite or PostgreSQL, else None (Elasticsearch and
    other backends go through Wagtail's search API)."""
    backend_name = type(backend).__name__
    if backend_name == "SQLiteSearchBackend":
        matches_class = SQLiteMatches
    elif backend_name == "PostgresSearchBackend":
        matches_class = PostgresMatches
    else:
        return None
    content_types = content_types or get_descendants_content_types_pks(model)
    return matches_class(backend, model, visible, text, autocomplete, content_types)


class RankedMatches:
    """The ids of the visible pages matching ``text``, best first, fetched in one statement on first use.
    ``text`` is plain words (search.query.SearchQuery.text), all required; with ``autocomplete``, the last one
    is a prefix and the AutocompleteFields are searched. Subclasses build ``self.queryset``: a values_list of
    (object_id, score), higher scores better, at most ``window`` + 1 rows."""

    def __init__(self, backend, model, visible, text, autocomplete, content_types):
        compiler_class = (
            backend.autocomplete_query_compiler_class if autocomplete else backend.query_compiler_class
        )
        # The compiler only builds the full-text expression; the visibility rule is applied in SQL below.
        self.compiler = compiler_class(model.objects.none(), text, operator="and")
        self.queryset = self.visible_only(self.matches(backend, autocomplete, content_types), visible)
        self.window = SUGGESTION_WINDOW if autocomplete else MATCH_WINDOW
        self.queryset = self.queryset.annotate(score=self.score(autocomplete)).values_list(
            self.object_id, "score"
        )[: self.window + 1]
        self._ranked = None

    object_id = "object_id"

    def visible_only(self, matches: QuerySet, visible: QuerySet) -> QuerySet:
        return matches.filter(
            Exists(visible.order_by().filter(pk=Cast(OuterRef(self.object_id), IntegerField())))
        )

    @property
    def ranked(self) -> list[int]:
        if self._ranked is None:
            # At most window + 1 rows: sorted here rather than by the database, the count for free.
            # The id breaks ties, the same way on every page of results.
            rows = sorted((-score, -int(object_id)) for object_id, score in self.queryset)
            self._ranked = [-negative_id for _score, negative_id in rows]
        return self._ranked

    @property
    def capped(self) -> bool:
        """True when more pages match than the window: only the window's were ranked."""
        return len(self.ranked) > self.window

    def count(self) -> int:
        return min(len(self.ranked), self.window)

    def __getitem__(self, item: slice) -> list[int]:
        return self.ranked[: self.window][item]


class SQLiteMatches(RankedMatches):
    object_id = "index_entry__object_id"

    def matches(self, backend, autocomplete, content_types):
        # Imported here: this modelsearch module looks up SQLite's FTS model, which exists only on SQLite.
        from modelsearch.backends.database.sqlite.query import MatchExpression

        compiler = self.compiler
        match = MatchExpression(compiler.FTS_TABLE_FIELDS, compiler.build_search_query(compiler.query))
        return (
            apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry")
            .objects.filter(match)
            # Unary "+" keeps SQLite from answering this condition with the entries' index, which would make
            # it evaluate the MATCH once per entry of the content type instead of letting the MATCH drive.
            .alias(content_type_not_indexed=_no_index("index_entry__content_type_id"))
            .filter(content_type_not_indexed__in=content_types)
        )

    def score(self, autocomplete):
        from modelsearch.backends.database.sqlite.query import BM25

        # modelsearch's score (bm25, weighted by the title norm for full text), negated: bm25 is negative,
        # better matches lower.
        bm25 = BM25() if autocomplete else BM25() * F("index_entry__title_norm") + BM25()
        return bm25 * -1


class PostgresMatches(RankedMatches):
    def visible_only(self, matches: QuerySet, visible: QuerySet) -> QuerySet:
        # A scalar sub-query, not EXISTS: PostgreSQL turns EXISTS into a join, and when it overestimates the
        # matches of a kind (lexeme statistics ignore the content type) it hashes the whole visible scope
        # (every page of the network, 16 ms) to check a handful of matches. A scalar sub-query stays a
        # per-match primary-key lookup, and the statement still stops at the match window.
        first_visible = visible.order_by().filter(pk=Cast(OuterRef(self.object_id), IntegerField()))
        visible_pk = Subquery(first_visible.values("pk")[:1])
        return matches.alias(visible_pk=visible_pk).filter(visible_pk__isnull=False)

    def matches(self, backend, autocomplete, content_types):
        from django.contrib.postgres.search import SearchVectorField

        self.tsquery = self.compiler.build_tsquery(
            self.compiler.query, config=self.compiler.get_config(backend)
        )
        entries = apps.get_model("wagtailsearch", "IndexEntry").objects.filter(
            content_type_id__in=content_types
        )
        if autocomplete:
            return entries.filter(autocomplete=self.tsquery)
        # The exact expression of Wagtail's queries, served by the GIN index of migration 0003.
        document = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
        return entries.alias(document=document).filter(document=self.tsquery)

    def score(self, autocomplete):
        from django.contrib.postgres.search import SearchRank
        from modelsearch.backends.database.postgres.weights import get_sql_weights

        weights = get_sql_weights()
        if autocomplete:
            return SearchRank(F("autocomplete"), self.tsquery, weights=weights)
        # modelsearch's score: the title's rank weighted by the title norm, plus the body's.
        title = SearchRank(F("title"), self.tsquery, weights=weights) * F("title_norm")
        return title + SearchRank(F("body"), self.tsquery, weights=weights)


def _no_index(column: str) -> Func:
    return Func(F(column), template="+%(expressions)s", output_field=IntegerField())


def pages_in_order(queryset: QuerySet, ids) -> list:
    """The pages of ``queryset`` with these ids, in the order of ``ids``."""
    ids = [int(pk) for pk in ids]
    by_id = {page.pk: page for page in queryset.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]
