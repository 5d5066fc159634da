"""Every search is counted, including those served from the page cache.

The results of a query are the same for every visitor until the content changes, so the application's cache
(pagecache/) keeps the search page under the page-tree generation like any other page. Each search must still
reach the query log (« recherches sans résultat », Wagtail's search terms): the path is *counted*, never kept by
Varnish, and each hit of the cache logs the search as the view does."""

import logging

from django.db import transaction
from wagtail.contrib.search_promotions.models import Query

from core.sections import section_for_request
from pagecache.middleware import register_counted_path
from search.models import SearchQueryLog
from search.query import SearchQuery

logger = logging.getLogger(__name__)

#: Set by the view on the pages it logs (the overview of a query, not a page of one kind): the total logged.
TOTAL_HEADER = "X-Search-Total"


def record_search(section, query: SearchQuery, results_count: int) -> None:
    """Count the search for the site's report and Wagtail's installation-wide search terms. A failure here
    must never cost the visitor their results."""
    try:
        # One transaction: a single commit (and disk sync on SQLite) for the four small writes.
        with transaction.atomic():
            SearchQueryLog.record(section.home, query.display, results_count)
            Query.get(query.display).add_hit()
    except Exception:
        logger.exception("Could not log the search %r", query.display)


def record_cached_search(request, response) -> None:
    total = response.get(TOTAL_HEADER)
    if total is None:
        return
    section = section_for_request(request)
    if section is not None:
        record_search(section, SearchQuery.parse(request.GET.get("q", "")), int(total))


def register() -> None:
    register_counted_path("/recherche/", record_cached_search)
