"""The one search seam: which pages match a text, and which match best. The site search (search/engine.py)
and the annuaire (directory/annuaire.py) both ask here; nothing else in the project touches Wagtail's index.

    matcher = matcher_for(backend)             # the implementation for this backend, chosen by its type
    matcher.matching_ids(PromeneurPage, text)  # ids of the matches, for ``pk__in`` (a sub-query in SQL)
    matcher.match_condition(PromeneurPage, text, correlated=True)  # the same as a filter on promeneurs
    matcher.ranked(model, visible, text)       # RankedMatches (best first, at most a window), or None

``text`` is plain words, all required (search.query.SearchQuery.text, directory.annuaire.search_words).

Three implementations, chosen with ``isinstance`` on modelsearch's backend classes:

- ``Matcher``: Wagtail's public search API (``backend.search``), for Elasticsearch/OpenSearch, MySQL and the
  fallback database backend. ``ranked`` answers None: the caller pages through ``backend.search`` itself.
- ``SQLiteMatcher`` and ``PostgresMatcher``: statements that start from Wagtail's index table, with the
  backend's own query compilers and scores (matching and ranking are Wagtail's, only the shape of the SQL
  differs). Through ``backend.search``:

  * SQLite starts from every index entry of the content type and evaluates the FTS5 MATCH once per entry,
    then orders with a correlated sub-query running the MATCH again per row: 3 s for a common word among
    50,000 promeneurs, instead of milliseconds when the MATCH drives the statement;
  * PostgreSQL joins the entries to every row of the model, with a text cast of each id, and filters on
    ``title || body @@ query``, which no index of Wagtail's serves (search/migrations/0003 adds one).

  Those statements need modelsearch internals (``MatchExpression``, ``BM25``, ``build_tsquery``,
  ``get_sql_weights``, the index models' fields): every one is listed in ``PRIVATE_SYMBOLS`` and
  tests/search/test_private_symbols.py fails, naming it, when an upgrade of django-modelsearch (pinned in
  pyproject.toml) moves one.

A match window bounds ranking. Ranking the 47,000 promeneurs that share the word "jeunesse" costs 200 ms on
SQLite and more on PostgreSQL, for an order that means little; so at most MATCH_WINDOW matches (in index
order) are ranked, and a query matching more is reported as "plus de MATCH_WINDOW résultats", with an
invitation to add a word. Queries under the window (names, towns, structures, a job in a département) are
ranked and counted exactly. 200 is ten pages of results per kind, more than anyone reads; with 1,000 the
common words cost twice as much (benchmarks/README.md).
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection
from django.db.models import CharField, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend

MATCH_WINDOW = 200
#: Suggestions show eight pages: the best of the first 50 prefix matches, within the autocomplete's budget.
SUGGESTION_WINDOW = 50
#: What a remote index (Elasticsearch) hands back as "the matching ids": its best this many.
REMOTE_MATCH_LIMIT = 1000

#: The modelsearch internals the database matchers rely on: (module, attribute path), by database vendor.
#: The public names they stand beside (backend classes, query compiler attributes) are listed too, so that a
#: move of any of them fails the same test.
PRIVATE_SYMBOLS = {
    "sqlite": (
        ("modelsearch.backends.database.sqlite.sqlite", "SQLiteSearchBackend"),
        ("modelsearch.backends.database.sqlite.sqlite", "SQLiteSearchQueryCompiler.build_search_query"),
        ("modelsearch.backends.database.sqlite.sqlite", "SQLiteSearchQueryCompiler.get_config"),
        ("modelsearch.backends.database.sqlite.sqlite", "SQLiteSearchQueryCompiler.FTS_TABLE_FIELDS"),
        ("modelsearch.backends.database.sqlite.sqlite", "SQLiteAutocompleteQueryCompiler"),
        ("modelsearch.backends.database.sqlite.query", "MatchExpression"),
        ("modelsearch.backends.database.sqlite.query", "BM25"),
    ),
    "postgresql": (
        ("modelsearch.backends.database.postgres.postgres", "PostgresSearchBackend"),
        ("modelsearch.backends.database.postgres.postgres", "PostgresSearchQueryCompiler.build_tsquery"),
        ("modelsearch.backends.database.postgres.postgres", "PostgresSearchQueryCompiler.get_config"),
        ("modelsearch.backends.database.postgres.postgres", "PostgresAutocompleteQueryCompiler"),
        ("modelsearch.backends.database.postgres.weights", "get_sql_weights"),
    ),
}
#: Fields of Wagtail's index models read by the database matchers: (app label, model, field), by vendor.
INDEX_FIELDS = {
    "sqlite": (
        ("wagtailsearch", "SQLiteFTSIndexEntry", "index_entry"),
        ("wagtailsearch", "IndexEntry", "object_id"),
        ("wagtailsearch", "IndexEntry", "content_type"),
        ("wagtailsearch", "IndexEntry", "title_norm"),
    ),
    "postgresql": (
        ("wagtailsearch", "IndexEntry", "object_id"),
        ("wagtailsearch", "IndexEntry", "content_type"),
        ("wagtailsearch", "IndexEntry", "title"),
        ("wagtailsearch", "IndexEntry", "body"),
        ("wagtailsearch", "IndexEntry", "autocomplete"),
        ("wagtailsearch", "IndexEntry", "title_norm"),
    ),
}


def matcher_for(backend=None) -> Matcher:
    """The matcher of ``backend`` (default: Wagtail's default search backend)."""
    backend = backend or get_search_backend()
    for matcher_class in (SQLiteMatcher, PostgresMatcher):
        if matcher_class.serves(backend):
            return matcher_class(backend)
    return Matcher(backend)


def ranked_matches(backend, model, visible: QuerySet, text: str, *, autocomplete=False, content_types=None):
    """``matcher_for(backend).ranked(...)``: the RankedMatches of a database backend, else None."""
    return matcher_for(backend).ranked(
        model, visible, text, autocomplete=autocomplete, content_types=content_types
    )


class Matcher:
    """Wagtail's public search API, for any backend."""

    def __init__(self, backend):
        self.backend = backend

    @classmethod
    def serves(cls, backend) -> bool:
        return True

    def matching_ids(self, model, text: str, candidates: QuerySet | None = None):
        """Ids of the ``model`` pages matching every word of ``text``, as something ``pk__in`` accepts. The
        caller's queryset applies its scope; ``candidates`` (default: live pages) is what the backend is
        asked to search. A database backend answers a sub-query; a remote index a list of its best
        REMOTE_MATCH_LIMIT hits."""
        if candidates is None:
            candidates = model.objects.live()
        results = self.backend.search(text, candidates, operator="and", order_by_relevance=False)
        get_queryset = getattr(results, "get_queryset", None)  # the database backends' results
        if get_queryset is not None:
            return get_queryset().order_by().values("pk")
        return [page.pk for page in results[:REMOTE_MATCH_LIMIT]]

    def match_condition(self, model, text: str, *, correlated: bool = False):
        """A filter on ``model`` rows matching ``text``. With ``correlated``, the matcher may answer a
        per-row condition (an EXISTS), cheapest when the outer query reads a page in its own order and stops;
        without, the matches' ids, cheapest to count."""
        return Q(pk__in=self.matching_ids(model, text))

    def ranked(self, model, visible, text, *, autocomplete=False, content_types=None) -> RankedMatches | None:
        """The ids of the ``visible`` pages matching ``text``, best first (RankedMatches); None when the
        backend can only be asked through its search API."""
        return None


class DatabaseMatcher(Matcher):
    """Statements that start from Wagtail's index table. Subclasses set ``vendor`` and ``object_id`` (the
    indexed page's id, a text column, from the entries' queryset) and implement ``backend_class``,
    ``entries`` and ``score``."""

    vendor = ""
    object_id = "object_id"

    @classmethod
    def serves(cls, backend) -> bool:
        # The backend class is imported only on its own database: SQLite's module reads an index model that
        # exists only there.
        return connection.vendor == cls.vendor and isinstance(backend, cls.backend_class())

    @classmethod
    def backend_class(cls) -> type:
        raise NotImplementedError

    def compiler(self, model, text: str, autocomplete: bool):
        """The backend's own query compiler: it builds the full-text expression (nothing else of it runs)."""
        compiler_class = (
            self.backend.autocomplete_query_compiler_class
            if autocomplete
            else self.backend.query_compiler_class
        )
        return compiler_class(model.objects.none(), text, operator="and")

    def entries(self, model, text: str, *, autocomplete: bool = False, content_types=None) -> QuerySet:
        """Index entries of ``model`` (or of these content type ids) matching ``text``."""
        raise NotImplementedError

    def score(self, model, text: str, *, autocomplete: bool = False):
        """The backend's relevance score of an entry, higher better."""
        raise NotImplementedError

    def ids(self, entries: QuerySet) -> QuerySet:
        return entries.values(self.object_id)

    def matching_ids(self, model, text, candidates=None):
        return self.ids(self.entries(model, text))

    def visible_only(self, entries: QuerySet, visible: QuerySet) -> QuerySet:
        """The entries whose page is in ``visible``, checked per entry by primary key."""
        return entries.filter(
            Exists(visible.order_by().filter(pk=Cast(OuterRef(self.object_id), IntegerField())))
        )

    def ranked(self, model, visible, text, *, autocomplete=False, content_types=None):
        return RankedMatches(self, model, visible, text, autocomplete, content_types)


class SQLiteMatcher(DatabaseMatcher):
    vendor = "sqlite"
    object_id = "index_entry__object_id"

    @classmethod
    def backend_class(cls):
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend

    def entries(self, model, text, *, autocomplete=False, content_types=None):
        from modelsearch.backends.database.sqlite.query import MatchExpression

        compiler = self.compiler(model, text, autocomplete)
        search_query = compiler.build_search_query(compiler.query, config=compiler.get_config(self.backend))
        return (
            apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry")
            .objects.filter(MatchExpression(compiler.FTS_TABLE_FIELDS, search_query))
            # Unary "+" keeps SQLite from answering this condition with the entries' index, which would make
            # it evaluate the MATCH once per entry of the content type instead of letting the MATCH drive.
            .alias(content_type_not_indexed=_no_index("index_entry__content_type_id"))
            .filter(content_type_not_indexed__in=content_types or get_descendants_content_types_pks(model))
        )

    def score(self, model, text, *, autocomplete=False):
        from modelsearch.backends.database.sqlite.query import BM25

        # modelsearch's score (bm25, weighted by the title norm for full text), negated: bm25 is negative,
        # better matches lower.
        bm25 = BM25() if autocomplete else BM25() * F("index_entry__title_norm") + BM25()
        return bm25 * -1


class PostgresMatcher(DatabaseMatcher):
    vendor = "postgresql"

    @classmethod
    def backend_class(cls):
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        return PostgresSearchBackend

    def tsquery(self, model, text, autocomplete):
        compiler = self.compiler(model, text, autocomplete)
        return compiler.build_tsquery(compiler.query, config=compiler.get_config(self.backend))

    def entries(self, model, text, *, autocomplete=False, content_types=None):
        from django.contrib.postgres.search import SearchVectorField

        tsquery = self.tsquery(model, text, autocomplete)
        entries = apps.get_model("wagtailsearch", "IndexEntry").objects.filter(
            content_type_id__in=content_types or get_descendants_content_types_pks(model)
        )
        if autocomplete:
            return entries.filter(autocomplete=tsquery)
        # The exact expression of Wagtail's queries, served by the GIN index of search/migrations/0003.
        document = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
        return entries.alias(document=document).filter(document=tsquery)

    def ids(self, entries):
        return entries.annotate(matched_id=Cast("object_id", IntegerField())).values("matched_id")

    def match_condition(self, model, text, *, correlated=False):
        # Correlated: an EXISTS on each row's own index entry (Wagtail's unique (content type, object id)
        # index), so that the planner can walk the outer query's sort index and stop after a page, or hash
        # the matches when they are few. Otherwise the matches' ids, each row found by its primary key.
        if not correlated:
            return super().match_condition(model, text)
        own_entry = self.entries(model, text).filter(object_id=Cast(OuterRef("pk"), CharField()))
        return Exists(own_entry)

    def visible_only(self, entries, visible):
        # A scalar sub-query, not EXISTS: PostgreSQL turns EXISTS into a join, and when it overestimates the
        # matches of a kind (lexeme statistics ignore the content type) it hashes the whole visible scope
        # (every page of the network, 16 ms) to check a handful of matches. A scalar sub-query stays a
        # per-match primary-key lookup, and the statement still stops at the match window.
        first_visible = visible.order_by().filter(pk=Cast(OuterRef(self.object_id), IntegerField()))
        visible_pk = Subquery(first_visible.values("pk")[:1])
        return entries.alias(visible_pk=visible_pk).filter(visible_pk__isnull=False)

    def score(self, model, text, *, autocomplete=False):
        from django.contrib.postgres.search import SearchRank
        from modelsearch.backends.database.postgres.weights import get_sql_weights

        tsquery = self.tsquery(model, text, autocomplete)
        weights = get_sql_weights()
        if autocomplete:
            return SearchRank(F("autocomplete"), tsquery, weights=weights)
        # modelsearch's score: the title's rank weighted by the title norm, plus the body's.
        title = SearchRank(F("title"), tsquery, weights=weights) * F("title_norm")
        return title + SearchRank(F("body"), tsquery, weights=weights)


class RankedMatches:
    """The ids of the visible pages matching ``text``, best first, fetched in one statement on first use.
    With ``autocomplete``, the last word is a prefix and the AutocompleteFields are searched. At most
    ``window`` + 1 rows are read (``capped`` tells whether there were more)."""

    def __init__(self, matcher: DatabaseMatcher, model, visible, text, autocomplete, content_types):
        entries = matcher.entries(model, text, autocomplete=autocomplete, content_types=content_types)
        self.window = SUGGESTION_WINDOW if autocomplete else MATCH_WINDOW
        self.queryset = (
            matcher.visible_only(entries, visible)
            .annotate(score=matcher.score(model, text, autocomplete=autocomplete))
            .values_list(matcher.object_id, "score")[: self.window + 1]
        )
        self._ranked = None

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


def _no_index(column: str) -> Func:
    return Func(F(column), template="+%(expressions)s", output_field=IntegerField())


def pages_in_order(queryset: QuerySet, ids) -> list:
    """The pages of ``queryset`` with these ids, in the order of ``ids``."""
    ids = [int(pk) for pk in ids]
    by_id = {page.pk: page for page in queryset.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]
