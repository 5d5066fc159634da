"""Two small read-only listings the dashboard's counts link to, when no existing listing can be filtered
that way: the structures (convention ending or ended, no active promeneur) and the incomplete promeneur
cards. Both are Wagtail ReportViews scoped by construction to the départements the user may read."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from dashboard import figures
from dashboard.scope import visible_departments
from departments.models import Department
from directory.models import PromeneurPage, StructurePage

ENDING, ENDED = "bientot", "terminee"


class DepartmentScopedFilterSet(WagtailFilterSet):
    departement = django_filters.ModelChoiceFilter(
        label=_("Département"),
        queryset=Department.objects.none(),
        field_name="department",
        empty_label=_("Tous"),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None:
            self.filters["departement"].queryset = visible_departments(request.user)


class StructuresFilterSet(DepartmentScopedFilterSet):
    convention = django_filters.ChoiceFilter(
        label=_("Convention avec la Caf"),
        choices=[(ENDING, _("Se termine dans les 60 jours")), (ENDED, _("Terminée"))],
        method="filter_convention",
        empty_label=_("Toutes"),
    )
    sans_promeneur_actif = django_filters.BooleanFilter(
        label=_("Sans promeneur actif"),
        method="filter_without_active",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = StructurePage
        fields = []

    def filter_convention(self, queryset, name, value):
        if value == ENDING:
            return figures.conventions_ending(queryset)
        if value == ENDED:
            return figures.conventions_ended(queryset)
        return queryset

    def filter_without_active(self, queryset, name, value):
        if value:
            return figures.without_active_promeneur(queryset)
        return queryset


def _missing_choices():
    from directory.models import completeness_items

    return [(key, label) for key, (label, _condition) in completeness_items().items()]


class IncompleteFilterSet(DepartmentScopedFilterSet):
    manque = django_filters.ChoiceFilter(
        label=_("Ce qui manque"), choices=_missing_choices, method="filter_missing", empty_label=_("Tout")
    )

    class Meta:
        model = PromeneurPage
        fields = []

    def filter_missing(self, queryset, name, value):
        condition = figures.missing_conditions().get(value)
        return queryset.filter(condition) if condition is not None else queryset


class ScopedReportView(ReportView):
    paginate_by = 50
    results_template_name = "dashboard/listing_results.html"

    def dispatch(self, request, *args, **kwargs):
        if not visible_departments(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def department_ids(self):
        return list(visible_departments(self.request.user).values_list("pk", flat=True))


class ConventionColumn(Column):
    """The end date as a date (Wagtail's DateColumn shows "il y a…", meant for past timestamps)."""

    def get_value(self, instance):
        if instance.convention_end is None:
            return _("Sans date de fin")
        return date_format(instance.convention_end, "SHORT_DATE_FORMAT")


class StructuresReportView(ScopedReportView):
    page_title = _("Structures à suivre")
    header_icon = "home"
    index_url_name = "dashboard:structures"
    index_results_url_name = "dashboard:structures_results"
    filterset_class = StructuresFilterSet
    list_export = ["title", "department", "convention_end"]
    export_headings = {
        "title": _("Structure"),
        "department": _("Département"),
        "convention_end": _("Fin de la convention"),
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Structure"), url_name="wagtailadmin_pages:edit"),
            Column("department", label=_("Département")),
            ConventionColumn("convention_end", label=_("Fin de la convention")),
        ]

    def get_queryset(self):
        return (
            figures.structures_of(self.department_ids)
            .select_related("department")
            .order_by("department__sort_key", "convention_end", "title")
        )


class MissingColumn(Column):
    def get_value(self, instance):
        labels = dict(_missing_choices())
        return ", ".join(str(labels[name]) for name in getattr(instance, "_missing", []))


class IncompletePromeneursReportView(ScopedReportView):
    page_title = _("Fiches incomplètes")
    header_icon = "user"
    index_url_name = "dashboard:incomplete"
    index_results_url_name = "dashboard:incomplete_results"
    filterset_class = IncompleteFilterSet
    list_export = ["title", "structure", "department"]
    export_headings = {"title": _("Fiche"), "structure": _("Structure"), "department": _("Département")}

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label=_("Fiche"), url_name="wagtailadmin_pages:edit"),
            Column("structure", label=_("Structure")),
            Column("department", label=_("Département")),
            MissingColumn("missing", label=_("Ce qui manque")),
        ]

    def get_queryset(self):
        from django.db.models import BooleanField, ExpressionWrapper

        annotations = {
            f"_missing_{name}": ExpressionWrapper(condition, output_field=BooleanField())
            for name, condition in figures.missing_conditions().items()
        }
        return (
            figures.incomplete_promeneurs(self.department_ids)
            .select_related("structure", "department")
            .annotate(**annotations)
            .order_by("department__sort_key", "structure__title", "first_name")
        )

    def decorate_paginated_queryset(self, object_list):
        for promeneur in object_list:
            promeneur._missing = [
                name for name in figures.missing_conditions() if getattr(promeneur, f"_missing_{name}")
            ]
        return object_list
