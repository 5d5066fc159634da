"""Promeneurs: who is publicly listed (the one exposure rule), the charte's completeness, their network
profiles and office hours."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import BasePage
from core.text import fold
from directory.models.forms import ProfileInlinePanel, PromeneurPageForm
from directory.models.status import PromeneurStatus
from directory.models.structures import StructurePage, convention_in_force
from directory.models.tags import TaggedMission, TaggedTheme
from directory.panels import CompletenessPanel, VisibilityPanel
from directory.social import (
    PLATFORM_CHOICES,
    PLATFORMS,
    conflicting_handle,
    handle_from_url,
    normalise_profile,
    validate_profile_url,
    verification_keys,
)


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


class Gender(models.TextChoices):
    """The grammatical gender the promeneur's label agrees with (« Promeneuse du Net labellisée »)."""

    FEMININE = "f", _("féminin")
    MASCULINE = "m", _("masculin")
    UNSPECIFIED = "", _("non précisé")


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
    gender = models.CharField(
        _("accord du label"),
        max_length=1,
        choices=Gender.choices,
        blank=True,
        default=Gender.UNSPECIFIED,
        help_text=_(
            "Pour écrire le label au bon genre sur la fiche : « Promeneuse du Net labellisée », « Promeneur "
            "du Net labellisé », ou « Titulaire du label Promeneurs du Net » si non précisé."
        ),
    )
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
        help_text=_("Par exemple : « Écrivez-moi en message privé sur Instagram, je réponds sous 48 h. »"),
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
                FieldPanel("gender"),
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
    def label(self) -> str:
        """The label in the promeneur's grammatical gender; without one, an epicene wording (« titulaire »
        needs no agreement, and screen readers spell out a point médian such as « labellisé·e »)."""
        if self.gender == Gender.FEMININE:
            return str(_("Promeneuse du Net labellisée"))
        if self.gender == Gender.MASCULINE:
            return str(_("Promeneur du Net labellisé"))
        return str(_("Titulaire du label Promeneurs du Net"))

    @property
    def verified_on(self) -> datetime.date | None:
        """When the coordination last vouched for this card: its last publication (a structure's changes
        are published only once the coordination approves them) or its last status change, whichever is
        later, as a Paris date."""
        moments = [moment for moment in (self.last_published_at, self.status_changed_at) if moment]
        return timezone.localdate(max(moments)) if moments else None

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

    def set_verification_keys(self):
        """The keys the verification searches on, derived from the platform, handle and URL (on every save; a
        bulk insert calls it itself)."""
        self.normalised_key = normalise_profile(self.url, self.platform) or ""
        self.shown_spelling, self.lookalike_key = verification_keys(self.platform, self.handle, self.url)

    def save(self, *args, **kwargs):
        self.set_verification_keys()
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
