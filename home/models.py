from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import ContentStreamBlock
from core.models import BasePage, SectionHome
from news.models import SectionNewsMixin


class NationalHomePage(SectionHome, SectionNewsMixin, BasePage):
    """Root of the national site (run for the Cnaf)."""

    intro = models.TextField(_("accroche"), blank=True, max_length=400)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("contenu"))
    show_network_figures = models.BooleanField(
        _("afficher « le réseau en chiffres »"),
        default=True,
        help_text=_(
            "Promeneurs, structures, réseaux sociaux couverts et personnes touchées ces douze derniers mois, en totaux."
        ),
    )

    parent_page_types = ["wagtailcore.Page"]
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("show_network_figures"),
    ]
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
    meta_description_fields = ("body",)
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
