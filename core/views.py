from collections import defaultdict

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from core import i18n, visibility
from core.sections import section_for_request


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /recherche/",
        f"Sitemap: {request.scheme}://{request.get_host()}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def public_pages():
    """Live, public pages that the sitemap may list: promeneur pages only when publicly listed (a candidat's
    or a suspended promeneur's page is live but answers 404; the sitemap must not reveal that it exists)."""
    return visibility.shown_publicly(Page.objects.live().public())


class LocalizedSitemap(Sitemap):
    """Wagtail's sitemap walks the site root's tree only, i.e. the French one: add the trees of the root's
    live translations (/en/…) and link each page to its other languages (hreflang alternates)."""

    def items(self):
        roots = i18n.live_versions(self.get_wagtail_site().root_page).values()
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return public_pages().filter(in_a_tree).order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        alternates = self._alternates()
        for url_info in urls:
            url_info["alternates"] = alternates.get(url_info["location"], [])
        return urls

    def _alternates(self) -> dict[str, list[dict]]:
        """Full URL of a page -> its versions, for pages that exist in several languages. Two queries
        whatever the size of the site: only translated pages are fetched."""
        pages = public_pages()
        translated_keys = pages.values("translation_key").annotate(n=Count("pk")).filter(n__gt=1)
        versions = defaultdict(list)
        translated = pages.filter(translation_key__in=translated_keys.values("translation_key"))
        for page in translated.select_related("locale"):
            versions[page.translation_key].append(page)
        alternates = {}
        for group in versions.values():
            links = [
                {"lang_code": page.locale.language_code, "location": page.get_full_url(self.request)}
                for page in group
            ]
            default = next((link for link in links if link["lang_code"] == i18n.default_language()), None)
            if default:
                links.append({"lang_code": "x-default", "location": default["location"]})
            alternates.update({link["location"]: links for link in links if link["lang_code"] != "x-default"})
        return alternates


#: Every Sitemap class of sitemap.xml (tests/security/test_exposure.py checks each of them).
SITEMAPS = {"wagtail": LocalizedSitemap}


def sitemap(request):
    return wagtail_sitemap(request, sitemaps=SITEMAPS)


def page_not_found(request, exception=None):
    context = {"section": section_for_request(request)}
    # An untranslated /en/… page: point to the French page when there is one.
    if translation.get_language() != i18n.default_language():
        context["default_language_url"] = i18n.counterpart_url(request, i18n.default_language())
    return render(request, "404.html", context, status=404)


def server_error(request):
    # No database access here: the error may come from the database itself.
    return render(request, "500.html", {}, status=500)
