from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from directory import admin_views

_ICONS = {admin_views.SUSPEND: "warning", admin_views.REACTIVATE: "rotate", admin_views.WITHDRAW: "cross"}


@hooks.register("register_admin_urls")
def register_directory_admin_urls():
    urls = [
        path("promeneurs/", admin_views.PromeneursReportView.as_view(), name="promeneurs"),
        path(
            "promeneurs/resultats/",
            admin_views.PromeneursReportView.as_view(results_only=True),
            name="promeneurs_results",
        ),
        path(
            "promeneurs/<int:page_id>/statut/<slug:action>/",
            admin_views.promeneur_status_view,
            name="promeneur_status",
        ),
    ]
    return [path("annuaire/", include((urls, "directory_admin"), namespace="directory_admin"))]


class PromeneursMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.user_sees_promeneurs(request.user)


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
    specs = admin_views._status_actions()
    for offset, action in enumerate(admin_views.available_status_actions(user, specific)):
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
