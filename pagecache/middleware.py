"""The anonymous page cache: Django's cache framework (``django.utils.cache``: the key of a URL, its host, its
language and the headers it varies on) with a generation in the key prefix and a lifetime that never crosses the
next boundary (invalidation.py). README.md says what is cached, what never is, and why not wagtail-cache.
"""

import logging
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_cache_key, learn_cache_key, patch_cache_control

from core.navigation import token_for
from pagecache.invalidation import next_boundary

logger = logging.getLogger(__name__)

#: Never cached: the admin and its previews, answers that must be current for the person asking (the
#: verification of a promeneur, search with its query log), private documents, the health check.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/healthz",
    "/verifier/",
    "/recherche/",
)
HEADER = "X-Page-Cache"

#: Paths the application's cache serves but shared caches (Varnish) never keep, because every request must be
#: counted: each hit calls the path's callback with the request and the stored response (search's query log).
_COUNTED: dict = {}


def register_counted_path(path: str, on_hit) -> None:
    """Cache ``path`` (exactly, in every language) in the application's cache only, and call
    ``on_hit(request, response)`` on each hit; an error in it is logged, the page still served."""
    _COUNTED[path] = on_hit


def _unprefixed(path: str) -> str:
    for prefix in ("/en/",):
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def excluded_path(path: str) -> bool:
    """``path`` without its language prefix starts with one of EXCLUDED_PREFIXES (and is not counted)."""
    path = _unprefixed(path)
    return path not in _COUNTED and path.startswith(EXCLUDED_PREFIXES)


def request_is_cacheable(request) -> bool:
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return False
    # Signed in, or a message waiting to be shown: the page is someone's own.
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not excluded_path(request.path_info)


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if getattr(request, "is_preview", False):
        return False
    # Sets a cookie (a CSRF token for a form, a session, a message): someone's own page.
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def _seconds_left(generation) -> int:
    """How long a page rendered now may be kept: PAGE_CACHE_SECONDS, or less before the next boundary."""
    seconds = settings.PAGE_CACHE_SECONDS
    boundary = next_boundary(generation)
    if boundary is not None:
        seconds = min(seconds, int((boundary - timezone.now()).total_seconds()))
    return max(seconds, 0)


def _shared_max_age(request, response, seconds: int) -> None:
    """Browsers revalidate every time (a suspension must show at once); shared caches (Varnish) keep the page
    ``seconds`` at most, a counted page not at all (no ``s-maxage``: the VCL keeps nothing else)."""
    if _unprefixed(request.path_info) in _COUNTED:
        patch_cache_control(response, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)


def _count_hit(request, response) -> None:
    on_hit = _COUNTED.get(_unprefixed(request.path_info))
    if on_hit is None:
        return
    try:
        on_hit(request, response)
    except Exception:
        logger.exception("counting a cached page failed: %s", request.path_info)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        generation = token_for(request)
        if generation is None:
            return self.get_response(request)
        prefix = f"page:{generation}"
        try:
            key = get_cache_key(request, prefix, "GET", cache=cache)
            stored = cache.get(key) if key else None
        except Exception:  # the cache is down: serve without it
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            response, expires = stored
            left = int(expires - time.time())
            if left > 0:
                _shared_max_age(request, response, left)
                response[HEADER] = "hit"
                _count_hit(request, response)
                return response
        response = self.get_response(request)
        if request.method != "GET" or not response_is_cacheable(request, response):
            return response
        seconds = _seconds_left(generation)
        if seconds <= 0:
            return response
        _shared_max_age(request, response, seconds)
        try:
            key = learn_cache_key(request, response, seconds, prefix, cache=cache)
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(
                    lambda r: cache.set(key, (r, time.time() + seconds), seconds)
                )
            else:
                cache.set(key, (response, time.time() + seconds), seconds)
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
        response[HEADER] = "miss"
        return response
