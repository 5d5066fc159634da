"""Running a search: one backend query per kind, always intersected with the SQL visibility rule.

Why the intersection happens at query time rather than in the index: a promeneur leaves every public page the
moment the comité de pilotage suspends them, their structure is unpublished or its convention ends. The last
two do not save the promeneur's page, and a date passing saves nothing at all, so no index can follow them;
``PromeneurPage.objects.publicly_listed()`` (the platform's rule) is checked on every query instead.

- SQLite and PostgreSQL: one statement per kind reads Wagtail's index and checks the rule per match
  (search/matching.py), within a window of MATCH_WINDOW (200) ranked matches per kind.
- Other database backends (MySQL, the fallback): Wagtail's search API, with the rule as an id subquery of the
  search query itself; counts and pagination are exact.
- Elasticsearch cannot run SQL: it pre-selects with indexed FilterFields (live, locale, tree path, status) and
  each page of hits is checked against the rule before display. A hit that fails only there (structure
  unpublished, convention ended, page restricted since it was indexed) is dropped from its page; the count may
  include it until the next update_index.
"""

import logging
import time
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import prefetch_related_objects
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchBackend
from modelsearch.query import Fuzzy
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from geo.lookup import communes_starting_with
from search import vocabulary
from search.kinds import KINDS, Kind, Scope
from search.matching import pages_in_order, ranked_matches
from search.query import SearchQuery

logger = logging.getLogger(__name__)

MAX_SUGGESTIONS = 8
#: Towns offered beside the pages ("Promeneurs près de Bourges"), and in the town fields' combobox.
MAX_TOWN_SUGGESTIONS = 2
MAX_COMMUNES = 8
#: A query that found nothing: time to find its correction (the vocabulary, search/vocabulary.py).
CORRECTION_BUDGET_MS = 100
# Elasticsearch hits dropped by the visibility check are replaced from this many extra suggestions.
SUGGESTION_OVERFETCH = 2


def filters_in_database(backend) -> bool:
    """True for Wagtail's database backends, which filter search results with plain SQL; False for a remote
    index (Elasticsearch, OpenSearch), which only knows the indexed FilterFields."""
    return not isinstance(backend, ElasticsearchBaseSearchBackend)


def _candidates(kind: Kind, scope: Scope, backend):
    if filters_in_database(backend):
        # "id" is an indexed FilterField of every page, so the backend accepts the subquery.
        queryset = kind.model.objects.filter(id__in=kind.visible(scope).values("id"))
    else:
        queryset = kind.indexed_candidates(scope)
    return kind.prepare(queryset)


def keep_visible(pages: Sequence, visible_queryset) -> list:
    """``pages`` (in their order) that the SQL rule still allows: the Elasticsearch safety net."""
    if not pages:
        return []
    allowed = set(visible_queryset.filter(id__in=[page.pk for page in pages]).values_list("id", flat=True))
    return [page for page in pages if page.pk in allowed]


class KindResults:
    """Search results of one kind, sliceable and countable like a queryset (for Django's Paginator)."""

    def __init__(self, kind: Kind, scope: Scope, query: SearchQuery, backend=None, fuzzy=False):
        self.kind = kind
        self.scope = scope
        self.backend = backend or get_search_backend()
        self._count = None
        self._results = None
        # SQLite and PostgreSQL: ranked straight from the index (search/matching.py); others: Wagtail's API.
        self._ranked = ranked_matches(
            self.backend, kind.model, kind.visible(scope), query.text, content_types=kind.content_type_ids()
        )
        if self._ranked is None:
            candidates = _candidates(kind, scope, self.backend)
            if fuzzy:  # Elasticsearch's own typo tolerance ("fuzziness": "AUTO"), every word required
                self._results = self.backend.search(
                    Fuzzy(query.text, operator="and"), candidates, order_by_relevance=True
                )
            else:
                self._results = self.backend.search(
                    query.text, candidates, operator="and", order_by_relevance=True
                )

    def count(self) -> int:
        if self._count is None:
            self._count = (self._ranked if self._ranked is not None else self._results).count()
        return self._count

    @property
    def capped(self) -> bool:
        """True when the count is a floor (the match window of search/matching.py)."""
        return self._ranked is not None and self._ranked.capped

    def __len__(self):
        return self.count()

    def __getitem__(self, item):
        if not isinstance(item, slice):
            raise TypeError("KindResults only support slices")
        if self._ranked is not None:
            return pages_in_order(self.kind.prepare(self.kind.model.objects.all()), self._ranked[item])
        pages = list(self._results[item])
        if filters_in_database(self.backend):
            return pages
        return keep_visible(pages, self.kind.visible(self.scope))


