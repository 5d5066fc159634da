from django.urls import include, path
from wagtail import hooks

from dashboard import panels, views


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, homepage_panels):
    ours = panels.panels_for(request)
    if any(isinstance(panel, panels.CoordinationPanel) for panel in ours):
        # Our list of changes awaiting approval replaces Wagtail's (it opens on the comparison and offers
        # "Approuver et publier" first).
        homepage_panels[:] = [
            panel for panel in homepage_panels if getattr(panel, "name", "") != "workflow_objects_to_moderate"
        ]
    homepage_panels[:0] = ours


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    urls = [
        path("structures/", views.StructuresReportView.as_view(), name="structures"),
        path(
            "structures/resultats/",
            views.StructuresReportView.as_view(results_only=True),
            name="structures_results",
        ),
        path("fiches-incompletes/", views.IncompletePromeneursReportView.as_view(), name="incomplete"),
        path(
            "fiches-incompletes/resultats/",
            views.IncompletePromeneursReportView.as_view(results_only=True),
            name="incomplete_results",
        ),
    ]
    return [path("tableau-de-bord/", include((urls, "dashboard"), namespace="dashboard"))]
