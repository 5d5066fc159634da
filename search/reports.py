"""Admin report "Recherches sans résultat": what visitors searched on a site and did not find, for the
coordinators of that site (they then write the missing page, or promote an existing one)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from search.counting import flush as flush_search_counts
from search.models import SearchQueryLog


def editable_section_homes(user) -> list[Page]:
    """The site homes (national, départements) found in the log whose pages ``user`` may edit: all of them
    for a superuser or the Cnaf, their own département for a coordinator."""
    logged_ids = SearchQueryLog.objects.values("section_home_id").distinct()
    homes = Page.objects.filter(id__in=logged_ids).order_by("path")
    if user.is_superuser:
        return list(homes)
    return [home for home in homes if home.permissions_for_user(user).can_edit()]


class NoResultFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    section_home = django_filters.ModelChoiceFilter(label=_("Site"), queryset=Page.objects.none())

    class Meta:
        model = SearchQueryLog
        fields = []

    def __init__(self, *args, homes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["section_home"].queryset = Page.objects.filter(pk__in=[home.pk for home in homes])


class NoResultSearchesReportView(ReportView):
    page_title = _("Recherches sans résultat")
    header_icon = "search"
    index_url_name = "search_no_results"
    index_results_url_name = "search_no_results_results"
    filterset_class = NoResultFilterSet
    default_ordering = "-searches"
    columns = [
        Column("query_string", label=_("Recherche"), sort_key="query_string"),
        Column("section_home__title", label=_("Site"), sort_key="section_home__title"),
        NumberColumn("searches", label=_("Nombre de recherches"), sort_key="searches"),
        DateColumn("last_day", label=_("Dernière recherche"), sort_key="last_day"),
    ]
    list_export = ["query_string", "section_home__title", "searches", "last_day"]
    export_headings = {
        "query_string": _("Recherche"),
        "section_home__title": _("Site"),
        "searches": _("Nombre de recherches"),
        "last_day": _("Dernière recherche"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not user_has_any_page_permission(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return super().get_filterset_kwargs() | {"homes": self.homes, "queryset": self.get_base_queryset()}

    @property
    def homes(self) -> list[Page]:
        if not hasattr(self, "_homes"):
            self._homes = editable_section_homes(self.request.user)
        return self._homes

    def get_base_queryset(self):
        flush_search_counts()  # this process's latest searches (search/counting.py)
        # One row per (site, query): the days on which the query found nothing, added up.
        return (
            SearchQueryLog.objects.filter(results_count=0, section_home__in=[home.pk for home in self.homes])
            .values("section_home", "section_home__title", "query_string")
            .annotate(searches=Sum("hits"), last_day=Max("day"))
        )
