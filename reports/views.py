"""/signaler/: report a profile to the coordination concerned (public, no account)."""

from django.core.exceptions import RequestDataTooBig
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.sections import section_for_request
from departments.models import Department
from directory.social import PLATFORM_CHOICES
from reports import ratelimit
from reports.forms import ProfileReportForm, listed_promeneur
from reports.models import ProfileReport, retention_days
from reports.notifications import notify_coordination

# The form's fields hold at most ~1,800 characters; URL-encoded UTF-8 can take 12 bytes per character.
MAX_BODY_BYTES = 32 * 1024

_csrf = CsrfViewMiddleware(lambda request: None)


def _prefill(request) -> dict:
    initial = {}
    profile = request.GET.get("profil", "")
    if profile and len(profile) <= ProfileReportForm.base_fields["profil"].max_length:
        initial["profil"] = profile
    platform = request.GET.get("reseau", "")
    if platform in dict(PLATFORM_CHOICES):
        initial["reseau"] = platform
    return initial


def _render(request, form, section, *, status=200, error=""):
    context = {"form": form, "section": section, "page_error": error, "retention_days": retention_days()}
    return TemplateResponse(request, "reports/report.html", context, status=status)


def _too_big(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


@csrf_exempt  # checked below, once the size of the body is known to be sane
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    section = section_for_request(request)
    department = section.department if section is not None else None
    if request.method != "POST":
        form = ProfileReportForm(
            initial=_prefill(request),
            section_department=department,
            imitated=listed_promeneur(request.GET.get("imite")),
            reported=listed_promeneur(request.GET.get("promeneur")),
        )
        return _render(request, form, section)

    try:
        data = None if _too_big(request) else request.POST
    except RequestDataTooBig:
        data = None
    if data is None:
        return _render(
            request,
            ProfileReportForm(section_department=department),
            section,
            status=413,
            error=_("Votre envoi est trop volumineux : raccourcissez votre texte et envoyez-le à nouveau."),
        )
    rejected = _csrf.process_view(request, None, (), {})
    if rejected is not None:
        return rejected

    form = ProfileReportForm(data, section_department=department)
    if ratelimit.is_limited(request):
        return _render(
            request,
            form,
            section,
            status=429,
            error=_(
                "Vous avez déjà envoyé plusieurs signalements depuis cette connexion : réessayez dans une "
                "heure. En cas de danger, appelez le 17."
            ),
        )
    if form.is_spam:
        # A robot filled in the hidden field: it is told that all went well, and nothing is kept.
        ratelimit.record(request)
        return _done_redirect(None, reply=False)
    if not form.is_valid():
        return _render(request, form, section)
    ratelimit.record(request)
    target = form.department()
    new_report = ProfileReport.objects.create(
        profile=form.cleaned_data["profil"],
        platform=form.cleaned_data["reseau"],
        description=form.cleaned_data["description"],
        reply_email=form.cleaned_data["email"],
        department=target,
        imitated_promeneur=form.imitated,
        reported_promeneur=form.reported,
    )
    notify_coordination(new_report)
    return _done_redirect(target, reply=bool(new_report.reply_email))


def _done_redirect(department, *, reply: bool):
    query = {"departement": department.code} if department is not None else {}
    if reply:
        query["reponse"] = "1"
    url = reverse("reports:done")
    return redirect(f"{url}?{urlencode(query)}" if query else url)


def done(request):
    section = section_for_request(request)
    department = Department.objects.filter(code=request.GET.get("departement", "")[:3]).first()
    context = {"section": section, "department": department, "reply": request.GET.get("reponse") == "1"}
    return TemplateResponse(request, "reports/done.html", context)
