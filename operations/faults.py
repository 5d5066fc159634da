"""A database that is down or stuck answers 503 « Service momentanément indisponible » with `Retry-After`.

Django turns an exception raised anywhere below a middleware (a view, a template, another middleware) into a
500 response before it reaches the middlewares above, so `DatabaseUnavailableMiddleware`, first of
`MIDDLEWARE`, cannot catch it as an exception. Instead `got_request_exception` (sent while the exception is
being handled, with the request) marks the request when the exception is a database `OperationalError` or
`InterfaceError`, and the middleware replaces that request's 500 response by the 503 page. The 503 page
touches no database. Nothing is kept between requests: Django drops an unusable connection at the end of the
request (`close_if_unusable_or_obsolete`), so the next request reconnects and the site recovers without a
restart as soon as the database answers again.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
_MARK = "_pdn_database_unavailable"


def is_database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, OperationalError | InterfaceError)


def _mark_request(sender, request=None, **kwargs):
    error = sys.exc_info()[1]
    if request is not None and is_database_unavailable(error):
        setattr(request, _MARK, True)
        logger.error("Database unavailable: %s", error.__class__.__name__)


def connect():
    got_request_exception.connect(_mark_request, dispatch_uid="operations.faults.mark_request")


def database_unavailable_response(request):
    from django.http import HttpResponse

    body = render_to_string("operations/database_unavailable.html", {}, request=None)
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _MARK, False):
            return database_unavailable_response(request)
        return response
