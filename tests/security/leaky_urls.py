"""A URL configuration with one planted surface that ignores the exposure rule: the site's own routes plus
/fuite/, which lists every live promeneur page (candidats and suspended ones included). Used by
test_exposure.py to show that its checks catch such a surface (ROOT_URLCONF overridden)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns
from directory.models import PromeneurPage


def leaky_listing(request):
    rows = PromeneurPage.objects.live().order_by("path")
    return HttpResponse(
        "\n".join(f"{row.first_name} {row.last_name} {row.url}" for row in rows),
        content_type="text/plain; charset=utf-8",
    )


urlpatterns = [path("fuite/", leaky_listing, name="fuite"), *site_urlpatterns]
