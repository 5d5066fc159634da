"""The annuaire: structures (employers) and the promeneurs they mandate, as pages of each département's
tree (Annuaire › Structure › Promeneur), so drafts, revisions, previews, moderation workflows, page
permissions and search indexing all come from Wagtail."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase, TagBase
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import BasePage
from core.text import fold
from directory.panels import CompletenessPanel, VisibilityPanel
from directory.social import (
    PLATFORM_CHOICES,
    PLATFORMS,
    conflicting_handle,
    detect_platform,
    handle_from_url,
    normalise_profile,
    profile_url_from_handle,
    validate_profile_url,
    verification_keys,
)


class DirectoryPageForm(WagtailAdminPageForm):
    """Admin form of the annuaire's pages: a new page may leave its slug empty (Wagtail then makes it from
    the title, as the title field's sync does in the browser), so publishing never fails on a field hidden
    in the Promotion tab."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None and (self.instance is None or not self.instance.pk):
            slug.required = False
            slug.help_text = _("Laissé vide, il est formé à partir du titre.")


class AnnuairePage(BasePage):
    """The annuaire of a département (its promeneurs) or the national one (every département)."""

    intro = models.TextField(_("chapô"), blank=True)

    parent_page_types = ["home.NationalHomePage", "departments.DepartmentHomePage"]
    subpage_types = ["directory.StructurePage"]
    max_count_per_parent = 1
    base_form_class = DirectoryPageForm
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("annuaire")
        verbose_name_plural = _("annuaires")

    def get_context(self, request, *args, **kwargs):
        from directory.pages import annuaire_context

        context = super().get_context(request, *args, **kwargs)
        context.update(annuaire_context(self, request, context["section"]))
        return context


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
        return PromeneurPage.objects.publicly_listed().child_of(self)

    def get_context(self, request, *args, **kwargs):
        from directory.pages import structure_context

        context = super().get_context(request, *args, **kwargs)
        context.update(structure_context(self, request))
        return context


class MissionTag(TagBase):
    """The two missions of the network. Controlled vocabulary: editors choose, they cannot invent."""

    free_tagging = False

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")


class TaggedMission(ItemBase):
    tag = models.ForeignKey(MissionTag, related_name="tagged_promeneurs", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "directory.PromeneurPage", on_delete=models.CASCADE, related_name="tagged_missions"
    )

    class Meta:
        # The annuaire's filter asks "has this promeneur this tag?" row by row: (promeneur, tag) answers it
        # from the index alone (with two single-column indexes SQLite may walk every row of the tag).
        indexes = [models.Index(fields=["content_object", "tag"], name="taggedmission_promeneur_tag")]


class ThemeTag(TagBase):
    """Themes promeneurs work on; a suggested list is loaded by migration, editors may add others."""

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class TaggedTheme(ItemBase):
    tag = models.ForeignKey(ThemeTag, related_name="tagged_promeneurs", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "directory.PromeneurPage", on_delete=models.CASCADE, related_name="tagged_themes"
    )

    class Meta:
        # The annuaire's filter asks "has this promeneur this tag?" row by row: (promeneur, tag) answers it
        # from the index alone (with two single-column indexes SQLite may walk every row of the tag).
        indexes = [models.Index(fields=["content_object", "tag"], name="taggedtheme_promeneur_tag")]


class PromeneurStatus(models.TextChoices):
    APPLICANT = "candidat", _("Candidat")
    ACTIVE = "actif", _("Actif (labellisé)")
    SUSPENDED = "suspendu", _("Suspendu")
    WITHDRAWN = "retire", _("Retiré")


