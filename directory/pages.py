"""Context of the annuaire's Wagtail pages (AnnuairePage, StructurePage, PromeneurPage), kept out of
models.py so the models stay about data. The models' ``get_context``/``serve`` call these."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.navigation import memoised, token_for
from core.text import collation_key
from departments.models import Department
from directory.annuaire import (
    MISSION_CHOICES,
    PARAMETER_NAMES,
    annuaire_query,
    clean_text,
    with_card_relations,
)
from directory.hours import AVAILABILITY_CHOICES
from directory.models import Permanence, PromeneurPage, StructureType, ThemeTag
from directory.presenters import distance_label, structure_position, town_name
from directory.social import PLATFORM_CHOICES

#: Cards per page of the annuaire.
RESULTS_PER_PAGE = 20


def filter_choices(section) -> dict:
    """Options of the annuaire form's selects."""
    choices = {
        "missions": MISSION_CHOICES,
        # French order, accents aside (« Études » among the E, not after « Vie pratique »).
        "themes": sorted(
            ThemeTag.objects.values_list("slug", "name"), key=lambda theme: collation_key(theme[1])
        ),
        "networks": PLATFORM_CHOICES,
        "structure_types": StructureType.choices,
        "availability": AVAILABILITY_CHOICES,
        "departments": [],
    }
    if section is not None and section.is_national:
        # Only départements that have joined the network (a published home page) are worth offering; that
        # changes with the page tree, so it is read once per version of it.
        choices["departments"] = memoised(
            section.tree_token,
            ("annuaire-departments",),
            lambda: list(
                Department.objects.filter(home_pages__live=True)
                .distinct()
                .order_by("sort_key")
                .values_list("code", "name")
            ),
        )
    return choices


def map_points(promeneurs, request, depuis: str = "") -> list[dict]:
    """Markers of the results map: the current page's promeneurs that have a position (the map clusters
    those of one place, with their count)."""
    points = []
    for promeneur in promeneurs:
        position = structure_position(promeneur.structure)
        if position is None:
            continue
        points.append(
            {
                "lat": round(position[0], 5),
                "lon": round(position[1], 5),
                "name": promeneur.public_name,
                "job": promeneur.job_title,
                "structure": promeneur.structure.title,
                "town": town_name(promeneur.structure),
                "distance": distance_label(promeneur.distance_km),
                "url": profile_link(promeneur, request, depuis),
            }
        )
    return points


def map_here(params) -> dict | None:
    """The « vous êtes ici » marker: the town searched near, or the rounded position of « Autour de moi »."""
    commune = params.commune
    if commune is None or commune.latitude is None or commune.longitude is None:
        return None
    label = _("Votre position (à 1 km près)") if params.near_position else commune.name
    return {"lat": round(commune.latitude, 5), "lon": round(commune.longitude, 5), "label": label}


# --- the national annuaire's search, carried to a profile (« depuis ») -------------------------------------

#: Parameters a « depuis » link may carry back: the annuaire's own, its page and its view.
DEPUIS_PARAMETERS = (*PARAMETER_NAMES, "page", "vue")
MAX_DEPUIS_LENGTH = 600


def national_annuaire(request):
    from directory.models import AnnuairePage

    return memoised(token_for(request), ("national-page", AnnuairePage._meta.label),
                    lambda: first_live_page(AnnuairePage, depth=3))  # fmt: skip


def depuis_value(request, params) -> str:
    """What the national annuaire passes to the profiles it links to: its path and query (relative)."""
    query = params.query_string()
    page = clean_text(request.GET.get("page", ""), 10)
    extra = {}
    if page.isdigit() and page != "1":
        extra["page"] = page
    if request.GET.get("vue") == "carte":
        extra["vue"] = "carte"
    if extra:
        query = "&".join(part for part in (query, urlencode(extra)) if part)
    return f"{request.path}?{query}" if query else request.path


def profile_link(promeneur, request, depuis: str = "") -> str:
    url = promeneur.get_url(request)
    return f"{url}?{urlencode({'depuis': depuis})}" if depuis else url


def national_return_url(request) -> str:
    """The national annuaire's search a profile was opened from (``?depuis=``), as an absolute URL on the
    national site, or "" when ``depuis`` is absent or not exactly a search of the national annuaire.

    Never an open redirect: only the path of the national annuaire is accepted (no scheme, no host, no
    ``//``, no backslash), and only the annuaire's own parameters are carried back, cleaned and re-encoded;
    the host is always the national site's."""
    raw = request.GET.get("depuis", "")
    if not isinstance(raw, str) or not raw or len(raw) > MAX_DEPUIS_LENGTH or "\\" in raw:
        return ""
    parts = urlsplit(raw)
    if (
        parts.scheme
        or parts.netloc
        or parts.fragment
        or not parts.path.startswith("/")
        or raw.startswith("//")
    ):
        return ""
    annuaire = national_annuaire(request)
    if annuaire is None:
        return ""
    full_url = annuaire.get_full_url(request)
    if not full_url:
        return ""
    target = urlsplit(full_url)
    if parts.path != target.path:
        return ""
    received = QueryDict(parts.query)
    kept = {}
    for name in DEPUIS_PARAMETERS:
        value = clean_text(received.get(name, ""))
        if value:
            kept[name] = value
    query = urlencode(kept)
    return f"{full_url}?{query}" if query else full_url


def suggestion_links(result) -> list[dict]:
    """Links for "commune introuvable": the same search near each suggested commune."""
    links = []
    for commune in result.suggestions:
        label = f"{commune.name} ({commune.main_postcode})" if commune.main_postcode else commune.name
        query = result.params.query_string(pres_de=label)
        links.append({"commune": commune, "postcode": commune.main_postcode, "query": query})
    return links


