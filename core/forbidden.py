"""A real 403 in the admin. Wagtail's admin turns PermissionDenied into a redirect to its dashboard with a
message, so a refused forged request would look like a success to a script and tell a person nothing:
the project's own admin views answer 403 with a page that says what was refused."""

import functools

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _


def forbidden(request, message: str, back_url: str | None = None, back_label: str | None = None):
    return TemplateResponse(
        request,
        "core/forbidden.html",
        {
            "header_title": _("Accès refusé"),
            "message": message,
            "back_url": back_url or reverse("wagtailadmin_home"),
            "back_label": back_label or _("Retour au tableau de bord"),
        },
        status=403,
    )


def answers_403(message, *, refused=(PermissionDenied,), back_url_name=None, back_label=None):
    """Decorate a view (function, or a class-based view's ``dispatch``): one of ``refused`` raised inside it
    answers ``forbidden(message)``. ``message`` and ``back_label`` may be lazy."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            try:
                return view(*args, **kwargs)
            except refused:
                request = next(arg for arg in args if hasattr(arg, "META"))
                back_url = reverse(back_url_name) if back_url_name else None
                return forbidden(request, str(message), back_url, str(back_label) if back_label else None)

        return wrapped

    return decorate
