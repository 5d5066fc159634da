"""The admin views of activity reports (« Activité » in the menu). Every view asks activity.scope; a report
outside the user's scope does not exist for them (404), an action they may not take is refused (403)."""

import datetime
import logging

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from activity import charts, scope, tallies
from activity.coverage import population_coverage
from activity.exports import review_workbook
from activity.forms import ActivityReportForm, parse_month
from activity.indicators import add_months, by_department, compute, month_period, quarter_period, year_period
from activity.models import ActivityReport, ClosedMonth, first_of_month, request_kind_labels
from activity.participation import participation
from core.addresses import site_root_url
from core.navigation import memoised, token_for
from departments.models import Department

logger = logging.getLogger(__name__)


def _require(condition: bool):
    if not condition:
        raise PermissionDenied


def last_month() -> datetime.date:
    return add_months(first_of_month(timezone.localdate()), -1)


def _month_param(request) -> tuple[datetime.date, bool]:
    """The month asked for (?mois=AAAA-MM), else last month; and whether the value was understood."""
    raw = request.GET.get("mois", "")
    month = parse_month(raw)
    if month is None or month > first_of_month(timezone.localdate()):
        return last_month(), not raw
    return month, True


def index(request):
    user = request.user
    _require(scope.uses_activity(user))
    month, understood = _month_param(request)
    writable = scope.writable_promeneurs(user).select_related("structure")
    reports = scope.readable_reports(user).filter(month=month).select_related("department", "promeneur")
    filled = {report.promeneur_id: report for report in reports}
    to_fill = [
        {"promeneur": promeneur, "report": filled.get(promeneur.pk)}
        for promeneur in writable.filter(status__in=["actif", "suspendu"]).order_by("first_name", "pk")
    ]
    closable = list(scope.closable_departments(user))
    late = []
    for department in closable:
        from directory.models import PromeneurPage

        missing = (
            PromeneurPage.objects.publicly_listed()
            .filter(department=department)
            .exclude(pk__in=ActivityReport.objects.filter(month=month).values("promeneur_id"))
            .select_related("structure")
            .order_by("structure__title", "first_name")
        )
        late.append({
            "department": department,
            "promeneurs": list(missing),
            "closed": scope.month_is_closed(department.pk, month),
        })  # fmt: skip
    closed_ids = set(ClosedMonth.objects.filter(month=month).values_list("department_id", flat=True))
    return TemplateResponse(request, "activity/index.html", {
        "month": month, "month_value": f"{month:%Y-%m}", "month_understood": understood,
        "previous_month": f"{add_months(month, -1):%Y-%m}",
        "next_month": f"{add_months(month, 1):%Y-%m}" if add_months(month, 1) <= first_of_month(timezone.localdate()) else "",
        "to_fill": to_fill, "reports": reports.order_by("department__sort_key", "promeneur_name"),
        "late": late, "closed_ids": closed_ids,
        "sees_indicators": scope.indicator_departments(user).exists(),
    })  # fmt: skip


def _editable(user, report: ActivityReport) -> bool:
    return (
        report.promeneur_id is not None
        and scope.writable_promeneurs(user).filter(pk=report.promeneur_id).exists()
        and not scope.month_is_closed(report.department_id, report.month)
    )


def _notify_support(request, report: ActivityReport) -> None:
    """« Besoin d'un appui de la coordination » e-mails the coordination, after the commit."""
    from reports.notifications import coordination_recipients

    recipients = coordination_recipients(report.department)
    if not recipients:
        return
    url = site_root_url() + reverse("activity:report", args=[report.pk])
    subject = _("Demande d'appui : %(name)s (%(month)s)") % {
        "name": report.promeneur_name,
        "month": f"{report.month:%m/%Y}",
    }
    body = _(
        "La structure de %(name)s demande un appui de la coordination dans son rapport d'activité de %(month)s.\n\n"
        "Commentaire : %(comment)s\n\nLe rapport : %(url)s"
    ) % {
        "name": report.promeneur_name,
        "month": f"{report.month:%m/%Y}",
        "comment": report.comment or "—",
        "url": url,
    }

    def send():
        try:
            send_mail(subject, body, None, recipients)
        except Exception:  # a mail server failure must not lose the saved report
            logger.exception("activity: support e-mail not sent for report %s", report.pk)

    transaction.on_commit(send)


