from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import MenuItem

from search.reports import NoResultSearchesReportView


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path(
            "reports/recherches-sans-resultat/",
            NoResultSearchesReportView.as_view(),
            name="search_no_results",
        ),
        path(
            "reports/recherches-sans-resultat/results/",
            NoResultSearchesReportView.as_view(results_only=True),
            name="search_no_results_results",
        ),
    ]


class PageEditorsMenuItem(MenuItem):
    """Shown to whoever edits pages somewhere: the report itself narrows to the sites they edit."""

    def is_shown(self, request):
        return user_has_any_page_permission(request.user)


@hooks.register("register_reports_menu_item")
def register_no_result_searches_menu_item():
    return PageEditorsMenuItem(
        _("Recherches sans résultat"),
        reverse("search_no_results"),
        name="recherches-sans-resultat",
        icon_name="search",
        order=1310,
    )
