"""Relevance-ranked matches straight from SQLite's FTS5 table.

Wagtail's SQLite backend (modelsearch 1.3) orders results with a correlated subquery that runs the FTS5 MATCH
again for every matching row: quadratic in the number of matches (1.8 s for a word found in 2,000
promeneurs). Here one statement per kind returns the matches with their score: the MATCH drives it, the
index entries of the wanted content types are joined by rowid, and the visibility rule is checked per match
(primary-key lookups), never by listing the thousands of visible pages of a national scope.

A match window bounds the work: bm25 costs about 4 µs a row, so ranking the 47,000 promeneurs that share the
word "jeunesse" would take 200 ms. At most MATCH_WINDOW matches (in index order) are ranked; a query matching
more is reported as "MATCH_WINDOW or more" and the visitor is invited to add a word. Queries under the window
(names, towns, structures, a job in a département) are ranked and counted exactly.

The MATCH expression and the score are modelsearch's own (query compiler, MatchExpression, BM25, title norm);
modelsearch is pinned through wagtail in pyproject.toml and test_contract.py runs this path on every
SQLite test run.
"""

from django.apps import apps
from django.db.models import Exists, F, Func, IntegerField, OuterRef, QuerySet
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks

MATCH_WINDOW = 1000


def is_sqlite_backend(backend) -> bool:
    return type(backend).__name__ == "SQLiteSearchBackend"


class RankedMatches:
    """The ids of the pages of ``visible`` matching ``text``, best first, fetched in one statement on first
    use. ``text`` is plain words (search.query.SearchQuery.text): every word must match; with
    ``autocomplete``, the last one as a prefix, in the AutocompleteFields. ``content_types`` narrows the
    index entries read (defaults to ``model`` and its subclasses)."""

    def __init__(
        self, backend, model, visible: QuerySet, text: str, *, autocomplete=False, content_types=None
    ):
        # Imported here: this modelsearch module looks up SQLite's FTS model, which exists only on SQLite.
        from modelsearch.backends.database.sqlite.query import BM25, MatchExpression

        compiler_class = (
            backend.autocomplete_query_compiler_class if autocomplete else backend.query_compiler_class
        )
        # The compiler only builds the MATCH expression; the visibility rule is applied below, in SQL.
        compiler = compiler_class(model.objects.none(), text, operator="and")
        match = MatchExpression(compiler.FTS_TABLE_FIELDS, compiler.build_search_query(compiler.query))
        is_visible = Exists(
            visible.order_by().filter(pk=Cast(OuterRef("index_entry__object_id"), IntegerField()))
        )
        # modelsearch's score: bm25 of the entry, weighted by the title norm for full-text queries.
        score = BM25() if autocomplete else BM25() * F("index_entry__title_norm") + BM25()
        content_types = content_types or get_descendants_content_types_pks(model)
        self.queryset = (
            apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry")
            .objects.filter(match)
            # Unary "+" keeps SQLite from answering this condition with the entries' index, which would make
            # it evaluate the MATCH once per entry of the content type instead of letting the MATCH drive.
            .alias(content_type_not_indexed=_no_index("index_entry__content_type_id"))
            .filter(content_type_not_indexed__in=content_types)
            .filter(is_visible)
            .annotate(score=score)
            .values_list("index_entry__object_id", "score")[: MATCH_WINDOW + 1]
        )
        self._ranked = None

    @property
    def ranked(self) -> list[int]:
        if self._ranked is None:
            # At most MATCH_WINDOW + 1 rows: sorted here rather than by SQLite, with the count for free.
            rows = [(score, -int(object_id)) for object_id, score in self.queryset]
            # bm25() is negative, better matches lower; the id breaks ties the same way on every page.
            self._ranked = [-negative_id for _score, negative_id in sorted(rows)]
        return self._ranked

    @property
    def capped(self) -> bool:
        """True when more than MATCH_WINDOW pages match: only the first MATCH_WINDOW were ranked."""
        return len(self.ranked) > MATCH_WINDOW

    def count(self) -> int:
        return min(len(self.ranked), MATCH_WINDOW)

    def __getitem__(self, item: slice) -> list[int]:
        return self.ranked[:MATCH_WINDOW][item]


def _no_index(column: str) -> Func:
    return Func(F(column), template="+%(expressions)s", output_field=IntegerField())


def pages_in_order(queryset: QuerySet, ids) -> list:
    """The pages of ``queryset`` with these ids, in the order of ``ids``."""
    ids = [int(pk) for pk in ids]
    by_id = {page.pk: page for page in queryset.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]