def _save(request, form, *, asked_before: bool):
    with transaction.atomic(), tallies.deferred():  # the report and its reach rows: one rewrite
        report = form.save_report(request.user)
    if report.needs_support and not asked_before:
        _notify_support(request, report)
    from django.contrib import messages

    messages.success(request, _("Rapport de %(month)s enregistré pour %(name)s.") % {
        "month": f"{report.month:%m/%Y}", "name": report.promeneur_name})  # fmt: skip
    return redirect(f"{reverse('activity:index')}?mois={report.month:%Y-%m}")


def create(request):
    user = request.user
    promeneurs = scope.writable_promeneurs(user)
    _require(scope.uses_activity(user) and promeneurs.exists())
    if request.method == "POST":
        form = ActivityReportForm(request.POST, promeneurs=promeneurs)
        if form.is_valid():
            promeneur, month = form.cleaned_data["promeneur"], form.cleaned_data["month"]
            if scope.month_is_closed(promeneur.department_id, month):
                form.add_error("month", _("La coordination a clôturé ce mois : il ne peut plus être rempli."))
            else:
                return _save(request, form, asked_before=False)
    else:
        initial = {}
        month = parse_month(request.GET.get("mois", ""))
        if month is not None:
            initial["month"] = month
        if (request.GET.get("promeneur") or "").isdigit():
            initial["promeneur"] = int(request.GET["promeneur"])
        form = ActivityReportForm(initial=initial, promeneurs=promeneurs)
    return TemplateResponse(request, "activity/form.html", {"form": form, "report": None})


def report(request, pk: int):
    user = request.user
    _require(scope.uses_activity(user))
    report = get_object_or_404(scope.readable_reports(user).select_related("department"), pk=pk)
    editable = _editable(user, report)
    if request.method == "POST":
        _require(editable)
        asked_before = report.needs_support
        form = ActivityReportForm(request.POST, instance=report, promeneurs=scope.writable_promeneurs(user))
        if form.is_valid():
            return _save(request, form, asked_before=asked_before)
        return TemplateResponse(request, "activity/form.html", {"form": form, "report": report})
    if editable:
        form = ActivityReportForm(instance=report, promeneurs=scope.writable_promeneurs(user))
        return TemplateResponse(request, "activity/form.html", {"form": form, "report": report})
    return TemplateResponse(request, "activity/detail.html", {"report": report, "reaches": report.reaches.all(), "kinds": request_kind_labels(report.request_kinds),
                                                               "closed": scope.month_is_closed(report.department_id, report.month)})  # fmt: skip


@require_POST
def close_month(request):
    user = request.user
    department = get_object_or_404(scope.closable_departments(user), pk=request.POST.get("departement") or 0)
    month = parse_month(request.POST.get("mois", ""))
    if month is None or month >= first_of_month(timezone.localdate()):
        raise Http404
    ClosedMonth.objects.get_or_create(department=department, month=month, defaults={"closed_by": user})
    from django.contrib import messages

    messages.success(request, _("Mois de %(month)s clôturé pour %(department)s : les rapports ne sont plus modifiables.") % {
        "month": f"{month:%m/%Y}", "department": department.name})  # fmt: skip
    return redirect(f"{reverse('activity:index')}?mois={month:%Y-%m}")


NETWORK = "reseau"


