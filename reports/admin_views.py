"""The admin side: the "Signalements" listing (a Wagtail ModelViewSet whose every view goes through
reports.permissions) and the "Vérifications" report."""

import datetime

import django_filters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet

from departments.models import Department
from directory.social import PLATFORM_CHOICES
from reports.forms import departments_with_a_coordination
from reports.models import ProfileReport, VerificationCount
from reports.permissions import DepartmentScopedPolicy
from reports.stats import week_start

report_policy = DepartmentScopedPolicy(ProfileReport)
verification_policy = DepartmentScopedPolicy(VerificationCount)


# Signalements ----------------------------------------------------------------------------------------------


def visible_departments(user):
    reports = report_policy.instances_user_has_any_permission_for(user, ["view"])
    return Department.objects.filter(pk__in=reports.values("department_id")).order_by("sort_key")


class ProfileReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Statut"), choices=ProfileReport.Status.choices)
    department = django_filters.ModelChoiceFilter(label=_("Département"), queryset=Department.objects.none())
    platform = django_filters.ChoiceFilter(label=_("Réseau"), choices=PLATFORM_CHOICES)

    class Meta:
        model = ProfileReport
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["department"].queryset = visible_departments(request.user)


class ScopedObjectMixin:
    """Every view of one report finds it among the reports the user may see (404 otherwise: another
    département's report does not exist for them), then checks the view's action on it (403)."""

    object_action = "view"

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        pk = unquote(str(self.kwargs.get("pk", self.args[0] if self.args else "")))
        visible = report_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
        report = get_object_or_404(visible.select_related("department"), pk=pk)
        if not report_policy.user_has_permission_for_instance(self.request.user, self.object_action, report):
            raise PermissionDenied
        return report


class ReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return report_policy.instances_user_has_any_permission_for(
            self.request.user, ["view"]
        ).select_related("department")


class ReportEditView(ScopedObjectMixin, generic.EditView):
    object_action = "change"


class ReportDeleteView(ScopedObjectMixin, generic.DeleteView):
    object_action = "delete"


class ReportInspectView(ScopedObjectMixin, generic.InspectView):
    object_action = "view"


class ReportHistoryView(ScopedObjectMixin, history.HistoryView):
    object_action = "change"


class ReportUsageView(ScopedObjectMixin, usage.UsageView):
    object_action = "change"


