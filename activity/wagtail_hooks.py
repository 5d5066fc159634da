from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from activity import scope, views
from core.forbidden import answers_403

refused = answers_403(
    _("Vous n'avez pas accès à ces rapports d'activité ou à cette action."),
    back_label=_("Retour au tableau de bord"),
)


@hooks.register("register_admin_urls")
def register_activity_urls():
    urls = [
        path("", refused(views.index), name="index"),
        path("nouveau/", refused(views.create), name="create"),
        path("<int:pk>/", refused(views.report), name="report"),
        path("cloturer/", refused(views.close_month), name="close_month"),
        path("indicateurs/", refused(views.indicators), name="indicators"),
    ]
    return [path("activite/", include((urls, "activity"), namespace="activity"))]


class ActivityMenuItem(MenuItem):
    def is_shown(self, request):
        return scope.uses_activity(request.user)


@hooks.register("register_admin_menu_item")
def register_activity_menu_item():
    return ActivityMenuItem(_("Activité"), reverse("activity:index"), icon_name="date", order=350)
