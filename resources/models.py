"""The library (« Ressources »): one LibraryPage per section (``/ressources/``) and its ResourcePages, each a
Wagtail document or a link, described by type, themes (the promeneurs' vocabulary, directory.ThemeTag),
audience, age range, publisher, language and date. A département's library also lists the national library's
resources (the charte, the model convention…), which only the Cnaf edits: page permissions follow the tree
(accounts/roles.py gives the Cnaf the national sections and each coordination its département's home)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import ContentStreamBlock
from core.models import BasePage
from directory.models import ThemeTag

RESOURCES_PER_PAGE = 20


class ResourceType(models.TextChoices):
    GUIDE = "guide", _("Guide")
    SHEET = "fiche", _("Fiche pratique")
    VIDEO = "video", _("Vidéo")
    TOOL = "outil", _("Outil")
    POSTER = "affiche", _("Affiche")
    LEAFLET = "depliant", _("Dépliant")
    TEMPLATE = "modele", _("Modèle de document")
    CHARTER = "charte", _("Charte")


class ResourceAudience(models.TextChoices):
    EVERYONE = "tous", _("Tout public")
    YOUNG_PEOPLE = "jeunes", _("Jeunes")
    PARENTS = "parents", _("Parents")
    PROFESSIONALS = "professionnels", _("Professionnels")


class ResourceLanguage(models.TextChoices):
    FRENCH = "fr", _("Français")
    ENGLISH = "en", _("Anglais")
    SPANISH = "es", _("Espagnol")
    ARABIC = "ar", _("Arabe")
    OTHER = "autre", _("Autre langue")


class LibraryPage(BasePage):
    """The library of the national site or of a département; a département's also lists the national ones."""

    intro = models.TextField(_("chapô"), blank=True)

    parent_page_types = ["home.NationalHomePage", "departments.DepartmentHomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("bibliothèque de ressources")
        verbose_name_plural = _("bibliothèques de ressources")

    @property
    def is_national(self) -> bool:
        # Only the national home sits at depth 2 (right under the tree's root), in every language.
        return self.depth == 3

    def national_library(self):
        if self.is_national:
            return self
        return LibraryPage.objects.filter(depth=3, locale_id=self.locale_id).first()

    def resources(self):
        """Live, public resources of this library in its language, with the national library's ones on a
        département's: the newest first."""
        scope = Q(path__startswith=self.path)
        national = self.national_library()
        if national is not None and national.pk != self.pk:
            scope |= Q(path__startswith=national.path)
        return (
            ResourcePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .filter(scope)
            .select_related("document")
            .order_by("-date", "title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from resources.forms import LibraryFilterForm, filter_resources

        context = super().get_context(request, *args, **kwargs)
        form = LibraryFilterForm(request.GET)
        filters = form.filters()
        resources = filter_resources(self.resources(), filters)
        # get_page: the first page for a number that is not one, the last for one past the end.
        page_obj = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
        national = self.national_library()
        national_path = national.path if national and national.pk != self.pk else None
        resources = list(page_obj.object_list)
        for resource in resources:
            resource.from_national = bool(national_path) and resource.path.startswith(national_path)
        context.update(
            filter_form=form,
            filters=filters,
            notices=form.notices,
            query_string=form.query_string(),
            page_obj=page_obj,
            resources=resources,
        )
        return context


class TaggedResourceTheme(ItemBase):
    """A resource's themes, from the same vocabulary as the promeneurs' (directory.ThemeTag)."""

    tag = models.ForeignKey(ThemeTag, related_name="tagged_resources", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_themes"
    )


class ResourcePage(BasePage):
    resource_type = models.CharField(_("type de ressource"), max_length=20, choices=ResourceType.choices)
    summary = models.TextField(
        _("résumé"), max_length=300, help_text=_("Affiché dans la liste (300 caractères).")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("document"),
        help_text=_("Un document à télécharger, ou bien un lien ci-dessous."),
    )
    link = models.URLField(
        _("lien"), blank=True, help_text=_("Une page ou une vidéo en ligne, à défaut de document.")
    )
    themes = ClusterTaggableManager(through=TaggedResourceTheme, blank=True, verbose_name=_("thèmes"))
    audience = models.CharField(
        _("public"), max_length=20, choices=ResourceAudience.choices, default=ResourceAudience.EVERYONE
    )
    age_min = models.PositiveSmallIntegerField(_("âge minimum"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("âge maximum"), null=True, blank=True)
    publisher = models.CharField(_("éditeur"), max_length=120, blank=True)
    language = models.CharField(
        _("langue"), max_length=10, choices=ResourceLanguage.choices, default=ResourceLanguage.FRENCH
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("présentation"))

    parent_page_types = ["resources.LibraryPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("resource_type"), FieldPanel("document"), FieldPanel("link")], heading=_("Ressource")
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
            ],
            heading=_("Thèmes et public"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("publisher"), FieldPanel("language")]), FieldPanel("date")],
            heading=_("Origine"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("publisher"),
        index.SearchField("body"),
        index.FilterField("resource_type"),
    ]

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")

    def clean(self):
        super().clean()
        errors = {}
        if not self.document_id and not self.link:
            errors["document"] = _("Joignez un document ou indiquez un lien.")
        elif self.document_id and self.link:
            errors["link"] = _("Choisissez un document ou un lien, pas les deux.")
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            errors["age_max"] = _("L'âge maximum ne peut pas être inférieur à l'âge minimum.")
        if errors:
            raise ValidationError(errors)

    @property
    def target_url(self) -> str:
        return self.document.url if self.document_id else self.link

    def age_label(self) -> str:
        if self.age_min is not None and self.age_max is not None:
            return str(_("de %(min)s à %(max)s ans") % {"min": self.age_min, "max": self.age_max})
        if self.age_min is not None:
            return str(_("à partir de %(min)s ans") % {"min": self.age_min})
        if self.age_max is not None:
            return str(_("jusqu'à %(max)s ans") % {"max": self.age_max})
        return ""
