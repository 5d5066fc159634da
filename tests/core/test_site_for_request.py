"""The site of a request outside the page tree (search, verification, API) is memoised per host under the tree's
token: one query less per request, and a site's change is seen by the next request."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.sections import section_for_request, site_for_request


def request_for(host):
    return RequestFactory().get("/recherche/", HTTP_HOST=host)


def site_queries(request) -> int:
    with CaptureQueriesContext(connection) as queries:
        site = site_for_request(request)
    return site, sum('"wagtailcore_site"' in query["sql"] for query in queries.captured_queries)


def test_the_site_is_looked_up_once_per_host(cher, settings):
    settings.ALLOWED_HOSTS = ["*"]
    first, looked_up = site_queries(request_for("18.localhost"))
    assert first == cher.site and looked_up == 1
    again, looked_up = site_queries(request_for("18.localhost"))
    assert again == cher.site and looked_up == 0
    national, looked_up = site_queries(request_for("localhost"))
    assert national.root_page_id != cher.home.pk and looked_up == 1
    assert section_for_request(request_for("18.localhost")).home.pk == cher.home.pk


def test_a_site_change_is_seen_by_the_next_request(cher, settings):
    settings.ALLOWED_HOSTS = ["*"]
    assert site_for_request(request_for("18.localhost")) == cher.site
    site = Site.objects.get(pk=cher.site.pk)
    site.hostname = "cher.localhost"
    site.save()
    assert site_for_request(request_for("cher.localhost")).pk == cher.site.pk
    # The old name now falls back to the default site, as Wagtail's own lookup does.
    assert site_for_request(request_for("18.localhost")) == Site.find_for_request(request_for("18.localhost"))
    assert site_for_request(request_for("18.localhost")).pk != cher.site.pk


def test_a_host_not_allowed_is_looked_up_without_the_memo(cher, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    request = request_for("18.localhost")
    assert site_for_request(request) == Site.find_for_request(request_for("18.localhost"))
