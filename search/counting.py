"""Every search is counted, including those served from the page cache, without a database write per search.

The results of a query are the same for every visitor until the content changes, so the application's cache
(pagecache/) keeps the search page under the page-tree generation like any other page. Each search must still
reach the query log (« recherches sans résultat », Wagtail's search terms): the path is *counted*, never kept by
Varnish, and each hit of the cache counts the search as the view does.

Counting is buffered per process: writing each search at once (two rows updated in a transaction) cost a cached
search about 10 ms, and 50 visitors searching the same words queued on the same rows' locks (114 searches/s
and a p95 of 1.2 s through the production stack, against 1,250 pages/s for a cached page). A search adds one
to a counter in memory; the counters are written together, one transaction per process, at most
``SEARCH_LOG_FLUSH_SECONDS`` later (a timer thread), when the process exits, and before a report reads them
(``flush()``). With ``SEARCH_LOG_FLUSH_SECONDS = 0`` every search is written at once."""

from __future__ import annotations

import atexit
import logging
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from core.sections import section_for_request
from pagecache.middleware import register_counted_path
from search.models import SearchQueryLog
from search.query import SearchQuery

logger = logging.getLogger(__name__)

#: Set by the view on the pages it logs (the overview of a query, not a page of one kind): the total logged.
TOTAL_HEADER = "X-Search-Total"

#: Past this many distinct (site, query, day) counters waiting, the buffer is written at once.
MAX_PENDING = 1000


@dataclass
class _Count:
    hits: int = 0
    results_count: int = 0


_lock = threading.Lock()
_pending: dict[tuple[int, str, object], _Count] = {}
#: Wagtail's search terms count per query and UTC day (as its ``Query.add_hit`` does), for the whole installation.
_pending_terms: dict[tuple[str, object], int] = {}
_timer: threading.Timer | None = None


def record_search(section, query: SearchQuery, results_count: int) -> None:
    """Count one search for the site's report and Wagtail's installation-wide search terms. A failure here
    must never cost the visitor their results."""
    global _timer
    query_string = normalise_query_string(query.display)
    if not query_string:
        return
    delay = settings.SEARCH_LOG_FLUSH_SECONDS
    key = (section.home.pk, query_string, timezone.localdate())
    with _lock:
        count = _pending.setdefault(key, _Count())
        count.hits += 1
        count.results_count = results_count  # the latest total: what the query finds now
        term = (query_string, timezone.now().date())
        _pending_terms[term] = _pending_terms.get(term, 0) + 1
        write_now = delay <= 0 or len(_pending) >= MAX_PENDING
        if not write_now and _timer is None:
            _timer = threading.Timer(delay, _flush_from_timer)
            _timer.daemon = True
            _timer.start()
    if write_now:
        flush()


def flush() -> int:
    """Write the counters waiting in this process (one transaction); returns how many searches it wrote.
    On a failure the counters are kept for the next flush (up to MAX_PENDING of them) and it is logged."""
    global _timer
    with _lock:
        batch, terms = dict(_pending), dict(_pending_terms)
        _pending.clear()
        _pending_terms.clear()
        if _timer is not None:
            _timer.cancel()
            _timer = None
    if not batch:
        return 0
    try:
        with transaction.atomic():
            _write(batch, terms)
    except Exception:
        logger.exception("Could not log %d searches", sum(count.hits for count in batch.values()))
        with _lock:  # back in the buffer; a counter counted meanwhile is newer and keeps its total
            for key, count in batch.items():
                if key in _pending:
                    _pending[key].hits += count.hits
                elif len(_pending) < MAX_PENDING:
                    _pending[key] = count
            for term, hits in terms.items():
                if term in _pending_terms or len(_pending_terms) < MAX_PENDING:
                    _pending_terms[term] = _pending_terms.get(term, 0) + hits
        return 0
    return sum(count.hits for count in batch.values())


def _write(batch: dict, terms: dict) -> None:
    """In a stable order, so that two processes flushing at once take the rows' locks in the same order."""
    for (home_id, query_string, day), count in sorted(batch.items(), key=lambda item: str(item[0])):
        SearchQueryLog.add(home_id, query_string, day, count.hits, count.results_count)
    for (query_string, day), hits in sorted(terms.items(), key=str):
        # Query.add_hit() adds one; the same rows, with the buffered count.
        daily, _created = QueryDailyHits.objects.get_or_create(query=Query.get(query_string), date=day)
        QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)


# What a process counted in its last seconds is written when it exits (a gunicorn worker's restart).
atexit.register(flush)


def _flush_from_timer() -> None:
    # A thread of its own: its database connection is closed once written, never left open.
    try:
        close_old_connections()
        flush()
    finally:
        connections.close_all()


def pending_searches() -> int:
    with _lock:
        return sum(count.hits for count in _pending.values())


def record_cached_search(request, response) -> None:
    total = response.get(TOTAL_HEADER)
    if total is None:
        return
    section = section_for_request(request)
    if section is not None:
        record_search(section, SearchQuery.parse(request.GET.get("q", "")), int(total))


def register() -> None:
    register_counted_path("/recherche/", record_cached_search)
