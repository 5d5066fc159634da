import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import ContentStreamBlock
from home.sections import section_for_page


class BasePage(Page):
    """Common behaviour of every public page: it knows the section (national site or département) it
    belongs to, whichever site serves it, so header, footer and coordination contact follow the page."""

    # wagtail-localize: a translation keeps the French slug (/en/annuaire/ answers /annuaire/), so the same
    # path leads to the other language; a translator may still override it. Other fields follow
    # wagtail-localize's defaults: texts (title, intro, body…) translated, choices, links, images and dates
    # synchronised.
    override_translatable_fields = [SynchronizedField("slug")]

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


class SectionHomeMixin:
    """Shared by the national and departmental homes: the latest news of the section."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index = context["section"].news_index
        context["latest_news"] = list(news_index.specific.articles()[:3]) if news_index else []
        return context


class NationalHomePage(SectionHomeMixin, BasePage):
    """Root of the national site (run for the Cnaf)."""

    intro = models.TextField(_("accroche"), blank=True, max_length=400)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("contenu"))

    parent_page_types = ["wagtailcore.Page"]
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("accueil national")
        verbose_name_plural = _("accueils nationaux")


class ContentPage(BasePage):
    """A free content page (the network, becoming a promeneur, resources…), national or departmental."""

    intro = models.TextField(_("chapô"), blank=True, max_length=500)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("contenu"))

    parent_page_types = ["home.NationalHomePage", "departments.DepartmentHomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")

    @property
    def summary(self):
        return self.intro or self.search_description


class LegalPage(BasePage):
    """Mentions légales, accessibility statement, personal data: one national text, reused by every
    département, which can only add a local complement (its publisher, its contact)."""

    class Kind(models.TextChoices):
        LEGAL_NOTICE = "mentions-legales", _("Mentions légales")
        ACCESSIBILITY = "accessibilite", _("Déclaration d'accessibilité")
        PERSONAL_DATA = "donnees-personnelles", _("Données personnelles")

    kind = models.CharField(_("type de texte"), max_length=30, choices=Kind.choices)
    body = RichTextField(
        _("texte"),
        blank=True,
        help_text=_(
            "Sur un site départemental, ce texte complète le texte national, qui s'affiche toujours."
        ),
    )

    parent_page_types = ["home.NationalHomePage", "departments.DepartmentHomePage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [FieldPanel("kind"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = _("texte légal")
        verbose_name_plural = _("textes légaux")

    def national_text(self):
        """The national page of the same kind, in the same language (None on the national site itself)."""
        if isinstance(self.get_parent().specific, NationalHomePage):
            return None
        return (
            LegalPage.objects.live()
            .filter(kind=self.kind, locale=self.locale, depth=3)
            .exclude(pk=self.pk)
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["national_text"] = self.national_text()
        return context


class PageTreeVersion(models.Model):
    """A single row whose token changes whenever a page or a view restriction changes (home/navigation.py).

    Every process memoises what it derives from the page tree for every request (a section's menu and legal
    pages) under the current token; reading one row per request is how they all see a change at once. A
    random token rather than a counter, so that a rolled-back transaction can never bring an old value back.
    """

    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("version de l’arborescence")

    def __str__(self):
        return str(self.token)
