"""Structures: the employers that mandate promeneurs, under a convention with the Caf."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import BasePage
from directory.models.forms import DirectoryPageForm


class StructureType(models.TextChoices):
    SOCIAL_CENTRE = "centre-social", _("Centre social")
    YOUTH_CENTRE = "mjc", _("MJC, maison ou foyer de jeunes")
    MISSION_LOCALE = "mission-locale", _("Mission locale")
    INFORMATION_JEUNESSE = "information-jeunesse", _("Information Jeunesse (BIJ, PIJ)")
    PAEJ = "paej", _("Point accueil écoute jeunes (PAEJ)")
    MAISON_ADOS = "maison-des-adolescents", _("Maison des adolescents")
    FJT = "fjt", _("Foyer de jeunes travailleurs (FJT)")
    EVS = "espace-de-vie-sociale", _("Espace de vie sociale")
    LAEP = "laep", _("Lieu d'accueil enfants-parents (LAEP)")
    CLAS = "clas", _("Accompagnement à la scolarité (CLAS)")
    PREVENTION = "prevention-specialisee", _("Prévention spécialisée")
    YOUTH_SERVICE = "service-jeunesse", _("Service jeunesse municipal ou intercommunal")
    SCHOOL = "etablissement-scolaire", _("Établissement scolaire")
    MECS = "mecs", _("Maison d'enfants à caractère social (MECS)")
    FEDERATION = "education-populaire", _("Fédération d'éducation populaire")
    ASSOCIATION = "association", _("Association locale")
    OTHER = "autre", _("Autre")


class InterventionField(models.Model):
    """Fields of intervention of a structure (the list of the application forms), loaded by migration."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("nom"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("champ d'intervention")
        verbose_name_plural = _("champs d'intervention")

    def __str__(self):
        return self.name


def convention_in_force(on: datetime.date | None = None, through: str = "") -> models.Q:
    """The one rule of a convention with the Caf in force on ``on`` (default: today): no end date, or an end on
    or after that day. ``through``: the path to the structure from the model filtered ("structure__")."""
    on = on or timezone.localdate()
    return models.Q(**{f"{through}convention_end__isnull": True}) | models.Q(
        **{f"{through}convention_end__gte": on}
    )


class StructureQuerySet(PageQuerySet):
    def under_convention(self, on: datetime.date | None = None):
        """Structures whose convention is in force: one that ended has left the network, with its promeneurs."""
        return self.filter(convention_in_force(on))


StructureManager = PageManager.from_queryset(StructureQuerySet)


