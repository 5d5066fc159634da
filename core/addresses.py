"""The real address of the site an object belongs to, for the links of e-mails: a département page's own
domain, never localhost when the page has a site of its own. The one builder of e-mail links: invitations,
moderation notices, profile reports."""

from django.conf import settings


def site_root_url(obj=None) -> str:
    """Root URL (no trailing slash) of the object's site; the admin's base URL for an object without one."""
    get_site = getattr(obj, "get_site", None)
    site = get_site() if callable(get_site) else None
    if site is not None:
        return site.root_url.rstrip("/")
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def public_page_url(page) -> str:
    """The page's public address on its own site (a département page: its domain, not the national copy)."""
    site = page.get_site() if hasattr(page, "get_site") else None
    if site is None:
        return ""
    relative = page.url_path[len(site.root_page.url_path) - 1 :]
    return site.root_url.rstrip("/") + relative