class PromeneurQuerySet(PageQuerySet):
    def publicly_listed(self, on: datetime.date | None = None):
        """The only promeneurs any public page, API, export or verification may show: live pages, status
        actif, under a live structure whose convention with the Caf has not ended."""
        on = on or timezone.localdate()
        return (
            self.live()
            .public()
            .filter(
                status=PromeneurStatus.ACTIVE,
                structure__live=True,
            )
            .filter(convention_in_force(on, through="structure__"))
        )

    def with_completeness(self):
        """Each item of the charte's minimum as a boolean annotation ``complete_<key>`` (see completeness())."""
        return self.annotate(
            **{
                f"complete_{key}": models.ExpressionWrapper(condition, output_field=models.BooleanField())
                for key, (_label, condition) in completeness_items().items()
            }
        )

    def complete(self):
        """Promeneurs whose card has the charte's whole minimum: the listing, the edit panel and the dashboard
        all count with this."""
        return self.filter(complete_card())

    def incomplete(self, missing: str | None = None):
        """Promeneurs missing an item (``missing``: one key of completeness_items(), else any)."""
        items = completeness_items()
        if missing in items:
            return self.exclude(items[missing][1])
        return self.exclude(complete_card())


PromeneurManager = PageManager.from_queryset(PromeneurQuerySet)


def completeness_items() -> dict[str, tuple[str, models.Q]]:
    """The charte's minimum for a public card, item by item: key (the dashboard's « manque » filter), label,
    and the condition a promeneur meets when the item is there. The one definition of a complete card."""
    return {
        "prenom": (_("Prénom"), ~models.Q(first_name="")),
        "photo": (_("Photo"), models.Q(photo__isnull=False) | models.Q(structure__logo__isnull=False)),
        "structure": (_("Structure"), models.Q(structure__isnull=False)),
        "reseau": (
            _("Au moins un réseau social"),
            models.Q(models.Exists(SocialProfile.objects.filter(promeneur=models.OuterRef("pk")))),
        ),
        "permanence": (
            _("Au moins une permanence"),
            models.Q(models.Exists(Permanence.objects.filter(promeneur=models.OuterRef("pk")))),
        ),
        "charte": (_("Charte signée"), models.Q(charter_signed_on__isnull=False)),
    }


def complete_card() -> models.Q:
    condition = models.Q()
    for _label, item in completeness_items().values():
        condition &= item
    return condition


def annuaire_sort_key(structure, first_name: str) -> str:
    """The annuaire's default order: town, then first name, accent- and case-insensitive."""
    town = structure.commune.name if structure is not None and structure.commune_id else ""
    return f"{fold(town)}|{fold(first_name)}"[:200]


# The suggested themes (loaded by migration 0002), offered as checkboxes; editors may add others, one per line.
SUGGESTED_THEMES = [
    "Santé",
    "Études et formations",
    "Vie pratique et logement",
    "Emploi",
    "Mobilité internationale",
    "Engagement et vie associative",
    "Loisirs, sports et culture",
    "Usages numériques",
    "Famille et relations familiales",
    "Harcèlement",
    "Vie affective et sexualité",
    "Addictions",
]