def first_live_page(model, **filters):
    """The first live, public page of a page type that has few pages (annuaires, index pages).

    Its own table is read first (``pk__in``): on SQLite, filters on the tree (depth, ``path LIKE``) use no
    index and would otherwise scan every page of the site, tens of thousands with the promeneurs."""
    own_rows = model.objects.values("pk")
    return model.objects.filter(pk__in=own_rows, **filters).live().public().order_by("path").first()


def national_page_url(model, request) -> str:
    """URL of the national site's page of this type (the national annuaire, the list of départements), read
    once per version of the page tree (core/navigation.py)."""
    key = ("national-page", model._meta.label)
    page = memoised(token_for(request), key, lambda: first_live_page(model, depth=3))
    return page.get_url(request) if page else ""


def annuaire_context(page, request, section) -> dict:
    from departments.models import DepartmentsIndexPage
    from directory.models import AnnuairePage

    result = annuaire_query(request.GET, section, page_size=RESULTS_PER_PAGE, details=False)
    items = result.items
    wider = result.wider_radius
    # The national annuaire's cards carry its search to the profile (« Retour à la recherche »).
    depuis = depuis_value(request, result.params) if section.is_national else ""
    view = "carte" if request.GET.get("vue") == "carte" else "liste"
    base_query = result.params.query_string()
    points = map_points(items, request)  # plain profile URLs (the cards carry « depuis »)
    return {
        "depuis": depuis,
        "view": view,
        "list_view_query": base_query,
        "map_view_query": "&".join(part for part in (base_query, "vue=carte") if part),
        "map_here": map_here(result.params),
        "suggestions": suggestion_links(result),
        "map_attribution": settings.ANNUAIRE_MAP_ATTRIBUTION,
        "national_annuaire_url": "" if section.is_national else national_page_url(AnnuairePage, request),
        "departments_url": national_page_url(DepartmentsIndexPage, request) if section.is_national else "",
        "result": result,
        "promeneurs": items,
        "page_obj": result.page,
        "query_string": result.params.query_string(),
        "choices": filter_choices(section),
        "map_points": points,
        "wider_radius": wider,
        "wider_radius_query": result.params.query_string(rayon=wider) if wider else "",
    }


# --- promeneur profile ---------------------------------------------------------------------------------------

PERMANENCE_TIME_ZONE = "Europe/Paris"
#: Weekdays in the order of the weekly table.
WEEKDAYS = Permanence.Weekday.choices


def permanence_rows(promeneur, now=None) -> tuple[list[dict], bool]:
    """The weekly table of online office hours (one row per day that has slots) and whether the promeneur
    is online now. ``now`` is an aware datetime (defaults to timezone.now(); tests pass a frozen one); the
    comparison is made in Europe/Paris time by Permanence.is_open_at."""
    now = now or timezone.now()
    slots = sorted(promeneur.permanences.all(), key=lambda slot: (slot.weekday, slot.start_time))
    online_now = False
    rows = []
    # Slots are announced in Paris time, whatever time zone a request may have activated.
    with timezone.override(PERMANENCE_TIME_ZONE):
        for weekday, label in WEEKDAYS:
            day_slots = []
            for slot in slots:
                if slot.weekday != weekday:
                    continue
                is_open = slot.is_open_at(now)
                online_now = online_now or is_open
                day_slots.append({"slot": slot, "open": is_open})
            if day_slots:
                rows.append({"weekday": weekday, "label": label, "slots": day_slots})
    return rows, online_now


def promeneur_context(promeneur, request, now=None) -> dict:
    rows, online_now = permanence_rows(promeneur, now)
    department = promeneur.department
    try:
        ics_url = reverse("directory:permanences_ics", args=[promeneur.pk]) if rows else ""
    except NoReverseMatch:  # pragma: no cover - the route is in directory/urls.py
        ics_url = ""
    structure = promeneur.structure
    return {
        "permanence_rows": rows,
        "online_now": online_now,
        "department": department,
        "structure": structure,
        "structure_phone": (structure.phone or "").replace(" ", "").replace(".", "") if structure else "",
        "annuaire": structure.get_parent().specific if promeneur.structure_id else None,
        "national_return_url": national_return_url(request),
        "ics_url": ics_url,
        "share_url": promeneur.get_full_url(request),
    }


def gone_response(request, promeneur):
    """410 for a promeneur no longer listed: the advice and the coordination's contact, none of their data
    (no ``page`` in the context: the title, breadcrumbs and language links would name them)."""
    from django.template.response import TemplateResponse

    from core.sections import section_for_page

    section = section_for_page(promeneur, request)
    response = TemplateResponse(request, "directory/gone.html", {"section": section}, status=410)
    response["Cache-Control"] = "no-cache"
    return response


# --- structure page ------------------------------------------------------------------------------------------


def structure_context(structure, request) -> dict:
    """A structure's page lists its publicly listed promeneurs. Once its convention with the Caf has ended,
    the page stays (families may still look for the place) but shows no promeneur, since they no longer
    are labelled through it: ``publicly_listed`` already excludes them."""
    promeneurs = list(
        with_card_relations(PromeneurPage.objects.publicly_listed().filter(structure=structure)).order_by(
            "first_name", "pk"
        )
    )
    for promeneur in promeneurs:
        promeneur.distance_km = None
    return {
        "promeneurs": promeneurs,
        "convention_ended": not structure.convention_active(),
        "intervention_fields": list(structure.intervention_fields.all()),
    }
