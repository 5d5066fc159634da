from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import ContentStreamBlock
from core.models import BasePage, SectionHome
from core.text import collation_key, french_order
from departments import grammar
from departments.reference import sort_key_for
from news.models import SectionNewsMixin


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["name"]

    def __str__(self):
        return self.name


def _french() -> bool:
    # The articles are French grammar: a sentence translated into English names the département plainly.
    return (get_language() or "fr").split("-")[0] == "fr"


class Department(models.Model):
    """Reference data: the 101 French départements, loaded by a data migration from geo/data."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departments", verbose_name=_("région")
    )
    sort_key = models.CharField(max_length=4, editable=False, db_index=True)
    # How a sentence names it (departments/grammar.py): « le Cher », « dans le Cher », « du Cher ».
    article = models.CharField(
        _("article"),
        max_length=3,
        choices=[
            (grammar.LE, "le"),
            (grammar.LA, "la"),
            (grammar.LES, "les"),
            (grammar.L_APOSTROPHE, "l’"),
            (grammar.NONE, _("aucun")),
        ],
        default=grammar.LE,
        blank=True,
    )
    locative = models.CharField(
        _("préposition de lieu"),
        max_length=4,
        choices=[(grammar.DANS, "dans"), (grammar.EN, "en"), (grammar.A, "à")],
        default=grammar.DANS,
    )

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["sort_key"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    @property
    def with_article(self) -> str:
        """« le Cher », « la Seine-Saint-Denis », « l’Ain », « Paris »."""
        return grammar.with_article(self.name, self.article)

    @property
    def of_name(self) -> str:
        """« du Cher », « de la Seine-Saint-Denis », « des Alpes-de-Haute-Provence », « de Mayotte »; in another
        language than French (a translated sentence), « of Cher »."""
        if not _french():
            return f"of {self.name}"
        return grammar.of_name(self.name, self.article)

    @property
    def in_name(self) -> str:
        """« dans le Cher », « en Seine-Saint-Denis », « à La Réunion »; in another language, « in Cher »."""
        if not _french():
            return f"in {self.name}"
        return grammar.in_name(self.name, self.article, self.locative)

    def save(self, *args, **kwargs):
        # "2A"/"2B" sit between 19 and 21, overseas (971…) after 95.
        self.sort_key = sort_key_for(self.code)
        super().save(*args, **kwargs)


class DepartmentsIndexPage(BasePage):
    """/departements/: the participating départements, grouped by region."""

    intro = models.TextField(_("chapô"), blank=True)

    parent_page_types = ["home.NationalHomePage"]
    subpage_types = ["departments.DepartmentHomePage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("index des départements")
        verbose_name_plural = _("index des départements")

    def french_index(self):
        """The index whose children are the département homes: this one, or for a translation (the English
        national site) its French source, since départements stay French."""
        from wagtail.models import Locale

        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        source = DepartmentsIndexPage.objects.filter(
            translation_key=self.translation_key, locale=default
        ).first()
        return source or self

    def department_homes(self):
        return (
            DepartmentHomePage.objects.child_of(self.french_index())
            .live()
            .public()
            .select_related("department__region")
            .order_by(french_order("department__region__name"), "department__sort_key")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from wagtail.models import Site

        # A département with its own domain is linked there, the others under /departements/<slug>/.
        own_sites = {site.root_page_id: site for site in Site.objects.filter(is_default_site=False)}
        regions: dict = {}
        for home in self.department_homes():
            site = own_sites.get(home.pk)
            home.link = f"{site.root_url}/" if site else home.get_url(request)
            regions.setdefault(home.department.region, []).append(home)
        # Regions in French order whatever the database (« Île-de-France » before « Normandie »).
        context["regions"] = sorted(regions.items(), key=lambda item: collation_key(item[0].name))
        return context


class DepartmentHomePage(SectionHome, SectionNewsMixin, BasePage):
    """Home of a département's site: under /departements/<slug>/ on the national site and, when the
    département has its own domain, the root of its own Wagtail Site."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="home_pages", verbose_name=_("département")
    )
    intro = models.TextField(_("accroche"), blank=True, max_length=400)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("contenu"))

    parent_page_types = ["departments.DepartmentsIndexPage"]
    subpage_types = [
        "home.ContentPage",
        "home.LegalPage",
        "news.NewsIndexPage",
        "directory.AnnuairePage",
        "events.AgendaPage",
        "resources.LibraryPage",
    ]
    show_network_figures = models.BooleanField(
        _("afficher « le réseau en chiffres »"),
        default=False,
        help_text=_(
            "Promeneurs, structures, réseaux sociaux couverts et personnes touchées ces douze derniers mois, en totaux."
        ),
    )
    content_panels = BasePage.content_panels + [
        FieldPanel("department"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("show_network_figures"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.FilterField("department_id"),
    ]

    class Meta:
        verbose_name = _("accueil départemental")
        verbose_name_plural = _("accueils départementaux")

    def clean(self):
        super().clean()
        # One home per département and language (translations share the département).
        others = DepartmentHomePage.objects.filter(department_id=self.department_id, locale_id=self.locale_id)
        if self.department_id and others.exclude(pk=self.pk).exists():
            from django.core.exceptions import ValidationError

            raise ValidationError({"department": _("Ce département a déjà une page d'accueil.")})


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting, ClusterableModel):
    """Per-site identity: name, logo, the département's coordination, social accounts and footer links."""

    site_name = models.CharField(_("nom du site"), max_length=120, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    coordination_structure = models.CharField(_("structure coordinatrice"), max_length=200, blank=True)
    coordinator_name = models.CharField(
        _("nom du coordinateur ou de la coordinatrice"), max_length=120, blank=True
    )
    coordination_email = models.EmailField(_("e-mail de la coordination"), blank=True)
    coordination_phone = models.CharField(_("téléphone de la coordination"), max_length=30, blank=True)
    coordination_address = models.TextField(_("adresse de la coordination"), blank=True)
    facebook_url = models.URLField(_("page Facebook"), blank=True)
    instagram_url = models.URLField(_("compte Instagram"), blank=True)
    linkedin_url = models.URLField(_("page LinkedIn"), blank=True)
    youtube_url = models.URLField(_("chaîne YouTube"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("logo")], heading=_("Identité")),
        MultiFieldPanel(
            [
                FieldPanel("coordination_structure"),
                FieldPanel("coordinator_name"),
                FieldPanel("coordination_email"),
                FieldPanel("coordination_phone"),
                FieldPanel("coordination_address"),
            ],
            heading=_("Coordination départementale"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Réseaux sociaux"),
        ),
        InlinePanel("footer_links", heading=_("Liens du pied de page"), label=_("Lien")),
    ]

    class Meta:
        verbose_name = _("identité du site")

    @property
    def has_coordination(self) -> bool:
        return bool(self.coordination_email or self.coordination_phone)

    @property
    def social_links(self):
        labels = {
            "facebook_url": "Facebook",
            "instagram_url": "Instagram",
            "linkedin_url": "LinkedIn",
            "youtube_url": "YouTube",
        }
        return [(label, getattr(self, field)) for field, label in labels.items() if getattr(self, field)]


class FooterLink(Orderable):
    identity = ParentalKey(SiteIdentity, on_delete=models.CASCADE, related_name="footer_links")
    label = models.CharField(_("libellé"), max_length=80)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    url = models.URLField(_("ou adresse externe"), blank=True)

    panels = [FieldPanel("label"), FieldPanel("page"), FieldPanel("url")]

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.page and not self.url:
            raise ValidationError({"url": _("Choisissez une page ou saisissez une adresse.")})

    @property
    def href(self):
        return self.page.url if self.page else self.url