@dataclass
class Group:
    kind: Kind
    pages: list
    count: int
    capped: bool  # count is a floor: "more than MATCH_WINDOW"


@dataclass
class Overview:
    """The first results of every kind, with their counts: the results page without ``type``."""

    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

    @property
    def capped(self) -> bool:
        return any(group.capped for group in self.groups)


def overview(scope: Scope, query: SearchQuery, per_kind: int, backend=None, fuzzy=False) -> Overview:
    backend = backend or get_search_backend()
    result = Overview()
    for kind in KINDS.all:
        results = KindResults(kind, scope, query, backend, fuzzy=fuzzy)
        count = results.count()
        result.groups.append(Group(kind, results[:per_kind] if count else [], count, results.capped))
    return result


@dataclass
class Correction:
    """What a query that found nothing finds once its typos are forgiven."""

    overview: Overview
    query: SearchQuery | None  # the corrected query ("Vouliez-vous dire…"); None: the backend's fuzziness


def correction(scope: Scope, query: SearchQuery, per_kind: int, backend=None) -> Correction | None:
    """For a query without results: its correction by the index's vocabulary (database backends) and the
    results of that, or Elasticsearch's fuzzy results; None when nothing close finds anything visible."""
    backend = backend or get_search_backend()
    if vocabulary.available(backend):
        try:
            with database_time_budget(CORRECTION_BUDGET_MS):
                corrected = vocabulary.correct(query, backend)
        except DatabaseError:
            logger.info("Correction of %r cut after %s ms", query.text, CORRECTION_BUDGET_MS)
            return None
        if corrected is None:
            return None
        result = overview(scope, corrected, per_kind, backend)
        return Correction(result, corrected) if result.total else None
    if not filters_in_database(backend):
        result = overview(scope, query, per_kind, backend, fuzzy=True)
        return Correction(result, None) if result.total else None
    return None


# Suggestions (autocomplete) -----------------------------------------------------------------------------


