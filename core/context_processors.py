from django.conf import settings

from core.sections import section_for_request


def site_context(request):
    """Default section (the requested site's) for views outside the page tree; pages override it."""

    def lazy_section():
        if not hasattr(request, "_pdn_section"):
            request._pdn_section = section_for_request(request)
        return request._pdn_section

    return {"section": lazy_section, "annuaire_map_tile_url": settings.ANNUAIRE_MAP_TILE_URL}