def _period(request) -> tuple:
    """The period asked for by ?periode=annee|trimestre|mois&annee=…&trimestre=…&mois=…; unknown values fall
    back to the current year with a notice."""
    today = timezone.localdate()
    kind = request.GET.get("periode", "annee")
    notice = ""
    try:
        year = int(request.GET.get("annee") or today.year)
        if not 2000 <= year <= today.year:
            raise ValueError
        if kind == "trimestre":
            quarter = int(request.GET.get("trimestre") or (today.month - 1) // 3 + 1)
            return quarter_period(year, quarter), notice
        if kind == "mois":
            return month_period(year, int(request.GET.get("mois") or today.month)), notice
        if kind != "annee":
            raise ValueError
        return year_period(year), notice
    except (TypeError, ValueError):
        return year_period(today.year), _("Période non reconnue : voici l'année en cours.")


def indicators(request):
    user = request.user
    departments = scope.indicator_departments(user)
    _require(departments.exists())
    choice = request.GET.get("departement", "")
    network = scope.sees_network(user)
    chosen = departments.filter(code=choice).first() if choice and choice != NETWORK else None
    notice = ""
    if choice and choice != NETWORK and chosen is None:
        notice = _("Département inconnu ou hors de votre périmètre : voici l'ensemble de votre périmètre.")
    if chosen is not None:
        selected = Department.objects.filter(pk=chosen.pk)
        scope_label = f"{chosen.name} ({chosen.code})"
    else:
        selected = departments
        scope_label = (
            _("Réseau national") if network else ", ".join(f"{d.name} ({d.code})" for d in departments)
        )
    period, period_notice = _period(request)
    result = compute(selected, period, token=token_for(request))
    if not result.empty:
        codes = sorted(selected.values_list("code", flat=True))
        # Follows the listed promeneurs and their structures only: memoised under the page tree's token.
        result.coverage = memoised(
            token_for(request), ("activity-coverage", *codes), lambda: population_coverage(codes)
        )
        result.participation = participation(selected, period, network=network and chosen is None)
    table = by_department(departments, period) if network and chosen is None else None
    if request.GET.get("format") == "xlsx":
        content = review_workbook(result, scope_label, table)
        name = f"bilan-activite-{chosen.code if chosen else 'reseau'}-{period.slug}.xlsx"
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if request.GET.get("format") == "pdf":
        from activity.pdf import PdfUnavailable, review_filename, review_pdf

        try:
            content = review_pdf(result, scope_label, table, notice or period_notice)
        except PdfUnavailable:
            from django.contrib import messages

            messages.error(request, _("Le bilan PDF ne peut pas être produit sur ce serveur pour le moment : téléchargez le bilan XLSX, ou réessayez plus tard."))  # fmt: skip
            query = request.GET.copy()
            query.pop("format")
            return redirect(f"{reverse('activity:indicators')}?{query.urlencode()}")
        name = review_filename(period, chosen=chosen, departments=departments, network=network)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = {
        "indicators": result, "period": period, "scope_label": scope_label, "departments": departments,
        "chosen": chosen, "network": network, "table": table, "notice": notice or period_notice,
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 5, -1)),
        "query": request.GET.urlencode(),
    }  # fmt: skip
    if not result.empty:
        context["monthly_chart"] = charts.monthly_bars(
            "chart-monthly", _("Personnes touchées chaque mois"), result.by_month, _("Jeunes"), _("Parents")
        )
        context["network_chart"] = charts.horizontal_bars(
            "chart-networks", _("Personnes touchées par réseau"),
            [{"label": row["label"], "value": row["young"] + row["parents"]} for row in result.by_network],
            _("Personnes touchées"),
        )  # fmt: skip
        # Thousands of rows for the network: joined in Python, the template engine would take a second.
        context["commune_rows"] = format_html_join(
            "", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
            ((row["name"], row["promeneurs"], row["young"], row["parents"], row["exchanges"])
             for row in result.by_commune),
        )  # fmt: skip
        context["commune_map"] = charts.commune_map(
            "chart-communes", _("Personnes touchées par commune"), result.by_commune
        )
    return TemplateResponse(request, "activity/indicators.html", context)
