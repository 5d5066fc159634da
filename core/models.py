"""The bottom of the page model: what every page type and every section stands on."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from core.sections import SectionHome, section_for_page

__all__ = ["BasePage", "PageTreeVersion", "SectionHome"]


class BasePage(Page):
    """Common behaviour of every public page: it knows the section (national site or département) it
    belongs to, whichever site serves it, so header, footer and coordination contact follow the page."""

    # wagtail-localize: a translation keeps the French slug (/en/annuaire/ answers /annuaire/), so the same
    # path leads to the other language; a translator may still override it. Other fields follow
    # wagtail-localize's defaults: texts (title, intro, body…) translated, choices, links, images and dates
    # synchronised.
    override_translatable_fields = [SynchronizedField("slug")]

    #: Where the meta description comes from when the search description is empty (core/meta.py): the first
    #: of these attributes (field or method) holding text. A page type lists its own summary first.
    meta_description_fields = ("summary", "intro", "presentation")

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        section = section_for_page(self, request)
        context["section"] = section
        # A département page reached under the national site while the département has its own domain:
        # tell search engines which copy is the real one.
        if section.site and section.site.hostname != request.get_host().split(":")[0]:
            site = section.site
            context["canonical_url"] = f"{site.root_url}/{self.url_path[len(site.root_page.url_path) :]}"
        return context


class PageTreeVersion(models.Model):
    """A single row whose token changes whenever a page or a view restriction changes (core/navigation.py).

    Every process memoises what it derives from the page tree for every request (a section's menu and legal
    pages) under the current token; reading one row per request is how they all see a change at once. A
    random token rather than a counter, so that a rolled-back transaction can never bring an old value back.
    """

    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("version de l’arborescence")

    def __str__(self):
        return str(self.token)
