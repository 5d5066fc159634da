"""Addresses of the site an object belongs to, for the links of the e-mails (never localhost when the page
belongs to a département with its own domain)."""

from django import template
from django.conf import settings

register = template.Library()


def site_root_url(obj) -> str:
    """Root URL of the object's site: a département page → its own domain; else the admin's base URL."""
    get_site = getattr(obj, "get_site", None)
    site = get_site() if callable(get_site) else None
    if site is not None:
        return site.root_url.rstrip("/")
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


@register.simple_tag
def site_base_url(obj=None):
    return site_root_url(obj)


@register.simple_tag
def public_url(page):
    """The page's public address on its own site (its domain for a département page)."""
    get_url_parts = getattr(page, "get_url_parts", None)
    parts = get_url_parts() if callable(get_url_parts) else None
    if not parts:
        return ""
    _site_id, root_url, page_path = parts
    site = page.get_site()
    if site is not None and not page_path.startswith("http"):
        # Wagtail may answer with the national copy of the path; the page's own site comes first.
        relative = page.url_path[len(site.root_page.url_path) - 1 :]
        return site.root_url.rstrip("/") + relative
    return (root_url or "") + page_path
