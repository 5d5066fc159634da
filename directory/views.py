"""Annuaire views outside the page tree: the JSON API, the CSV export and « Vérifier un promeneur ».

Each is scoped to the requested site's section (a département's site: its promeneurs; the national site:
all), and goes through the same query service as the annuaire page (directory.annuaire).
"""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from core.sections import section_for_request
from departments.models import DepartmentsIndexPage
from directory import access
from directory.annuaire import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    build_query,
    clean_text,
    iter_all_promeneurs,
    with_card_relations,
)
from directory.models import PromeneurPage
from directory.pages import national_page_url
from directory.presenters import api_item, mission_tags, networks, theme_tags, town_name
from directory.social import MAX_URL_LENGTH, PLATFORM_CHOICES
from directory.verification import verify_profile
from reports.stats import count_verification


def request_section(request):
    """The section of the requested site (cached on the request, shared with the context processor)."""
    if not hasattr(request, "_pdn_section"):
        request._pdn_section = section_for_request(request)
    return request._pdn_section


# --- JSON API -------------------------------------------------------------------------------------------


def _page_size(request, notices: list[str]) -> int:
    raw = clean_text(request.GET.get("page_size", ""), 10)
    if not raw:
        return DEFAULT_PAGE_SIZE
    try:
        value = int(raw)
    except ValueError:
        notices.append(_("Taille de page « %(value)s » non comprise : %(default)d utilisée.") % {
            "value": raw, "default": DEFAULT_PAGE_SIZE})  # fmt: skip
        return DEFAULT_PAGE_SIZE
    clamped = max(1, min(MAX_PAGE_SIZE, value))
    if clamped != value:
        notices.append(_("La taille de page doit être comprise entre 1 et %(max)d : %(value)d utilisée.") % {
            "max": MAX_PAGE_SIZE, "value": clamped})  # fmt: skip
    return clamped


def _page_link(request, params, page_size: int, number: int) -> str:
    query = params.as_query_dict(page=number)
    if page_size != DEFAULT_PAGE_SIZE:
        query["page_size"] = page_size
    return request.build_absolute_uri(f"{request.path}?{urlencode(query)}")


@require_GET
def api(request):
    """/api/annuaire/: the annuaire query as JSON (same parameters as the page, plus page_size ≤ 100)."""
    notices: list[str] = []
    page_size = _page_size(request, notices)
    query = build_query(request.GET, request_section(request))
    result = query.result(page_size)
    page = result.page
    params = result.params
    payload = {
        "count": result.count,
        # True when there are more results than "count" (MAX_LISTED_RESULTS): narrow the query to see them.
        "count_capped": result.count_capped,
        "page": page.number,
        "page_size": page_size,
        "num_pages": page.paginator.num_pages,
        "next": _page_link(request, params, page_size, page.next_page_number()) if page.has_next() else None,
        "previous": (
            _page_link(request, params, page_size, page.previous_page_number())
            if page.has_previous()
            else None
        ),
        "notices": result.notices + notices,
        "results": [api_item(promeneur, request) for promeneur in result.items],
    }
    if params.commune is not None:
        payload["near"] = {
            "commune": params.commune.name,
            "insee_code": params.commune.insee_code,
            "radius_km": params.rayon,
        }
    if result.suggestions:
        payload["suggestions"] = [
            {"commune": commune.name, "postcode": commune.main_postcode, "insee_code": commune.insee_code}
            for commune in result.suggestions
        ]
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # public, read-only data: usable by partners' sites
    return response


@require_GET
def api_detail(request, pk: int):
    """/api/annuaire/<id>/: one publicly listed promeneur; 410 once they are no longer listed (suspended,
    withdrawn, convention ended), 404 for anything else. The 410 carries no data of theirs."""
    listed = with_card_relations(PromeneurPage.objects.publicly_listed()).filter(pk=pk).first()
    if listed is not None:
        response = JsonResponse(api_item(listed, request), json_dumps_params={"ensure_ascii": False})
    else:
        former = PromeneurPage.objects.live().public().filter(pk=pk).select_related("structure").first()
        if former is not None and former.no_longer_listed:
            message = _("Cette personne n’est plus référencée comme Promeneur du Net.")
            response = JsonResponse(
                {"detail": message}, status=410, json_dumps_params={"ensure_ascii": False}
            )
        else:
            message = _("Aucun promeneur ne correspond à cet identifiant.")
            response = JsonResponse(
                {"detail": message}, status=404, json_dumps_params={"ensure_ascii": False}
            )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- CSV export -----------------------------------------------------------------------------------------