class TagNamesField(forms.MultipleChoiceField):
    """Checkboxes of tag names: a name is one tag, commas included (never parsed as taggit would)."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value):
        return [name for name in super().to_python(value) if name.strip()]


def other_theme_names(text: str) -> list[str]:
    """The free "autres thèmes": one per line, spaces tidied, duplicates dropped (commas are kept)."""
    names = []
    for line in (text or "").splitlines():
        name = " ".join(line.split())
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


class PromeneurPageForm(DirectoryPageForm):
    other_themes = forms.CharField(
        label=_("autres thèmes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Un thème par ligne ; une virgule fait partie du thème."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_tag_fields()
        self._setup_status_field()

    def _instance_tag_names(self, name):
        if self.instance is None or not self.instance.pk:
            return []
        return [tag.name for tag in getattr(self.instance, name).all()]

    def _setup_tag_fields(self):
        if "missions" in self.fields:
            old = self.fields["missions"]
            names = list(MissionTag.objects.order_by("name").values_list("name", flat=True))
            self.fields["missions"] = TagNamesField(
                label=old.label, help_text=old.help_text, required=False, choices=[(n, n) for n in names]
            )
            self.initial["missions"] = self._instance_tag_names("missions")
        if "themes" in self.fields:
            old = self.fields["themes"]
            current = self._instance_tag_names("themes")
            suggested = {name.casefold(): name for name in SUGGESTED_THEMES}
            self.fields["themes"] = TagNamesField(
                label=old.label,
                required=False,
                choices=[(n, n) for n in SUGGESTED_THEMES],
                help_text=_("Cochez les thèmes proposés ; ajoutez les autres ci-dessous."),
            )
            self.initial["themes"] = [suggested[n.casefold()] for n in current if n.casefold() in suggested]
            self.initial["other_themes"] = "\n".join(n for n in current if n.casefold() not in suggested)

    def _setup_status_field(self):
        # A coordination creating a promeneur chooses the status: no silent "Candidat".
        field = self.fields.get("status")
        if field is None or (self.instance is not None and self.instance.pk):
            return
        field.required = True
        field.choices = [("", _("— Choisissez le statut —")), *PromeneurStatus.choices]
        field.help_text = _(
            "Seul un promeneur « Actif (labellisé) » apparaît sur le site public ; « Candidat » garde la "
            "fiche hors de l'annuaire même publiée."
        )
        field.error_messages["required"] = _("Choisissez le statut du promeneur.")
        self.initial["status"] = ""

    def clean_other_themes(self):
        names = other_theme_names(self.cleaned_data.get("other_themes"))
        for name in names:
            if len(name) > 100:
                raise ValidationError(
                    _("Un thème ne peut dépasser 100 caractères : « %(name)s… ».") % {"name": name[:30]}
                )
        return names

    def clean(self):
        cleaned = super().clean()
        if "themes" in self.fields:
            # The ticked suggestions, then the free entries (a free entry naming a suggestion is that one).
            suggested = {name.casefold(): name for name in SUGGESTED_THEMES}
            themes = list(cleaned.get("themes") or [])
            for name in cleaned.get("other_themes") or []:
                existing = ThemeTag.objects.filter(name__iexact=name).values_list("name", flat=True).first()
                name = suggested.get(name.casefold(), existing or name)
                if name.casefold() not in {t.casefold() for t in themes}:
                    themes.append(name)
            cleaned["themes"] = themes
        self._check_missions(cleaned)
        self._check_permanences()
        self._check_handles()
        return cleaned

    def _check_missions(self, cleaned):
        missions = cleaned.get("missions")
        if missions is not None and not list(missions):
            self.add_error("missions", _("Choisissez au moins une mission : Jeunesse ou Parentalité."))

    def _live_forms(self, name):
        formset = self.formsets.get(name)
        if formset is None:
            return []
        return [
            f for f in formset.forms if f.is_valid() and f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]

    def _check_permanences(self):
        slots = []
        for form in self._live_forms("permanences"):
            data = form.cleaned_data
            start, end = data.get("start_time"), data.get("end_time")
            if start and end and end <= start:
                form.add_error("end_time", _("L'heure de fin doit être après l'heure de début."))
                continue
            for other_weekday, other_start, other_end in slots:
                if other_weekday == data.get("weekday") and start < other_end and other_start < end:
                    form.add_error("start_time", _("Ce créneau chevauche un autre créneau du même jour."))
            slots.append((data.get("weekday"), start, end))
        if any(f.errors for f in self.formsets.get("permanences", {}).forms if hasattr(f, "errors")):
            self.add_error(None, _("Corrigez les permanences en ligne."))

    def _check_handles(self):
        keys = {}
        for form in self._live_forms("social_profiles"):
            key = normalise_profile(form.cleaned_data.get("url"), form.cleaned_data.get("platform"))
            if key in keys:
                form.add_error("url", _("Ce profil est déjà indiqué plus haut."))
            keys[key] = form
        if not keys:
            return
        taken = (
            SocialProfile.objects.filter(
                normalised_key__in=list(keys), promeneur__status=PromeneurStatus.ACTIVE
            )
            .exclude(promeneur_id=self.instance.pk)
            .values_list("normalised_key", flat=True)
        )
        for key in set(taken):
            keys[key].add_error("url", _("Ce profil est déjà celui d'un autre promeneur actif."))


class SocialProfileForm(WagtailAdminModelForm):
    """One field per network profile: paste its address or type its handle. The network is recognised from
    the address (or chosen for a handle), and the canonical address and the handle are derived by the
    verification's own rules (directory.social)."""

    profile = forms.CharField(
        label=_("adresse ou pseudo du profil"),
        max_length=500,
        help_text=_(
            "Collez l'adresse du profil (https://…) : le réseau est reconnu. Pour un pseudo "
            "(ex. @lea.pdn18), choisissez le réseau."
        ),
        error_messages={"required": _("Indiquez l'adresse ou le pseudo du profil.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        platform = self.fields.get("platform")
        if platform is not None:
            platform.required = False
            platform.choices = [("", _("— Reconnu depuis l'adresse —")), *PLATFORM_CHOICES]
            platform.help_text = _("Obligatoire pour un pseudo seul.")
        handle = self.fields.get("handle")
        if handle is not None:
            handle.required = False
            handle.label = _("pseudo affiché (facultatif)")
            handle.help_text = _(
                "Laissé vide, il est déduit de l'adresse. À indiquer pour une adresse qui ne montre pas "
                "de pseudo (invitation Discord, page Facebook numérotée, autre site)."
            )
        if self.instance is not None and self.instance.url:
            self.initial.setdefault("profile", self.instance.url)
            derived = handle_from_url(self.instance.platform, self.instance.url)
            # Shown only when it is not simply the address's own handle.
            self.initial["handle"] = "" if self.instance.handle == derived else self.instance.handle

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("profile") or "").strip()
        platform = cleaned.get("platform") or ""
        if not text or self.errors:
            return cleaned
        if "/" in text:  # an address (a handle never has a slash)
            url, handle = self._from_address(text, platform)
        else:
            url, handle = self._from_handle(text, platform)
        if url:
            platform = platform or detect_platform(url)
            cleaned.update(platform=platform, url=url, handle=handle)
            self.instance.url, self.instance.handle = url, handle
        return cleaned

    def add_error(self, field, error):
        # The model's and the page form's checks speak of "url": here it is "profile".
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            merged = {}
            for name, errors in error.error_dict.items():
                merged.setdefault("profile" if name == "url" else name, []).extend(errors)
            error = ValidationError(merged)
        elif field == "url":
            field = "profile"
        super().add_error(field, error)

    def _from_address(self, text, platform):
        url = text
        if not url.lower().startswith(("https://", "http://")):
            url = "https://" + url.removeprefix("//")
        platform = platform or detect_platform(url)
        if not platform:
            self.add_error("profile", _("Cette adresse n'est pas celle d'un profil : vérifiez-la."))
            return "", ""
        try:
            validate_profile_url(platform, url)
        except ValidationError as error:
            self.add_error("profile", error.messages)
            return "", ""
        handle = (self.cleaned_data.get("handle") or "").strip() or handle_from_url(platform, url)
        if not handle:
            self.add_error(
                "handle",
                _(
                    "Indiquez le pseudo tel qu'il apparaît sur le réseau : il ne se déduit pas de "
                    "cette adresse."
                ),
            )
            return "", ""
        return url, handle

    def _from_handle(self, text, platform):
        if not platform:
            self.add_error("platform", _("Choisissez le réseau de ce pseudo, ou collez l'adresse du profil."))
            return "", ""
        url = profile_url_from_handle(platform, text)
        if not url:
            self.add_error(
                "profile",
                _(
                    "Ce pseudo n'est pas valable sur %(network)s, ou ce réseau ne donne pas d'adresse "
                    "à partir d'un pseudo : collez l'adresse du profil."
                )
                % {"network": PLATFORMS[platform].label},
            )
            return "", ""
        return url, (self.cleaned_data.get("handle") or "").strip() or handle_from_url(platform, url)


class ProfileInlinePanel(InlinePanel):
    """The social profiles' inline panel, with one "address or handle" field per profile."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = SocialProfileForm
        return options


class PromeneurPage(BasePage):
    """A promeneur: a professional mandated by their structure to be present online. The public card
    shows what the national charte asks for (first name, photo, job, structure, networks, contact);
    the last name stays off it unless the promeneur chooses otherwise."""

    first_name = models.CharField(_("prénom"), max_length=60)
    last_name = models.CharField(_("nom"), max_length=80, blank=True)
    show_last_name = models.BooleanField(_("afficher le nom sur la fiche publique"), default=False)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("Une photo personnelle de préférence ; sinon celle de la structure."),
    )
    job_title = models.CharField(_("métier"), max_length=120)
    missions = ClusterTaggableManager(
        through=TaggedMission,
        blank=True,
        verbose_name=_("missions"),
        related_name="promeneurs",
        help_text=_("Jeunesse (12-25 ans) et/ou Parentalité."),
    )
    themes = ClusterTaggableManager(
        through=TaggedTheme,
        blank=True,
        verbose_name=_("thèmes"),
        related_name="promeneurs",
    )
    presentation = models.TextField(_("présentation"), max_length=700, blank=True)
    contact_instructions = models.TextField(
        _("comment me contacter"),
        max_length=400,
        blank=True,
        help_text=_("Par exemple : « Écris-moi en message privé sur Instagram, je réponds sous 48 h. »"),
    )
    charter_signed_on = models.DateField(_("date de signature de la charte"), null=True, blank=True)
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=PromeneurStatus.choices,
        default=PromeneurStatus.APPLICANT,
        db_index=True,
    )
    status_reason = models.TextField(_("motif du changement de statut"), blank=True)
    status_changed_at = models.DateTimeField(_("statut modifié le"), null=True, blank=True, editable=False)
    # Denormalised from the tree (set on save and on move) for the annuaire's filters and joins.
    structure = models.ForeignKey(
        StructurePage,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="promeneurs",
    )
    department = models.ForeignKey(
        "departments.Department",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="promeneurs",
    )
    # Denormalised too: the annuaire's default order (town, then first name), indexed with the status so that
    # a page of results is read in index order instead of sorting tens of thousands of rows.
    sort_key = models.CharField(max_length=200, blank=True, default="", editable=False)

    objects = PromeneurManager()
    base_form_class = PromeneurPageForm
    # wagtail-localize: a promeneur's own data stays as entered in every language (never translated).
    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField(name, overridable=False)
        for name in (
            "title",
            "first_name",
            "last_name",
            "job_title",
            "presentation",
            "contact_instructions",
            "status_reason",
        )
    ]
    parent_page_types = ["directory.StructurePage"]
    subpage_types = []

    content_panels = [
        VisibilityPanel(heading=_("Visibilité sur le site public")),
        CompletenessPanel(heading=_("Complétude de la fiche (minimum de la charte)")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                FieldPanel("show_last_name"),
                TitleFieldPanel(
                    "title",
                    heading=_("Titre de la fiche"),
                    placeholder=False,
                    classname="",
                    help_text=_("Par exemple « Léa, animatrice jeunesse »."),
                ),
                FieldPanel("photo"),
                FieldPanel("job_title"),
            ],
            heading=_("Identité"),
        ),
        MultiFieldPanel(
            [FieldPanel("missions"), FieldPanel("themes"), FieldPanel("other_themes")],
            heading=_("Missions et thèmes"),
        ),
        FieldPanel("presentation"),
        ProfileInlinePanel("social_profiles", heading=_("Réseaux sociaux"), label=_("Profil"), min_num=0),
        InlinePanel("permanences", heading=_("Permanences en ligne"), label=_("Créneau")),
        FieldPanel("contact_instructions"),
        MultiFieldPanel(
            [
                FieldPanel("charter_signed_on"),
                # The status is the coordination's decision: structures do not see it (accounts.signals also
                # keeps it out of their revisions).
                FieldPanel("status", permission="accounts.change_promeneur_status"),
                FieldPanel("status_reason", permission="accounts.change_promeneur_status"),
            ],
            heading=_("Labellisation"),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("first_name"),
        index.AutocompleteField("first_name"),
        index.SearchField("job_title"),
        index.AutocompleteField("job_title"),
        index.SearchField("presentation"),
        index.RelatedFields(
            "structure",
            [
                index.SearchField("title"),
                index.RelatedFields("commune", [index.SearchField("name"), index.SearchField("postcodes")]),
            ],
        ),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("missions", [index.SearchField("name")]),
        index.RelatedFields("social_profiles", [index.SearchField("handle"), index.SearchField("platform")]),
        index.FilterField("status"),
        index.FilterField("department_id"),
        index.FilterField("structure_id"),
    ]

    class Meta:
        verbose_name = _("promeneur")
        verbose_name_plural = _("promeneurs")
        indexes = [
            models.Index(fields=["status", "sort_key", "page_ptr"], name="promeneur_annuaire_order"),
            models.Index(
                fields=["department", "status", "sort_key", "page_ptr"], name="promeneur_dept_annuaire_order"
            ),
            # The promeneurs of the structures near a town (annuaire's "près de"), and of one structure.
            models.Index(fields=["structure", "status"], name="promeneur_structure_status"),
        ]

    def __str__(self):
        return self.title

    @property
    def public_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() if self.show_last_name else self.first_name

    @property
    def public_photo(self):
        return self.photo or (self.structure.logo if self.structure_id else None)

    @property
    def is_publicly_listed(self) -> bool:
        return PromeneurPage.objects.publicly_listed().filter(pk=self.pk).exists()

    def serve(self, request, *args, **kwargs):
        # Being live is not enough: a candidate, suspended or withdrawn promeneur, or one whose structure's
        # convention has ended, must disappear from the public site at once, even if nobody unpublishes the
        # page. Previews in the admin still show it (they are not public and editors need them).
        if not getattr(request, "is_preview", False) and not self.is_publicly_listed:
            if self.no_longer_listed:
                from directory.pages import gone_response

                return gone_response(request, self)
            raise Http404
        return super().serve(request, *args, **kwargs)

    @property
    def no_longer_listed(self) -> bool:
        """Once labelled, now off the annuaire (suspended, withdrawn, or the structure's convention ended):
        their old URL answers 410 « plus référencée » rather than a bare 404 (a candidate was never listed)."""
        if self.status in (PromeneurStatus.SUSPENDED, PromeneurStatus.WITHDRAWN):
            return True
        structure = self.structure
        return (
            self.status == PromeneurStatus.ACTIVE
            and structure is not None
            and not structure.convention_active()
        )

    def get_context(self, request, *args, **kwargs):
        from directory.pages import promeneur_context

        context = super().get_context(request, *args, **kwargs)
        context.update(promeneur_context(self, request))
        if getattr(request, "is_preview", False):
            from directory.panels import preview_notice

            context["preview_notice"] = preview_notice(self)
        return context

    def save(self, *args, **kwargs):
        previous_status = None
        if self.pk:
            previous_status = (
                PromeneurPage.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            )
            if previous_status and previous_status != self.status:
                self.status_changed_at = timezone.now()
        parent = self.get_parent() if self.path else None
        if parent is not None:
            structure = parent.specific
            if isinstance(structure, StructurePage):
                self.structure_id = structure.pk
                self.department_id = structure.department_id
                self.sort_key = annuaire_sort_key(structure, self.first_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "first_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)
        from directory.photos import status_changed

        status_changed(self, previous_status, update_fields)  # suspended or withdrawn: the photo's files

    def completeness(self) -> list[tuple[str, bool]]:
        """The charte's minimum for a public card, item by item (completeness_items()), as saved: from the
        annotations of PromeneurQuerySet.with_completeness() when the listing made them, else one query."""
        items = completeness_items()
        if self.pk is None:
            return [(label, False) for label, _condition in items.values()]
        names = [f"complete_{key}" for key in items]
        if all(hasattr(self, name) for name in names):
            values = [getattr(self, name) for name in names]
        else:
            row = PromeneurPage.objects.filter(pk=self.pk).with_completeness().values_list(*names).first()
            values = row or [False] * len(names)
        return [(label, bool(done)) for (label, _condition), done in zip(items.values(), values, strict=True)]

    @property
    def completeness_ratio(self) -> tuple[int, int]:
        items = self.completeness()
        return sum(done for _label, done in items), len(items)


class SocialProfile(Orderable):
    promeneur = ParentalKey(PromeneurPage, on_delete=models.CASCADE, related_name="social_profiles")
    platform = models.CharField(_("réseau"), max_length=16, choices=PLATFORM_CHOICES)
    handle = models.CharField(
        _("pseudo"),
        max_length=100,
        help_text=_("Tel qu'il apparaît sur le réseau et sur les flyers, ex. @lea.pdn18"),
    )
    url = models.URLField(_("adresse du profil"), max_length=500)
    normalised_key = models.CharField(max_length=600, db_index=True, editable=False)
    # What the verification compares besides the key (directory.verification): the handle as the card shows
    # it ("platform:spelling", for names that are not the identity: a Discord invite's code, a Facebook
    # display name) and its look-alike skeleton ("platform:skeleton", directory.lookalike).
    shown_spelling = models.CharField(max_length=200, db_index=True, editable=False, default="")
    lookalike_key = models.CharField(max_length=200, db_index=True, editable=False, default="")

    panels = [FieldRowPanel([FieldPanel("profile"), FieldPanel("platform")]), FieldPanel("handle")]

    class Meta(Orderable.Meta):
        verbose_name = _("profil sur un réseau social")
        verbose_name_plural = _("profils sur les réseaux sociaux")

    def clean(self):
        super().clean()
        if self.platform and self.url:
            try:
                validate_profile_url(self.platform, self.url)
            except ValidationError as error:
                raise ValidationError({"url": error.messages}) from None
            if self.handle and conflicting_handle(self.platform, self.handle, self.url):
                expected = handle_from_url(self.platform, self.url)
                raise ValidationError(
                    {
                        "handle": _(
                            "Ce pseudo n'est pas celui de l'adresse du profil (%(expected)s) : une famille "
                            "qui le vérifierait tomberait sur un autre compte."
                        )
                        % {"expected": expected}
                    }
                )

    def save(self, *args, **kwargs):
        self.normalised_key = normalise_profile(self.url, self.platform) or ""
        self.shown_spelling, self.lookalike_key = verification_keys(self.platform, self.handle, self.url)
        super().save(*args, **kwargs)

    @property
    def platform_label(self) -> str:
        platform = PLATFORMS.get(self.platform)
        return str(platform.label) if platform else self.platform


# A browser's own time picker (hours and minutes) rather than Wagtail's text input with a JavaScript picker.
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class Permanence(Orderable):
    """An announced online office hour: a weekday and a time slot, in Europe/Paris time."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("lundi")
        TUESDAY = 1, _("mardi")
        WEDNESDAY = 2, _("mercredi")
        THURSDAY = 3, _("jeudi")
        FRIDAY = 4, _("vendredi")
        SATURDAY = 5, _("samedi")
        SUNDAY = 6, _("dimanche")

    promeneur = ParentalKey(PromeneurPage, on_delete=models.CASCADE, related_name="permanences")
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    start_time = models.TimeField(_("début"))
    end_time = models.TimeField(_("fin"))
    platform = models.CharField(_("sur quel réseau"), max_length=16, choices=PLATFORM_CHOICES, blank=True)

    panels = [
        FieldRowPanel(
            [
                FieldPanel("weekday"),
                FieldPanel("start_time", widget=TIME_INPUT),
                FieldPanel("end_time", widget=TIME_INPUT),
                FieldPanel("platform"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("permanence en ligne")
        verbose_name_plural = _("permanences en ligne")

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("L'heure de fin doit être après l'heure de début.")})

    def is_open_at(self, moment: datetime.datetime) -> bool:
        local = timezone.localtime(moment)
        return local.weekday() == self.weekday and self.start_time <= local.time() < self.end_time
