"""Security headers Django does not set itself: Content-Security-Policy (through django-csp) and
Permissions-Policy."""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF
from django.conf import settings


def tile_origin(tile_url: str | None) -> str | None:
    """The origin of a Leaflet tile URL template, with its `{s}` sub-domain as a wildcard."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url)
    host = parts.netloc.replace("{s}.", "*.").replace("{s}", "*")
    return f"{parts.scheme}://{host}" if parts.scheme and host else None


def content_security_policy(tile_url: str | None) -> dict:
    """django-csp's setting. The admin is left out: Wagtail's admin still uses style attributes."""
    images = [SELF, "data:"]
    tiles = tile_origin(tile_url)
    if tiles:
        images.append(tiles)
    return {
        "EXCLUDE_URL_PREFIXES": ["/admin/"],
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": images,
            "font-src": [SELF],
            "connect-src": [SELF],
            # Wagtail embeds (videos on content pages) are iframes of their providers.
            "frame-src": [SELF, "https:"],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [SELF],
        },
    }


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response
