"""/recherche/: the search of the current site, and its suggestions endpoint.

Results page: without ``type``, the first results of every kind (promeneurs, structures, actualités, pages)
with a "voir les N …" link per kind; with ``type=<kind>``, that kind alone, paginated. One page per kind
keeps each group's pagination independent, linkable and usable without JavaScript.
"""

import logging
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core.sections import section_for_request
from departments.models import Department
from directory.models import InterventionField
from search import engine
from search.counting import TOTAL_HEADER, record_search
from search.kinds import KINDS, Scope
from search.promotions import promotions_for
from search.query import SearchQuery

logger = logging.getLogger(__name__)

RESULTS_PER_KIND = 5
RESULTS_PER_PAGE = 20


@require_GET
def search(request):
    section = section_for_request(request)
    if section is None:  # no Wagtail Site at all (an installation not set up yet)
        raise Http404
    query = SearchQuery.parse(request.GET.get("q", ""))
    context = {
        "section": section,
        "query": query,
        "network_search_url": _network_search_url(section, query),
    }
    if query.is_empty:
        return render(request, "search/search.html", context | _empty_context(section))

    scope = Scope.for_section(section)
    kind = KINDS.get(request.GET.get("type", ""))
    if kind is not None:
        context |= _kind_context(request, scope, query, kind)
    else:
        context |= _overview_context(scope, query, section)
        record_search(section, query, context["total"])
        if not context["total"] and not context["promotions"]:
            context |= _corrected_context(scope, query, section)
        if not context["total"]:
            context |= _empty_context(section)
        response = render(request, "search/search.html", context)
        # What a hit of the page cache logs again (search/counting.py).
        response[TOTAL_HEADER] = str(context["total"])
        return response
    return render(request, "search/search.html", context)


def _corrected_context(scope, query, section) -> dict:
    """A query without results: the results of its correction, and the corrected query to search instead
    ("Vouliez-vous dire…"), when the correction finds something."""
    correction = engine.correction(scope, query, RESULTS_PER_KIND)
    if correction is None:
        return {}
    corrected = correction.query or query
    return {
        "groups": _groups(correction.overview, corrected),
        "total": correction.overview.total,
        "capped": correction.overview.capped,
        "corrected_query": correction.query,
        "corrected_url": "?" + urlencode({"q": correction.query.display}) if correction.query else "",
        "approximate": True,
    }


def _empty_context(section) -> dict:
    # Suggestions are the network's fields of intervention: words that do find structures.
    names = InterventionField.objects.exclude(slug="autre").values_list("name", flat=True)
    return {"suggestions": list(names)}


def _overview_context(scope, query, section) -> dict:
    overview = engine.overview(scope, query, RESULTS_PER_KIND)
    promotions = promotions_for(scope, query, is_national=section.is_national)
    return {
        "groups": _groups(overview, query),
        "total": overview.total,
        "capped": overview.capped,
        "promotions": promotions,
    }


def _groups(overview, query) -> list[dict]:
    return [
        {
            "kind": group.kind,
            "results": [_result(page, group.kind) for page in group.pages],
            "count": group.count,
            "capped": group.capped,
            "more_url": "?" + urlencode({"q": query.display, "type": group.kind.slug})
            if group.count > len(group.pages)
            else "",
        }
        for group in overview.groups
    ]


def _kind_context(request, scope, query, kind) -> dict:
    results = engine.KindResults(kind, scope, query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    # get_page: the first page for a number that is not one, the last for one past the end.
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "kind": kind,
        "page_obj": page_obj,
        "results": [_result(page, kind) for page in page_obj.object_list],
        "total": paginator.count,
        "capped": results.capped,
        "query_string": urlencode({"q": query.display, "type": kind.slug}),
        "overview_url": "?" + urlencode({"q": query.display}),
    }


def _result(page, kind) -> dict:
    return {
        "page": page,
        "kind": kind.slug,
        "title": page.title,
        "meta": kind.meta(page),
        "summary": kind.summary(page),
    }


def _network_search_url(section, query) -> str:
    """The national search for the same words (shown on a département's search), or ""."""
    if section is None or section.is_national:
        return ""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    suffix = "?" + urlencode({"q": query.display}) if query.display else ""
    return f"{site.root_url}{reverse('search')}{suffix}"


@never_cache
@require_GET
def suggestions(request):
    """JSON for the search boxes' combobox (search/static/search/autocomplete.js). Never cached: a suspended
    promeneur must disappear from suggestions at once."""
    section = section_for_request(request)
    query = SearchQuery.parse(request.GET.get("q", ""))
    if request.GET.get("type") == "communes":
        return _commune_suggestions(section, query)
    pages = engine.suggest(Scope.for_section(section), query) if section is not None else []
    items = [_suggestion(request, page) for page in pages or []]
    towns = _town_suggestions(request, section, query)
    items = towns + items
    return JsonResponse(
        {
            "query": query.display,
            "results": items,
            "complete": pages is not None,
            "status": _suggestions_status(len(items), query),
        }
    )


def _communes(section, query) -> list | None:
    if section is None or query.is_empty or len(query.display) < 2:
        return []
    return engine.suggest_communes(Scope.for_section(section), query.display)


def _commune_suggestions(section, query):
    """``?type=communes``: the towns for a "près de" field (data-suggest="communes"): choosing one fills the
    field with what the annuaire's lookup (geo.lookup.find_commune) reads back, « Bourges (18000) »."""
    communes = _communes(section, query)
    departments = _department_names(communes or [])
    items = [
        {
            "title": str(commune),
            "value": str(commune),
            "kind": "communes",
            "kind_label": "",
            "meta": departments.get(commune.department_code, ""),
        }
        for commune in communes or []
    ]
    return JsonResponse(
        {
            "query": query.display,
            "results": items,
            "complete": communes is not None,
            "status": _suggestions_status(len(items), query, communes=True),
        }
    )


def _town_suggestions(request, section, query) -> list[dict]:
    """« Promeneurs près de Bourges »: the site's annuaire around the towns the query names."""
    annuaire = getattr(section, "annuaire", None) if section is not None else None
    if annuaire is None:
        return []
    communes = (_communes(section, query) or [])[: engine.MAX_TOWN_SUGGESTIONS]
    if not communes:
        return []
    departments = _department_names(communes)
    url = annuaire.get_url(request)
    return [
        {
            "title": _("Promeneurs près de %(commune)s") % {"commune": commune.name},
            "url": f"{url}?{urlencode({'pres_de': str(commune)})}",
            "kind": "communes",
            "kind_label": str(_("Annuaire")),
            "meta": " · ".join(
                part for part in (commune.main_postcode, departments.get(commune.department_code)) if part
            ),
        }
        for commune in communes
    ]


def _department_names(communes) -> dict[str, str]:
    codes = {commune.department_code for commune in communes}
    return dict(Department.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}


def _suggestion(request, page) -> dict:
    kind = KINDS.for_page(page)
    return {
        "title": page.title,
        "url": page.get_url(request),
        "kind": kind.slug,
        "kind_label": str(kind.label),
        "meta": kind.meta(page),
    }


def _suggestions_status(count: int, query: SearchQuery, communes: bool = False) -> str:
    """What screen readers announce when the list changes."""
    if query.is_empty:
        return ""
    if count == 0:
        if communes:
            return _("Aucune commune trouvée.")
        return _("Aucune suggestion. Appuyez sur Entrée pour lancer la recherche.")
    return ngettext(
        "%(count)s suggestion. Flèches haut et bas pour la parcourir.",
        "%(count)s suggestions. Flèches haut et bas pour les parcourir.",
        count,
    ) % {"count": count}
