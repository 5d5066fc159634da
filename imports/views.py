"""Admin views of the import and export: a coordination for its own département, a superuser for any.

The preview is computed on upload and kept on the server (a JSON file under MEDIA_ROOT/imports whose name
is remembered in the session, bound to the user and the département); "Importer" re-checks those stored rows
against the current annuaire, uses the preview up (a second POST of the same token imports nothing) and
applies them in one transaction: in the request for a small file (the counts at once), else in a background
thread (``imports.jobs``) followed on a status page that refreshes itself. Nothing posted back by the browser
but the token and the publication choice is trusted.
"""

from __future__ import annotations

import json
import secrets

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import coordinated_departments, is_coordinator_of
from core.forbidden import answers_403
from departments.models import Department
from imports import columns as C
from imports import jobs
from imports.exporting import export_rows
from imports.plan import Checker, annuaire_for
from imports.previews import store_dir
from imports.tabular import FileError, Table, read_upload, write_csv, write_xlsx

SESSION_KEY = "imports_previews"
TOKEN_LENGTH = 32


class UploadForm(forms.Form):
    fichier = forms.FileField(
        label=gettext_lazy("Fichier CSV ou XLSX"),
        help_text=gettext_lazy(
            "10 Mo et 5 000 lignes au plus ; la première ligne contient les en-têtes du modèle."
        ),
    )


class ConfirmForm(forms.Form):
    jeton = forms.CharField(widget=forms.HiddenInput, max_length=TOKEN_LENGTH * 2)
    publication = forms.ChoiceField(
        label=gettext_lazy("Les fiches créées ou modifiées sont"),
        choices=[
            ("brouillon", gettext_lazy("enregistrées en brouillon (à publier ensuite une par une)")),
            ("publier", gettext_lazy("publiées tout de suite")),
        ],
        initial="brouillon",
        widget=forms.RadioSelect,
    )


#: Wagtail's admin turns PermissionDenied into a redirect to the dashboard: answer a real 403 instead.
forbidden_as_403 = answers_403(
    gettext_lazy("L'import et l'export de l'annuaire d'un département sont réservés à sa coordination.")
)


def _department(request, code) -> Department:
    department = get_object_or_404(Department, code=code.upper())
    if not is_coordinator_of(request.user, department):
        raise PermissionDenied
    if annuaire_for(department) is None:
        raise PermissionDenied
    return department


def departments_for(user):
    if user.is_superuser:
        return Department.objects.filter(home_pages__isnull=False).distinct().order_by("sort_key")
    return coordinated_departments(user).order_by("sort_key")


@forbidden_as_403
def index(request):
    departments = list(departments_for(request.user))
    if not departments:
        raise PermissionDenied
    if len(departments) == 1:
        return redirect("imports_department", code=departments[0].code)
    return TemplateResponse(request, "imports/index.html", {"departments": departments})


def _store(request, department, table: Table) -> str:
    token = secrets.token_hex(TOKEN_LENGTH)
    payload = {
        "department": department.code,
        "user": request.user.pk,
        "headers": table.headers,
        "rows": table.rows,
    }
    (store_dir() / f"{token}.json").write_text(json.dumps(payload), encoding="utf-8")
    previews = request.session.get(SESSION_KEY, {})
    previews[token] = department.code
    request.session[SESSION_KEY] = previews
    return token


def _load(request, department, token: str) -> Table | None:
    if not token.isalnum() or request.session.get(SESSION_KEY, {}).get(token) != department.code:
        return None
    path = store_dir() / f"{token}.json"
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if payload.get("department") != department.code or payload.get("user") != request.user.pk:
        return None
    return Table(headers=payload["headers"], rows=[(number, row) for number, row in payload["rows"]])


def _claim(request, token: str) -> bool:
    """Use the preview up: True for the one request that deletes its file (two POSTs of one token: one import)."""
    previews = request.session.get(SESSION_KEY, {})
    previews.pop(token, None)
    request.session[SESSION_KEY] = previews
    try:
        (store_dir() / f"{token}.json").unlink()
    except FileNotFoundError:
        return False
    return True


