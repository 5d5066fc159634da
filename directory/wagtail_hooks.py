"""Admin side of the annuaire: the "Promeneurs" listing (filters, charte completeness, status actions),
the status buttons on promeneur pages, the audit log actions. The status logic and the completeness panel
are in directory/admin_views.py, directory/status.py and directory/panels.py."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, TitleColumn, UpdatedAtColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

import directory.live_link  # noqa: F401 (registers the hooks of the live links)
from directory import access, admin_views, panels
from directory import status as status_changes

# The "Promeneurs" listing ------------------------------------------------------------------------------------


def _structure_choices(request):
    from directory.models import StructurePage

    if request is None:
        return StructurePage.objects.none()
    structures = StructurePage.objects.all()
    if not request.user.is_superuser:
        editable = PagePermissionPolicy().instances_user_has_permission_for(request.user, "change")
        structures = structures.filter(pk__in=editable.values("pk"))
    return structures.order_by("title")


def _mission_choices(request=None):
    from directory.models import MissionTag

    return MissionTag.objects.order_by("name")


def _status_choices():
    from directory.models import PromeneurStatus

    return PromeneurStatus.choices


class PromeneursFilterSet(WagtailFilterSet):
    mission = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Mission"),
        queryset=_mission_choices,
        field_name="tagged_missions__tag",
        empty_label=gettext_lazy("Toutes"),
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Statut"), choices=_status_choices, empty_label=gettext_lazy("Tous")
    )
    structure = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Structure"),
        queryset=_structure_choices,
        field_name="structure",
        empty_label=gettext_lazy("Toutes"),
    )
    completeness = django_filters.ChoiceFilter(
        label=gettext_lazy("Complétude (charte)"),
        choices=[
            ("complete", gettext_lazy("Fiches complètes")),
            ("incomplete", gettext_lazy("Fiches incomplètes")),
        ],
        method="filter_completeness",
        empty_label=gettext_lazy("Toutes"),
    )

    class Meta:
        model = Page
        fields = []

    def filter_completeness(self, queryset, name, value):
        from directory.models import complete_card

        complete = complete_card()
        if value == "complete":
            return queryset.filter(complete)
        if value == "incomplete":
            return queryset.exclude(complete)
        return queryset


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class CompletenessColumn(Column):
    def get_value(self, instance):
        return panels.completeness_html(instance)


class StatusActionsColumn(Column):
    cell_template_name = "directory/admin/status_actions_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        specs = status_changes._status_actions()
        context["actions"] = (
            [
                {
                    "url": reverse("directory_admin:promeneur_status", args=[instance.pk, name])
                    + "?next="
                    + reverse("directory_admin:promeneurs"),
                    "label": specs[name]["label"],
                }
                for name in status_changes.available_status_actions(request.user, instance)
            ]
            if request
            else []
        )
        context["page"] = instance
        return context


class PromeneursReportView(ReportView):
    page_title = gettext_lazy("Promeneurs")
    header_icon = "user"
    index_url_name = "directory_admin:promeneurs"
    index_results_url_name = "directory_admin:promeneurs_results"
    filterset_class = PromeneursFilterSet
    paginate_by = 50
    list_export = ["first_name", "title", "structure", "department", "status", "live"]

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=gettext_lazy("Fiche"),
                url_name="wagtailadmin_pages:edit",
            ),
            Column("structure", label=gettext_lazy("Structure")),
            Column("department", label=gettext_lazy("Département"), accessor="department.code"),
            StatusColumn("status", label=gettext_lazy("Statut")),
            LiveStatusTagColumn(label=gettext_lazy("Publication")),
            CompletenessColumn("completeness", label=gettext_lazy("Complétude (charte)")),
            UpdatedAtColumn(),
            StatusActionsColumn("actions", label=gettext_lazy("Actions")),
        ]

    @cached_property
    def header_buttons(self):
        user = self.request.user
        buttons = []
        if admin_views.add_parents(user, "promeneur"):
            buttons.append(
                HeaderButton(
                    _("Ajouter un promeneur"),
                    reverse("directory_admin:add_child", args=["promeneur"]),
                    icon_name="plus",
                    priority=10,
                )
            )
        if admin_views.add_parents(user, "structure"):
            buttons.append(
                HeaderButton(
                    _("Ajouter une structure"),
                    reverse("directory_admin:add_child", args=["structure"]),
                    icon_name="plus",
                    priority=20,
                )
            )
        return buttons

    def dispatch(self, request, *args, **kwargs):
        if not access.user_sees_promeneurs(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            admin_views.editable_promeneurs(self.request.user)
            .select_related("structure", "department", "photo", "structure__logo")
            .annotate(_updated_at=F("latest_revision_created_at"))
            .with_completeness()  # the completeness column, without a query per row
            .order_by("department__sort_key", "structure__title", "first_name")
            .distinct()
        )


_ICONS = {
    status_changes.SUSPEND: "warning",
    status_changes.REACTIVATE: "rotate",
    status_changes.WITHDRAW: "cross",
}


@hooks.register("register_admin_urls")
def register_directory_admin_urls():
    urls = [
        path("promeneurs/", PromeneursReportView.as_view(), name="promeneurs"),
        path(
            "promeneurs/resultats/",
            PromeneursReportView.as_view(results_only=True),
            name="promeneurs_results",
        ),
        path("ajouter/<slug:kind>/", admin_views.add_child_view, name="add_child"),
        path(
            "promeneurs/<int:page_id>/statut/<slug:action>/",
            status_changes.promeneur_status_view,
            name="promeneur_status",
        ),
    ]
    return [path("annuaire/", include((urls, "directory_admin"), namespace="directory_admin"))]


class PromeneursMenuItem(MenuItem):
    def is_shown(self, request):
        return access.user_sees_promeneurs(request.user)


@hooks.register("register_admin_menu_item")
def register_promeneurs_menu_item():
    return PromeneursMenuItem(
        gettext_lazy("Promeneurs"),
        reverse("directory_admin:promeneurs"),
        icon_name="user",
        name="promeneurs",
        order=150,
    )


def _status_buttons(page, user, next_url=None, priority=80):
    from directory.models import PromeneurPage

    specific = page.specific_deferred if type(page) is not PromeneurPage else page
    if not isinstance(specific, PromeneurPage):
        return
    specs = status_changes._status_actions()
    for offset, action in enumerate(status_changes.available_status_actions(user, specific)):
        url = reverse("directory_admin:promeneur_status", args=[page.pk, action])
        if next_url:
            url += "?next=" + next_url
        yield Button(specs[action]["label"], url, icon_name=_ICONS[action], priority=priority + offset)


@hooks.register("register_page_header_buttons")
def promeneur_status_header_buttons(page, user, view_name=None, next_url=None):
    yield from _status_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def promeneur_status_listing_buttons(page, user, next_url=None):
    yield from _status_buttons(page, user, next_url=next_url)


class _StatusLogFormatter(LogFormatter):
    done = ""

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason")
        if reason:
            return _("%(done)s – motif : %(reason)s") % {"done": self.done, "reason": reason}
        return str(self.done)


@hooks.register("register_log_actions")
def register_directory_log_actions(actions):
    @actions.register_action("directory.suspend")
    class SuspendFormatter(_StatusLogFormatter):
        label = gettext_lazy("Suspension du promeneur")
        done = gettext_lazy("Promeneur suspendu")

    @actions.register_action("directory.reactivate")
    class ReactivateFormatter(_StatusLogFormatter):
        label = gettext_lazy("Réactivation du promeneur")
        done = gettext_lazy("Promeneur réactivé")

    @actions.register_action("directory.withdraw")
    class WithdrawFormatter(_StatusLogFormatter):
        label = gettext_lazy("Retrait du promeneur")
        done = gettext_lazy("Promeneur retiré du réseau")


# Published but not public: say so, and why, after every save -------------------------------------------------


def _warn_if_not_public(request, page):
    from directory.models import PromeneurPage

    if page.specific_class is not PromeneurPage:
        return
    message = panels.not_public_message(page)
    if message:
        messages.warning(request, message)


@hooks.register("after_create_page")
def warn_new_promeneur_not_public(request, page):
    _warn_if_not_public(request, page)


@hooks.register("after_edit_page")
def warn_edited_promeneur_not_public(request, page):
    _warn_if_not_public(request, page)


@hooks.register("insert_global_admin_css")
def directory_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("directory/admin.css"))
