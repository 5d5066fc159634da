"""The parts of every page derived from the page tree (a section's menu and legal pages), memoised in Django's
cache (Redis when REDIS_URL is set: shared by every process) under the tree's token, ``PageTreeVersion``.

Computing them costs a handful of queries per request (and, with tens of thousands of promeneur pages, as
much time as the annuaire itself); they change only when a page is saved (which publishing, unpublishing and
moving all do) or deleted, a view is restricted, or a site or a locale changes. Any such change sets a new
token; each request reads the token (one row by primary key) and finds the values under it, or computes and
stores them. The same token is the generation of the anonymous page cache (pagecache/README.md).
"""

import hashlib
import logging
import threading
import uuid
from contextlib import contextmanager

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site

#: Seconds a memoised value is kept: entries of an old token are never read again and expire by themselves.
TIMEOUT = 60 * 60
_UNREAD = object()
_MISSING = object()
#: Part of every key; forget() moves it on in this process (tests: a rolled-back transaction brings an
#: earlier token back, whose entries were computed on data that is gone).
_epoch = {"value": 0}
logger = logging.getLogger(__name__)


def current_token():
    PageTreeVersion = apps.get_model("core", "PageTreeVersion")
    return PageTreeVersion.objects.filter(pk=1).values_list("token", flat=True).first()


def token_for(request):
    """The tree's token, read once per request; None without a request (nothing is memoised then)."""
    if request is None:
        return None
    token = getattr(request, "_pdn_tree_token", _UNREAD)
    if token is _UNREAD:
        token = request._pdn_tree_token = current_token()
    return token


def _cache_key(token, key) -> str:
    digest = hashlib.sha1(repr(key).encode(), usedforsecurity=False).hexdigest()
    return f"tree:{token}:{_epoch['value']}:{digest}"


def memoised(token, key, compute):
    """``compute()``, reused while the tree's token stays ``token`` (None: not memoised). ``key`` is a tuple of
    plain values (its repr names the entry); the value must pickle (model instances, lists, dicts)."""
    if token is None:
        return compute()
    cache_key = _cache_key(token, key)
    try:
        value = cache.get(cache_key, _MISSING)
    except Exception:  # the cache is down: compute, as without a memo
        logger.warning("navigation memo: cache unavailable", exc_info=True)
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(cache_key, value, TIMEOUT)
        except Exception:
            logger.warning("navigation memo: cache unavailable", exc_info=True)
    return value


def memoised_many(token, keys, compute_missing):
    """The values of ``keys`` (a list of tuples, as for ``memoised``), in order: those already memoised under
    ``token`` read in one round trip to the cache, the others from ``compute_missing(missing_keys)`` (a dict
    by key) and stored in one more. For lists whose items each have their own entry (the annuaire's cards)."""
    if not keys:
        return []
    if token is None:
        computed = compute_missing(list(keys))
        return [computed[key] for key in keys]
    cache_keys = {key: _cache_key(token, key) for key in keys}
    try:
        found = cache.get_many(list(cache_keys.values()))
    except Exception:  # the cache is down: compute, as without a memo
        logger.warning("navigation memo: cache unavailable", exc_info=True)
        computed = compute_missing(list(keys))
        return [computed[key] for key in keys]
    missing = [key for key in keys if cache_keys[key] not in found]
    if missing:
        computed = compute_missing(missing)
        for key in missing:
            found[cache_keys[key]] = computed[key]
        try:
            cache.set_many({cache_keys[key]: computed[key] for key in missing}, TIMEOUT)
        except Exception:
            logger.warning("navigation memo: cache unavailable", exc_info=True)
    return [found[cache_keys[key]] for key in keys]


def forget():
    """Stop reading the entries memoised so far in this process (tests: a rolled-back transaction brings an
    earlier token back)."""
    _epoch["value"] += 1


_deferred = threading.local()


def tree_changed(**kwargs):
    if getattr(_deferred, "depth", 0):
        _deferred.pending = True  # one new token when the outermost deferred_tree_changes() block ends
        return
    PageTreeVersion = apps.get_model("core", "PageTreeVersion")
    PageTreeVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})


@contextmanager
def deferred_tree_changes():
    """Within the block (in this thread), changes only note that the tree changed; when the block ends
    without an error, one new token if anything changed. For bulk writes inside one transaction (the
    annuaire import): one new generation, hence one Varnish purge at commit, instead of one per row. On an
    error nothing is written: the transaction that wraps the block is rolled back anyway."""
    depth = getattr(_deferred, "depth", 0)
    if depth == 0:
        _deferred.pending = False
    _deferred.depth = depth + 1
    try:
        yield
    finally:
        _deferred.depth = depth
    if depth == 0 and _deferred.pending:
        _deferred.pending = False
        tree_changed()


def _page_saved_or_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and not kwargs.get("raw"):
        tree_changed()


def connect_signals():
    post_save.connect(_page_saved_or_deleted, dispatch_uid="pdn-navigation-page-saved")
    post_delete.connect(_page_saved_or_deleted, dispatch_uid="pdn-navigation-page-deleted")
    for model in (PageViewRestriction, Site, Locale):
        post_save.connect(tree_changed, sender=model, dispatch_uid=f"pdn-navigation-{model.__name__}-saved")
        post_delete.connect(
            tree_changed, sender=model, dispatch_uid=f"pdn-navigation-{model.__name__}-deleted"
        )