class StructurePage(BasePage):
    """An employer structure that mandates promeneurs (social centre, youth centre, mission locale…)."""

    structure_type = models.CharField(_("type de structure"), max_length=40, choices=StructureType.choices)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    commune = models.ForeignKey(
        "geo.Commune",
        on_delete=models.PROTECT,
        related_name="structures",
        verbose_name=_("commune"),
        help_text=_("Tapez le nom de la commune ou son code postal."),
    )
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour utiliser la position de la commune."),
    )
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    website = models.URLField(_("site web"), blank=True)
    facebook_url = models.URLField(_("page Facebook"), blank=True)
    instagram_url = models.URLField(_("compte Instagram"), blank=True)
    intervention_fields = ParentalManyToManyField(
        InterventionField, blank=True, related_name="structures", verbose_name=_("champs d'intervention")
    )
    presentation = models.TextField(_("présentation"), blank=True, max_length=2000)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo ou photo"),
    )
    convention_start = models.DateField(_("début de la convention avec la Caf"), null=True, blank=True)
    convention_end = models.DateField(
        _("fin de la convention avec la Caf"),
        null=True,
        blank=True,
        help_text=_(
            "Jamais reconduite tacitement : à cette date, ses promeneurs quittent l'annuaire public."
        ),
    )
    charter_signed_on = models.DateField(_("date de signature de la charte"), null=True, blank=True)
    # Denormalised from the tree (set on save and on move) so the annuaire filters without joins on paths.
    department = models.ForeignKey(
        "departments.Department",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="structures",
    )

    objects = StructureManager()

    parent_page_types = ["directory.AnnuairePage"]
    subpage_types = ["directory.PromeneurPage"]
    base_form_class = DirectoryPageForm
    # wagtail-localize: a structure's data stays as entered in every language (never translated).
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField(name, overridable=False)
        for name in ("title", "address", "postcode", "phone", "presentation")
    ]

    content_panels = [
        TitleFieldPanel("title", heading=_("Nom de la structure"), placeholder=False),
        FieldPanel("structure_type"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("commune"), FieldPanel("postcode")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adresse"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("intervention_fields", widget=forms.CheckboxSelectMultiple),
        FieldPanel("presentation"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("convention_start"), FieldPanel("convention_end")]),
                FieldPanel("charter_signed_on"),
            ],
            heading=_("Convention et charte"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("presentation"),
        index.AutocompleteField("title"),
        index.RelatedFields("commune", [index.SearchField("name"), index.SearchField("postcodes")]),
        index.SearchField("get_structure_type_display"),
        index.RelatedFields("intervention_fields", [index.SearchField("name")]),
        index.FilterField("department_id"),
        index.FilterField("structure_type"),
    ]

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        # "Près de": structures inside a bounding box, found without reading all of them.
        indexes = [models.Index(fields=["latitude", "longitude"], name="structure_position")]

    @classmethod
    def can_create_at(cls, parent):
        # Structures belong to a département's annuaire, never to the national one (which rolls them up).
        from departments.models import DepartmentHomePage

        grand_parent = parent.get_parent() if parent.pk else None
        return (
            super().can_create_at(parent)
            and grand_parent is not None
            and isinstance(grand_parent.specific, DepartmentHomePage)
        )

    def clean(self):
        super().clean()
        if self.commune_id and self.postcode and self.postcode not in self.commune.postcode_list:
            raise ValidationError(
                {
                    "postcode": _("Ce code postal ne correspond pas à la commune choisie (%(codes)s).")
                    % {"codes": ", ".join(self.commune.postcode_list)}
                }
            )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Indiquez la latitude et la longitude, ou aucune des deux.")}
            )
        if self.convention_start and self.convention_end and self.convention_end < self.convention_start:
            raise ValidationError({"convention_end": _("La fin de la convention précède son début.")})

    def save(self, *args, **kwargs):
        if self.commune_id and not self.postcode:
            self.postcode = self.commune.main_postcode
        self.department = self._department_from_tree()
        commune_changed = (
            self.pk is not None
            and StructurePage.objects.filter(pk=self.pk).exclude(commune_id=self.commune_id).exists()
        )
        super().save(*args, **kwargs)
        if commune_changed:
            self.refresh_promeneur_sort_keys()

    def refresh_promeneur_sort_keys(self):
        from directory.models.promeneurs import PromeneurPage, annuaire_sort_key

        promeneurs = list(PromeneurPage.objects.filter(structure=self).only("pk", "first_name"))
        for promeneur in promeneurs:
            promeneur.sort_key = annuaire_sort_key(self, promeneur.first_name)
        PromeneurPage.objects.bulk_update(promeneurs, ["sort_key"])

    def _department_from_tree(self):
        from departments.models import DepartmentHomePage

        parent = self.get_parent() if self.pk or self.path else None
        if parent is None:
            return self.department
        home = DepartmentHomePage.objects.ancestor_of(parent, inclusive=True).first()
        return home.department if home else None

    @property
    def position(self) -> tuple[float, float] | None:
        """Coordinates: the ones typed in, else the commune's."""
        if self.latitude is not None and self.longitude is not None:
            return self.latitude, self.longitude
        if self.commune_id and self.commune.latitude is not None:
            return self.commune.latitude, self.commune.longitude
        return None

    def convention_active(self, on: datetime.date | None = None) -> bool:
        # convention_in_force(), read on this instance without a query.
        on = on or timezone.localdate()
        return self.convention_end is None or self.convention_end >= on

    def listed_promeneurs(self):
        from directory.models.promeneurs import PromeneurPage

        return PromeneurPage.objects.publicly_listed().child_of(self)

    def get_context(self, request, *args, **kwargs):
        from directory.pages import structure_context

        context = super().get_context(request, *args, **kwargs)
        context.update(structure_context(self, request))
        return context
