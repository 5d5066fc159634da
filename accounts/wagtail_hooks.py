from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from accounts import localize_guard, roles, views

# Admin URLs --------------------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_accounts_admin_urls():
    urls = [
        path("", views.AccountsView.as_view(), name="index"),
        path("inviter/", views.InviteView.as_view(), name="invite"),
        path("<int:user_id>/actif/", views.set_account_active, name="set_active"),
        path("<int:user_id>/renvoyer/", views.resend_invitation, name="resend"),
        path("<int:user_id>/structures/", views.AccountStructuresView.as_view(), name="structures"),
        path("reseau/pages/", views.NetworkPagesView.as_view(), name="network_pages"),
        path(
            "reseau/pages/resultats/",
            views.NetworkPagesView.as_view(results_only=True),
            name="network_pages_results",
        ),
    ]
    return [path("comptes/", include((urls, "accounts_admin"), namespace="accounts_admin"))]


@hooks.register("register_admin_urls", order=-100)
def guard_wagtail_localize_urls():
    """Registered before wagtail-localize's own URLs (same paths), so these guarded views answer first."""
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            localize_guard.submit_page_translation,
            name="pdn_guarded_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            localize_guard.submit_snippet_translation,
            name="pdn_guarded_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            localize_guard.update_translations,
            name="pdn_guarded_update_translations",
        ),
    ]


@hooks.register("register_permissions")
def register_accounts_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="accounts", codename__in=["view_network", "change_promeneur_status"]
    )


# Menus -----------------------------------------------------------------------------------------------------


class CoordinationMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or roles.structures_user_coordinates(request.user).exists()


class NetworkMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("accounts.view_network")


@hooks.register("register_admin_menu_item")
def register_accounts_menu_item():
    return CoordinationMenuItem(
        gettext_lazy("Comptes des structures"),
        reverse("accounts_admin:index"),
        icon_name="group",
        name="comptes-structures",
        order=900,
    )


@hooks.register("register_reports_menu_item")
def register_network_pages_report():
    return NetworkMenuItem(
        gettext_lazy("Pages des départements"),
        reverse("accounts_admin:network_pages"),
        icon_name="site",
        name="pages-departements",
        order=50,
    )


# Audit log -------------------------------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_accounts_log_actions(actions):
    actions.register_action("accounts.invite", gettext_lazy("Invitation"), gettext_lazy("Invitation envoyée"))
    actions.register_action(
        "accounts.activate", gettext_lazy("Activation du compte"), gettext_lazy("Compte activé")
    )
    actions.register_action(
        "accounts.deactivate", gettext_lazy("Désactivation du compte"), gettext_lazy("Compte désactivé")
    )
    actions.register_action(
        "accounts.reactivate", gettext_lazy("Réactivation du compte"), gettext_lazy("Compte réactivé")
    )
    actions.register_action(
        "accounts.change_structures",
        gettext_lazy("Structures gérées modifiées"),
        gettext_lazy("Structures gérées modifiées"),
    )
    actions.register_action(
        "accounts.resend", gettext_lazy("Invitation renvoyée"), gettext_lazy("Invitation renvoyée")
    )


# The skeleton of every site is not for coordinators or the Cnaf to delete, move or unpublish -------------


def is_skeleton_page(page) -> bool:
    """Homes, the départements index, annuaires, news indexes and legal texts: created by
    create_department_site / ensure_national_site; removing them breaks a site (and the annuaire's
    workflow hangs on its AnnuairePage)."""
    from departments.models import DepartmentHomePage, DepartmentsIndexPage
    from directory.models import AnnuairePage
    from home.models import LegalPage, NationalHomePage
    from news.models import NewsIndexPage

    skeleton = (
        NationalHomePage,
        DepartmentsIndexPage,
        DepartmentHomePage,
        AnnuairePage,
        NewsIndexPage,
        LegalPage,
    )
    return issubclass(page.specific_class or type(None), skeleton)


def _refuse(request, page):
    messages.error(
        request,
        _(
            "« %(title)s » fait partie de l'ossature du site : seul un administrateur peut le supprimer, "
            "le déplacer ou le dépublier."
        )
        % {"title": page.get_admin_display_title()},
    )
    parent = page.get_parent()
    return redirect("wagtailadmin_explore", parent.pk if parent else page.pk)


@hooks.register("before_delete_page")
def protect_skeleton_from_deletion(request, page):
    if not request.user.is_superuser and is_skeleton_page(page):
        return _refuse(request, page)


@hooks.register("before_move_page")
def protect_skeleton_from_move(request, page, destination):
    if not request.user.is_superuser and is_skeleton_page(page):
        return _refuse(request, page)


@hooks.register("before_unpublish_page")
def protect_skeleton_from_unpublishing(request, page):
    if not request.user.is_superuser and is_skeleton_page(page):
        return _refuse(request, page)


@hooks.register("before_bulk_action")
def protect_skeleton_from_bulk_actions(request, action_type, objects, action_class_instance):
    if request.user.is_superuser or action_type not in {"delete", "move", "unpublish"}:
        return None
    from wagtail.models import Page

    for page in objects:
        if isinstance(page, Page) and is_skeleton_page(page):
            return _refuse(request, page)
    return None