class ReportCreateView(generic.CreateView):
    """Reports come from the public form only (the policy refuses "add" to everyone)."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class ProfileReportViewSet(ModelViewSet):
    model = ProfileReport
    name = "signalements"
    icon = "warning"
    menu_label = _("Signalements")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ReportIndexView
    add_view_class = ReportCreateView
    edit_view_class = ReportEditView
    delete_view_class = ReportDeleteView
    inspect_view_class = ReportInspectView
    history_view_class = ReportHistoryView
    usage_view_class = ReportUsageView
    filterset_class = ProfileReportFilterSet
    search_fields = ["profile", "description"]
    list_display = [
        "__str__",
        Column("profile", label=_("Profil signalé")),
        Column("platform_label", label=_("Réseau")),
        Column("department", label=_("Département"), sort_key="department__sort_key"),
        Column("get_status_display", label=_("Statut"), sort_key="status"),
        DateColumn("created_at", label=_("Reçu le"), sort_key="created_at"),
    ]
    list_export = ["pk", "profile", "platform_label", "department", "get_status_display", "created_at"]
    export_headings = {
        "pk": _("Numéro"),
        "profile": _("Profil signalé"),
        "platform_label": _("Réseau"),
        "department": _("Département"),
        "get_status_display": _("Statut"),
        "created_at": _("Reçu le"),
    }
    inspect_view_fields = [
        "profile",
        "platform",
        "description",
        "reply_email",
        "department",
        "imitated_promeneur",
        "reported_promeneur",
        "status",
        "coordination_comment",
        "created_at",
        "updated_at",
    ]
    # The visitor's texts are shown (escaped, read only); the coordination changes the status and comment.
    edit_handler = ObjectList(
        [
            FieldPanel("profile", read_only=True),
            FieldPanel("platform", read_only=True),
            FieldPanel("description", read_only=True),
            FieldPanel("reply_email", read_only=True),
            FieldPanel("department", read_only=True),
            FieldPanel("imitated_promeneur", read_only=True),
            FieldPanel("reported_promeneur", read_only=True),
            FieldPanel("created_at", read_only=True),
            FieldPanel("status"),
            FieldPanel("coordination_comment"),
        ]
    )

    def get_permissions_to_register(self):
        # Access follows the roles (reports.permissions), not Django permissions a group editor could tick.
        from django.contrib.auth.models import Permission

        return Permission.objects.none()


# Vérifications ---------------------------------------------------------------------------------------------

WEEKS = 12


class VerificationFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        label=_("Site"),
        queryset=Department.objects.none(),
        null_label=_("Site national"),
        empty_label=_("Tous les sites"),
    )

    class Meta:
        model = VerificationCount
        fields = []

    def __init__(self, *args, departments=None, national=False, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.filters["department"]
        field.queryset = departments if departments is not None else Department.objects.none()
        if not national:
            field.extra["null_label"] = None
            field.null_label = None


def _sum(outcome):
    return Sum("count", filter=Q(outcome=outcome), default=0)


class VerificationsReportView(ReportView):
    """Per week, the last 12 weeks: how many verifications a site answered, how many "non" and how many
    look-alikes. Each coordination its own département; the Cnaf and administrators every site."""

    page_title = _("Vérifications")
    header_icon = "tick"
    index_url_name = "reports_verifications"
    index_results_url_name = "reports_verifications_results"
    filterset_class = VerificationFilterSet
    paginate_by = WEEKS
    columns = [
        DateColumn("week", label=_("Semaine du")),
        NumberColumn("total", label=_("Vérifications")),
        NumberColumn("yes", label=_("Oui")),
        NumberColumn("no", label=_("Non")),
        NumberColumn("look_alike", label=_("Ressemblances")),
        NumberColumn("not_recognised", label=_("Non reconnus")),
    ]
    list_export = ["week", "total", "yes", "no", "look_alike", "not_recognised"]
    export_headings = {
        "week": _("Semaine du"),
        "total": _("Vérifications"),
        "yes": _("Oui"),
        "no": _("Non"),
        "look_alike": _("Ressemblances"),
        "not_recognised": _("Non reconnus"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not verification_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def reads_all(self) -> bool:
        user = self.request.user
        return user.is_superuser or user.has_perm("accounts.view_network")

    def get_filterset_kwargs(self):
        if self.reads_all:
            departments = departments_with_a_coordination()
        else:
            departments = Department.objects.filter(
                pk__in=verification_policy._department_ids(self.request.user)
            ).order_by("sort_key")
        return super().get_filterset_kwargs() | {"departments": departments, "national": self.reads_all}

    def weeks(self) -> list[datetime.date]:
        this_week = week_start(timezone.localdate())
        return [this_week - datetime.timedelta(weeks=n) for n in range(WEEKS)]

    def get_base_queryset(self):
        weeks = self.weeks()
        return verification_policy.instances_user_has_any_permission_for(self.request.user, ["view"]).filter(
            week__gte=weeks[-1]
        )

    def get_filtered_queryset(self):
        counts = (
            self.filter_queryset(self.get_base_queryset())
            .order_by()
            .values("week")
            .annotate(
                total=Sum("count"),
                yes=_sum(VerificationCount.Outcome.YES),
                no=_sum(VerificationCount.Outcome.NO),
                look_alike=_sum(VerificationCount.Outcome.LOOK_ALIKE),
                not_recognised=_sum(VerificationCount.Outcome.NOT_RECOGNISED),
            )
        )
        by_week = {row["week"]: row for row in counts}
        empty = {"total": 0, "yes": 0, "no": 0, "look_alike": 0, "not_recognised": 0}
        return [by_week.get(week, {"week": week, **empty}) for week in self.weeks()]
