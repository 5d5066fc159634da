from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from reports.admin_views import (
    ProfileReportViewSet,
    VerificationsReportView,
    report_policy,
    verification_policy,
)
from reports.models import ProfileReport

# Before the viewset is registered, so that it and every generic view use this policy.
register_permission_policy(ProfileReport, report_policy, exact_class=True)


@hooks.register("register_admin_viewset")
def register_profile_report_viewset():
    return ProfileReportViewSet()


@hooks.register("register_admin_urls")
def register_verification_report_urls():
    return [
        path("reports/verifications/", VerificationsReportView.as_view(), name="reports_verifications"),
        path(
            "reports/verifications/results/",
            VerificationsReportView.as_view(results_only=True),
            name="reports_verifications_results",
        ),
    ]


class VerificationsMenuItem(MenuItem):
    def is_shown(self, request):
        return verification_policy.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_verifications_menu_item():
    return VerificationsMenuItem(
        _("Vérifications"),
        reverse("reports_verifications"),
        name="verifications",
        icon_name="tick",
        order=1320,
    )