@contextmanager
def database_time_budget(milliseconds: int):
    """Interrupt any SQL statement still running ``milliseconds`` after entering the block: a progress handler
    on SQLite, statement_timeout on PostgreSQL. The interrupted statement raises DatabaseError."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        deadline = time.perf_counter() + milliseconds / 1000
        raw = connection.connection
        # Called every 1,000 SQLite VM instructions; a non-zero answer aborts the running statement.
        raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 1000)
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)
    elif connection.vendor == "postgresql":
        # A (sub)transaction scopes the timeout: rolled back with it on a timeout, restored by hand otherwise
        # (a released savepoint would hand it over to the request's outer transaction, if any).
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT current_setting('statement_timeout')")
                previous = cursor.fetchone()[0]
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)", [f"{max(milliseconds, 1)}ms"]
                )
            yield
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
    else:
        yield


def suggest(scope: Scope, query: SearchQuery, limit: int = MAX_SUGGESTIONS, backend=None) -> list | None:
    """Up to ``limit`` visible pages whose autocomplete fields (titles, first names, jobs) start with the
    query's words, best first. None when the matching statement outlived its time budget
    (SEARCH_AUTOCOMPLETE_BUDGET_MS): the search box then shows nothing rather than making the visitor wait."""
    if query.is_empty:
        return []
    backend = backend or get_search_backend()
    # Querysets are built before the clock starts: the budget bounds the database's work, the only part
    # that grows with the network (building them takes the same few milliseconds for 50 or 50,000 pages).
    ranked = ranked_matches(
        backend, Page, KINDS.visible_pages(scope, correlated=True), query.text, autocomplete=True
    )
    budget = settings.SEARCH_AUTOCOMPLETE_BUDGET_MS
    deadline = time.perf_counter() + budget / 1000
    try:
        with database_time_budget(budget):
            ids = ranked[:limit] if ranked is not None else None
            pages = _suggested_pages(scope, query, limit, backend) if ranked is None else None
    except DatabaseError:
        logger.info("Suggestions for %r cut after %s ms", query.text, budget)
        return None
    if ids is not None and len(ids) < limit:
        ids += _inside_words(scope, query, limit - len(ids), set(ids), backend, deadline)
    if ids is not None:
        pages = pages_in_order(Page.objects.specific(), ids)
    prefetch_for_display(pages)
    return pages


def _inside_words(scope: Scope, query: SearchQuery, limit: int, seen: set, backend, deadline: float) -> list:
    """More suggestions when the prefixes found fewer than ``limit``: the last word typed found inside
    longer words of titles and names ("harc" → "cyberharcelement"), within what is left of the budget.
    Cut by the budget, they are simply left out (the prefix suggestions stand)."""
    remaining_ms = int((deadline - time.perf_counter()) * 1000)
    if remaining_ms < 2 or not vocabulary.available(backend):
        return []
    *first, last = query.terms
    found = []
    try:
        with database_time_budget(remaining_ms):
            for word in vocabulary.words_containing(last, backend=backend):
                text = " ".join([*first, word])
                visible = KINDS.visible_pages(scope, correlated=True)
                ranked = ranked_matches(backend, Page, visible, text, autocomplete=True)
                for page_id in ranked[: limit + len(seen)]:
                    if page_id not in seen and len(found) < limit:
                        seen.add(page_id)
                        found.append(page_id)
                if len(found) >= limit:
                    break
    except DatabaseError:
        logger.info("Suggestions inside words for %r cut", query.text)
    return found


def suggest_communes(scope: Scope, text: str, limit: int = MAX_COMMUNES) -> list | None:
    """Communes whose name starts with ``text`` (or served by that postcode), most populated first, within the
    suggestion budget; on a département's site, its communes only (its annuaire's scope). None when cut."""
    department = getattr(scope.home, "department", None)
    budget = settings.SEARCH_AUTOCOMPLETE_BUDGET_MS
    try:
        with database_time_budget(budget):
            return communes_starting_with(
                text, limit, department_code=department.code if department is not None else None
            )
    except DatabaseError:
        logger.info("Commune suggestions for %r cut after %s ms", text, budget)
        return None


def _suggested_pages(scope: Scope, query: SearchQuery, limit: int, backend) -> list:
    """Suggestions through Wagtail's autocomplete API (backends other than SQLite and PostgreSQL)."""
    if filters_in_database(backend):
        results = backend.autocomplete(
            query.text, KINDS.visible_pages(scope).specific(), operator="and", order_by_relevance=True
        )
        return list(results[:limit])
    results = backend.autocomplete(
        query.text, scope.pages(Page).specific(), operator="and", order_by_relevance=True
    )
    pages = list(results[: limit * SUGGESTION_OVERFETCH])
    return keep_visible(pages, KINDS.visible_pages(scope))[:limit]


def prefetch_for_display(pages: list) -> None:
    """What each kind shows beside a title (a promeneur's structure and town…), in one query per relation
    rather than one per page."""
    for kind in KINDS.all:
        of_kind = [page for page in pages if type(page) is kind.model]
        if of_kind and kind.select_related:
            prefetch_related_objects(of_kind, *kind.select_related)
