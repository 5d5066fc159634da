"""The parts of every page derived from the page tree (a section's menu and legal pages), memoised per
process and invalidated everywhere at once through ``PageTreeVersion``.

Computing them costs a handful of queries per request (and, with tens of thousands of promeneur pages, as
much time as the annuaire itself); they change only when a page is saved (which publishing, unpublishing and
moving all do) or deleted, a view is restricted, or a site or a locale changes. Any such change sets a new
token; each request reads the token (one row by primary key) and recomputes only when it changed.
"""

import uuid

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site

_memo: dict = {"token": None, "values": {}}
#: Entries kept per token (one per visited page at most for the section lookup): bounded memory.
MAX_ENTRIES = 5000
_UNREAD = object()


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


def memoised(token, key, compute):
    """``compute()``, reused while the tree's token stays ``token`` (None: not memoised)."""
    if token is None:
        return compute()
    if _memo["token"] != token:
        _memo["token"], _memo["values"] = token, {}
    values = _memo["values"]
    if len(values) >= MAX_ENTRIES:
        values.clear()
    if key not in values:
        values[key] = compute()
    return values[key]


def forget():
    """Drop this process's memo (tests: a rolled-back transaction brings an earlier token back)."""
    _memo["token"], _memo["values"] = None, {}


def tree_changed(**kwargs):
    PageTreeVersion = apps.get_model("core", "PageTreeVersion")
    PageTreeVersion.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})


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
