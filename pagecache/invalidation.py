"""When the cached pages stop being right.

A **generation** is the page-tree token of ``core.navigation`` (one database row, read once per request): every
cache key of a page contains it, so a new token makes every cached page unreachable at once, in every process,
whatever the cache backend. It changes on

- every save and delete of a page (publishing, unpublishing, moving and deleting all save or delete the page),
  a view restriction, a site, a locale (``core.navigation``);
- every save or delete of any other model, and every change of a many-to-many relation, except the models
  listed in ``UNRELATED`` below, whose rows no public page shows (logs, sessions, revisions, renditions...):
  site settings (except their creation with the defaults when first read), structures' and promeneurs' inline rows, tags, images, documents, collections, redirects;
- a promeneur's status change (``directory.status.change_status`` writes with ``update()``, which sends no
  signal, and calls ``core.navigation.tree_changed`` itself).

A deny-list rather than a list of the models that matter: a model added later invalidates the cache until
someone decides it does not need to, which is the safe way round.

Time: ``next_boundary()`` is the next moment a page may change on its own (a convention that ends at midnight, an
online office hour that opens or closes: « En ligne maintenant »), taken over the whole network; no page is kept
past it (middleware.py).

Varnish: after the transaction that changed the generation commits, every site's host is banned through
``wagtail.contrib.frontend_cache`` (the VCL turns a PURGE into a ban of the host), once per new generation.
"""

import datetime
import logging
import zoneinfo

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

logger = logging.getLogger(__name__)

#: Models whose rows no public page shows (``app_label`` alone: every model of the app).
UNRELATED = {
    "core.pagetreeversion",
    # Rewritten in bulk by import_communes (tens of thousands of rows), which starts one new generation itself.
    "geo.postcodecommune",
    "search.searchquerylog",
    "accounts",
    "reports",
    "wagtail_localize",  # translations become public by publishing the page, which saves it
    "wagtailforms.formsubmission",
    "wagtailsearchpromotions.querydailyhits",
    "wagtailsearchpromotions.query",
    "wagtailembeds.embed",  # fetched while a page renders
    "wagtailusers",
    "wagtailsearch",
    "wagtailadmin",
    "wagtailimages.rendition",  # made while a page renders
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.revision",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.apitoken",
    "wagtailcore.groupsitepermission",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
    "axes",
    "admin",
    "auth",
    "contenttypes",
    "sessions",
}

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
_BOUNDARY_KEY = "pagecache:boundary:{generation}"


def unrelated(model) -> bool:
    meta = model._meta
    if meta.apps is not global_apps:  # a migration's historical model: no page is served from it
        return True
    return meta.app_label in UNRELATED or meta.label_lower in UNRELATED


def _changed(sender, **kwargs):
    if kwargs.get("raw") or unrelated(sender):
        return
    if kwargs.get("created") and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return  # made with its defaults on first read (for_site/load), while a page renders: nothing changed
    from core.navigation import tree_changed

    tree_changed()


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and not unrelated(type(instance)):
        _changed(type(instance))


# --- Varnish -------------------------------------------------------------------------------------------------

_last_purged = {"token": None}


def purge_frontend_cache():
    """Ban every site's pages from the frontend cache (Varnish), once per generation."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
    from wagtail.models import Site

    from core.navigation import current_token

    token = current_token()
    if token is not None and token == _last_purged["token"]:
        return
    _last_purged["token"] = token
    urls = sorted({f"{site.root_url}/" for site in Site.objects.all()})
    purge_urls_from_cache(urls)


def _generation_saved(sender, **kwargs):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(purge_frontend_cache)


def connect_signals():
    from core.models import PageTreeVersion

    post_save.connect(_changed, dispatch_uid="pdn-pagecache-saved")
    post_delete.connect(_changed, dispatch_uid="pdn-pagecache-deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="pdn-pagecache-m2m")
    post_save.connect(_generation_saved, sender=PageTreeVersion, dispatch_uid="pdn-pagecache-purge")


# --- Time ----------------------------------------------------------------------------------------------------


def _next_convention_end(now: datetime.datetime) -> datetime.datetime | None:
    """The midnight (Paris) when the next convention still in force stops being so: convention_in_force()
    holds through its end date."""
    from directory.models import StructurePage

    today = now.astimezone(PARIS).date()
    last_day = StructurePage.objects.filter(convention_end__gte=today).aggregate(day=Min("convention_end"))[
        "day"
    ]
    if last_day is None:
        return None
    return datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time(), tzinfo=PARIS)


def _next_office_hours_boundary(now: datetime.datetime) -> datetime.datetime | None:
    """The next start or end of any announced online office hour (Permanence.is_open_at, Paris time)."""
    from directory.models import Permanence

    local = now.astimezone(PARIS)
    slots = set(Permanence.objects.values_list("weekday", "start_time", "end_time").distinct())
    best = None
    for weekday, start, end in slots:
        for moment in (start, end):
            for days_ahead in range(8):
                day = local.date() + datetime.timedelta(days=days_ahead)
                if day.weekday() != weekday:
                    continue
                candidate = datetime.datetime.combine(day, moment, tzinfo=PARIS)
                if candidate > local:
                    if best is None or candidate < best:
                        best = candidate
                    break
    return best


def _next_midnight_with_office_hours(now: datetime.datetime) -> datetime.datetime | None:
    """The next midnight (Paris) while any office hour is announced: the cards' « aujourd'hui » / « demain »
    and the annuaire's « ce soir » / « ce week-end » filters (directory/hours.py) change then."""
    from directory.models import Permanence

    if not Permanence.objects.exists():
        return None
    tomorrow = now.astimezone(PARIS).date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=PARIS)


def compute_next_boundary(now: datetime.datetime) -> datetime.datetime | None:
    moments = (
        _next_convention_end(now),
        _next_office_hours_boundary(now),
        _next_midnight_with_office_hours(now),
    )
    candidates = [m for m in moments if m is not None]
    return min(candidates) if candidates else None


def next_boundary(generation, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """``compute_next_boundary(now)``, kept in the cache for the generation until it is reached."""
    now = now or timezone.now()
    key = _BOUNDARY_KEY.format(generation=generation)
    stored = cache.get(key)
    if stored is not None:
        moment = stored[0]
        if moment is None or moment > now:
            return moment
    moment = compute_next_boundary(now)
    cache.set(key, (moment,), timeout=settings.PAGE_CACHE_SECONDS or None)
    return moment
