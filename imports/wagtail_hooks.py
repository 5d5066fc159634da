from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from imports import views


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("import-annuaire/", views.index, name="imports_index"),
        re_path(r"^import-annuaire/modele\.(?P<fmt>csv|xlsx)$", views.template, name="imports_template"),
        path("import-annuaire/<str:code>/", views.department_view, name="imports_department"),
        path("import-annuaire/<str:code>/importer/", views.confirm, name="imports_confirm"),
        re_path(
            r"^import-annuaire/(?P<code>[0-9A-Za-z]{2,3})/import/(?P<job>[0-9a-f]{32})/$",
            views.status,
            name="imports_status",
        ),
        re_path(
            r"^import-annuaire/(?P<code>[0-9A-Za-z]{2,3})/export\.(?P<fmt>csv|xlsx)$",
            views.export,
            name="imports_export",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        # Coordinations (for their département) and superusers only.
        return views.departments_for(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import et export"), reverse("imports_index"), name="imports", icon_name="download", order=350
    )