def _gone(request, department):
    return TemplateResponse(
        request,
        "imports/upload.html",
        _context(
            request,
            department,
            form=UploadForm(),
            notice=_("Cet aperçu n'existe plus (déjà importé ou expiré) : déposez à nouveau le fichier."),
        ),
        status=400,
    )


def _context(request, department, **extra):
    context = {
        "department": department,
        "columns": C.COLUMNS,
        "header_title": _("Importer ou exporter l'annuaire"),
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Accueil")},
            {"url": "", "label": _("Import et export — %(name)s") % {"name": department.name}},
        ],
    }
    context.update(extra)
    return context


@forbidden_as_403
def department_view(request, code):
    department = _department(request, code)
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                table = read_upload(form.cleaned_data["fichier"])
            except FileError as error:
                form.add_error("fichier", str(error))
            else:
                plan = Checker(department, request.user).check(table)
                token = _store(request, department, table) if plan.is_valid else None
                return TemplateResponse(
                    request,
                    "imports/preview.html",
                    _context(
                        request,
                        department,
                        plan=plan,
                        counts=plan.counts(),
                        confirm_form=ConfirmForm(initial={"jeton": token}) if token else None,
                        filename=form.cleaned_data["fichier"].name,
                    ),
                )
    return TemplateResponse(request, "imports/upload.html", _context(request, department, form=form))


@forbidden_as_403
@require_POST
def confirm(request, code):
    department = _department(request, code)
    form = ConfirmForm(request.POST)
    table = _load(request, department, request.POST.get("jeton", "")) if form.is_valid() else None
    if table is None:
        return _gone(request, department)
    plan = Checker(department, request.user).check(table)
    if not plan.is_valid:
        # The annuaire changed since the preview: show the new preview, import nothing.
        return TemplateResponse(
            request,
            "imports/preview.html",
            _context(request, department, plan=plan, counts=plan.counts(), confirm_form=None, stale=True),
        )
    if not _claim(request, form.cleaned_data["jeton"]):
        return _gone(request, department)  # imported meanwhile by another POST of the same token
    publish = form.cleaned_data["publication"] == "publier"
    job_id, state = jobs.create(department, request.user, total=len(plan.rows), published=publish)
    if state["total"] <= jobs.SYNC_ROWS:
        return _status_response(request, department, jobs.run(job_id, state, plan, request.user, publish))
    jobs.start(job_id, state, plan, request.user, publish)
    return redirect("imports_status", code=department.code, job=job_id)


def _status_response(request, department, state: dict):
    if state["state"] == jobs.DONE:
        return TemplateResponse(
            request,
            "imports/done.html",
            _context(request, department, counts=state["counts"], published=state["published"]),
        )
    return TemplateResponse(
        request,
        "imports/status.html",
        _context(
            request,
            department,
            state=state,
            running=state["state"] == jobs.RUNNING,
            refresh_seconds=2,
        ),
    )


@forbidden_as_403
def status(request, code, job):
    """The progress of a background import, then its outcome; only for its author, in its département."""
    department = _department(request, code)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    state = jobs.read(job)
    if state is None or state.get("department") != department.code or state.get("user") != request.user.pk:
        raise Http404
    return _status_response(request, department, state)


def _file_response(content: bytes, fmt: str, filename: str) -> HttpResponse:
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if fmt == "xlsx"
        else "text/csv; charset=utf-8"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _help_rows():
    return [[_("Colonne"), _("Contenu")]] + [[header, str(help_text)] for header, help_text in C.COLUMNS]


@forbidden_as_403
def export(request, code, fmt):
    department = _department(request, code)
    rows = export_rows(department)
    name = f"annuaire-{department.code}"
    if fmt == "xlsx":
        return _file_response(write_xlsx(C.HEADERS, rows, _help_rows()), fmt, name)
    return _file_response(write_csv(C.HEADERS, rows), fmt, name)


@forbidden_as_403
def template(request, fmt):
    if not departments_for(request.user).exists():
        raise PermissionDenied
    if fmt == "xlsx":
        return _file_response(write_xlsx(C.HEADERS, [], _help_rows()), fmt, "modele-import-annuaire")
    return _file_response(write_csv(C.HEADERS, []), fmt, "modele-import-annuaire")