CSV_HEADER = [
    gettext_lazy("Identifiant"),
    gettext_lazy("Prénom"),
    gettext_lazy("Métier"),
    gettext_lazy("Structure"),
    gettext_lazy("Commune"),
    gettext_lazy("Département"),
    gettext_lazy("Missions"),
    gettext_lazy("Thèmes"),
    gettext_lazy("Réseaux sociaux"),
    gettext_lazy("Distance (km)"),
    gettext_lazy("Fiche publique"),
]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value) -> str:
    """A cell spreadsheet software will not run as a formula (CSV injection: a handle or name starting
    with "=" or "@" is shown as text)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def _csv_rows(query, request):
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"  # BOM: Excel then reads the file as UTF-8 (accents)
    yield writer.writerow([str(title) for title in CSV_HEADER])
    for promeneur in iter_all_promeneurs(query):
        structure = promeneur.structure
        distance = getattr(promeneur, "distance_km", None)
        row = [
            promeneur.pk,
            promeneur.first_name,
            promeneur.job_title,
            structure.title if structure else "",
            town_name(structure),
            promeneur.department.code if promeneur.department_id else "",
            ", ".join(str(tag.name) for tag in mission_tags(promeneur)),
            ", ".join(tag.name for tag in theme_tags(promeneur)),
            " | ".join(f"{n['label']} : {n['handle']} ({n['url']})" for n in networks(promeneur)),
            f"{distance:.1f}".replace(".", ",") if distance is not None else "",
            promeneur.get_full_url(request),
        ]
        yield writer.writerow([_csv_cell(value) for value in row])


@require_GET
def export_csv(request):
    """/annuaire/export.csv: the same query as the page, every result, for signed-in coordinators."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url=reverse("wagtailadmin_login"))
    if not access.can_export(request.user):
        raise PermissionDenied
    section = request_section(request)
    query = build_query(request.GET, section)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    scope = section.department.code if section and section.department else "national"
    response = StreamingHttpResponse(_csv_rows(query, request), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="annuaire-{scope}-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Vérifier un promeneur ------------------------------------------------------------------------------


def _network_choices():
    return [("", gettext_lazy("Je ne sais pas / tous les réseaux"))] + PLATFORM_CHOICES


class VerifyForm(forms.Form):
    profil = forms.CharField(
        label=gettext_lazy("Adresse du profil ou pseudo"),
        max_length=MAX_URL_LENGTH,
        help_text=gettext_lazy(
            "Collez l’adresse du profil (par exemple https://www.instagram.com/pseudo/) ou tapez le pseudo "
            "(par exemple @pseudo) ou le numéro WhatsApp."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
    reseau = forms.ChoiceField(
        label=gettext_lazy("Réseau"),
        required=False,
        choices=_network_choices,
        help_text=gettext_lazy("Le réseau sur lequel cette personne vous a contacté."),
        error_messages={"invalid_choice": gettext_lazy("Choisissez un réseau de la liste.")},
    )


@require_GET
def verify(request):
    """/verifier/: is this profile a labelled promeneur's? A GET form, so an answer can be shared."""
    section = request_section(request)
    form = VerifyForm(request.GET if "profil" in request.GET else None)
    verification = None
    report_query = ""
    if form.is_bound and form.is_valid():
        # Not clean_text: an invisible character inside a handle (a right-to-left override, a zero-width
        # space) must make it "not a promeneur's", not be silently removed into one.
        text = form.cleaned_data["profil"].strip()
        verification = verify_profile(text, section, platform=form.cleaned_data["reseau"] or None)
        count_verification(section.department if section else None, verification.outcome)
        report = {"profil": verification.text}
        if verification.platform:
            report["reseau"] = verification.platform
        if verification.lookalikes and not verification.found:
            report["imite"] = verification.lookalikes[0].promeneur.pk
        report_query = urlencode(report)
    annuaire = section.annuaire if section is not None else None
    context = {
        "form": form,
        "verification": verification,
        "report_query": report_query,
        "section": section,
        "annuaire": annuaire,
        "departments_url": national_page_url(DepartmentsIndexPage, request) if section.is_national else "",
    }
    return TemplateResponse(request, "directory/verify.html", context)


# --- office hours as a calendar file -----------------------------------------------------------------------


@require_GET
def permanences_ics(request, pk: int):
    """/annuaire/permanences/<id>.ics: a publicly listed promeneur's weekly office hours (the profile's
    « Ajouter à mon agenda »), from the national site or the promeneur's own département's site; 404 for
    anyone else (a candidate, a suspended or withdrawn promeneur, a convention ended, another département)."""
    from django.http import Http404, HttpResponse

    from directory.ics import permanences_calendar

    queryset = (
        PromeneurPage.objects.publicly_listed().select_related("structure").prefetch_related("permanences")
    )
    department = request_section(request).department
    if department is not None:
        queryset = queryset.filter(department=department)
    promeneur = queryset.filter(pk=pk).first()
    if promeneur is None or not promeneur.permanences.all():
        raise Http404
    body = permanences_calendar(
        promeneur, profile_url=promeneur.get_full_url(request), host=request.get_host()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="permanences-{promeneur.slug}.ics"'
    return response
