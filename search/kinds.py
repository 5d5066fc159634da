"""What the search shows, kind by kind, and the visibility rule of each kind within a section.

A search runs in a scope: the section's home (the national home: the whole network; a département's home:
its subtree) in the language of that home. Each kind says, in SQL, which of its pages may be shown there
(``visible``) and, with indexed FilterFields only, which ones an external index may pre-select
(``indexed_candidates``; see engine.py for why both exist).
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page, PageViewRestriction

from core.i18n import source_version
from directory.models import PromeneurPage, PromeneurStatus, StructurePage, convention_in_force
from events.models import EventPage
from news.models import NewsArticlePage
from resources.models import ResourcePage

SUMMARY_WORDS = 30


@dataclass(frozen=True)
class Scope:
    home: Page  # NationalHomePage or DepartmentHomePage, in the language searched

    @classmethod
    def for_section(cls, section) -> "Scope":
        return cls(home=section.home)

    @cached_property
    def private_q(self) -> Q:
        """Pages under a view restriction, read once per search (Wagtail's ``public()`` reads them on every
        call, joining the restrictions to the page table: on SQLite, with no restriction at all, that join
        scans the 57,000 pages of a big network, 15 ms each time)."""
        restricted = list(PageViewRestriction.objects.values_list("page_id", flat=True))
        condition = Q(pk__in=[])
        for page in Page.objects.filter(pk__in=restricted).only("path", "depth"):
            condition |= Q(path__startswith=page.path, depth__gte=page.depth)
        return condition

    @cached_property
    def directory_home(self) -> Page:
        """Where this scope's structures and promeneurs live: the French version of the home. They are never
        translated, so an English search of the national site lists the French tree's."""
        return source_version(self.home)

    def pages(self, model, *, home: Page | None = None) -> QuerySet:
        """Live, public pages of ``model`` in this scope and language (indexed FilterFields only)."""
        home = home or self.home
        return (
            model.objects.live()
            .exclude(self.private_q)
            .descendant_of(home, inclusive=True)
            .filter(locale_id=home.locale_id)
        )


class Kind:
    slug: str
    label: str
    model: type[Page]
    select_related: tuple[str, ...] = ()
    #: Structures and promeneurs are never translated: every language searches the French tree's.
    in_directory = False

    def home(self, scope: Scope) -> Page:
        return scope.directory_home if self.in_directory else scope.home

    def indexed_candidates(self, scope: Scope) -> QuerySet:
        return scope.pages(self.model, home=self.home(scope))

    def visible(self, scope: Scope) -> QuerySet:
        return self.indexed_candidates(scope)

    def content_type_ids(self) -> list[int] | None:
        """The index entries this kind reads (None: its model and subclasses)."""
        return None

    def prepare(self, queryset: QuerySet) -> QuerySet:
        """What displaying a result needs, fetched with it."""
        return queryset.select_related(*self.select_related) if self.select_related else queryset

    def summary(self, page) -> str:
        text = page.search_description or getattr(page, "intro", "") or ""
        return Truncator(text).words(SUMMARY_WORDS)

    def meta(self, page) -> str:
        return ""


class PromeneurKind(Kind):
    slug = "promeneurs"
    label = _("Promeneurs")
    model = PromeneurPage
    select_related = ("structure__commune",)
    in_directory = True

    def indexed_candidates(self, scope):
        return super().indexed_candidates(scope).filter(status=PromeneurStatus.ACTIVE)

    def visible(self, scope):
        # The platform-wide rule: live, public, actif, live structure whose convention has not ended.
        home = self.home(scope)
        return (
            PromeneurPage.objects.publicly_listed()
            .descendant_of(home, inclusive=True)
            .filter(locale_id=home.locale_id)
        )

    def summary(self, page):
        return Truncator(page.presentation).words(SUMMARY_WORDS)

    def meta(self, page):
        structure = page.structure
        parts = [page.job_title]
        if structure is not None:
            parts += [structure.title, structure.commune.name if structure.commune_id else ""]
        return " · ".join(part for part in parts if part)


class StructureKind(Kind):
    slug = "structures"
    label = _("Structures")
    model = StructurePage
    select_related = ("commune",)
    in_directory = True

    def visible(self, scope):
        # A structure whose convention with the Caf has ended has left the network, as its promeneurs have.
        return super().visible(scope).filter(convention_in_force())

    def summary(self, page):
        return Truncator(page.presentation).words(SUMMARY_WORDS)

    def meta(self, page):
        commune = page.commune.name if page.commune_id else ""
        return " · ".join(part for part in (page.get_structure_type_display(), commune) if part)


class NewsKind(Kind):
    slug = "actualites"
    label = _("Actualités")
    model = NewsArticlePage

    def summary(self, page):
        return Truncator(page.summary).words(SUMMARY_WORDS)

    def meta(self, page):
        from django.utils.formats import date_format

        return date_format(page.date, "DATE_FORMAT")


class EventKind(Kind):
    slug = "agenda"
    label = _("Agenda")
    model = EventPage
    select_related = ("commune",)

    def prepare(self, queryset):
        return super().prepare(queryset).prefetch_related("sessions")

    def summary(self, page):
        return Truncator(page.summary).words(SUMMARY_WORDS)

    def meta(self, page):
        from django.utils.formats import date_format

        sessions = page.ordered_sessions()
        when = date_format(timezone.localtime(sessions[0].start), "DATE_FORMAT") if sessions else ""
        return " · ".join(part for part in (when, page.get_kind_display(), page.place_label()) if part)


class ResourceKind(Kind):
    """A section's resources and, on a département's site, the national ones (its library lists both)."""

    slug = "ressources"
    label = _("Ressources")
    model = ResourcePage

    @staticmethod
    def national_home(scope: Scope) -> Page:
        return Page.objects.filter(depth=2, locale_id=scope.home.locale_id).first() or scope.home

    def indexed_candidates(self, scope):
        # The whole language's tree: an index filter has no "this subtree or that one"; visible() narrows it.
        return scope.pages(self.model, home=self.national_home(scope))

    def visible(self, scope):
        candidates = self.indexed_candidates(scope)
        if scope.home.depth == 2:
            return candidates
        # Resources live right under a library: at depth 4 only under the national one (home, library,
        # resource), at depth 6 under a département's (home, départements, département, library, resource).
        return candidates.filter(Q(path__startswith=scope.home.path) | Q(depth=4))

    def summary(self, page):
        return Truncator(page.summary).words(SUMMARY_WORDS)

    def meta(self, page):
        return " · ".join(part for part in (page.get_resource_type_display(), page.publisher) if part)


class OtherPageKind(Kind):
    slug = "pages"
    label = _("Pages")
    model = Page
    # Every other page type; the ones above have their own group.
    excluded_types = (PromeneurPage, StructurePage, NewsArticlePage, EventPage, ResourcePage)

    def indexed_candidates(self, scope):
        return scope.pages(Page).not_type(*self.excluded_types)

    def content_type_ids(self):
        excluded = set()
        for model in self.excluded_types:
            excluded.update(get_descendants_content_types_pks(model))
        return [pk for pk in get_descendants_content_types_pks(Page) if pk not in excluded]

    def prepare(self, queryset):
        return queryset.specific()


class Kinds:
    """The groups of the results page, in their order: promeneurs first."""

    all: tuple[Kind, ...] = (
        PromeneurKind(),
        StructureKind(),
        NewsKind(),
        EventKind(),
        ResourceKind(),
        OtherPageKind(),
    )

    def get(self, slug: str) -> Kind | None:
        return next((kind for kind in self.all if kind.slug == slug), None)

    def for_page(self, page) -> Kind:
        """The group of a (specific) page: the first kind whose model it is, else "pages"."""
        return next((kind for kind in self.all[:-1] if isinstance(page, kind.model)), self.all[-1])

    def visible_pages(self, scope: Scope, *, correlated: bool = False) -> QuerySet:
        """Every page the search may show in ``scope``, whatever its kind (for suggestions). ``correlated``:
        checked page by page (EXISTS, for a per-match check on SQLite) rather than as id lists (IN, the only
        form Wagtail's search backends accept as a filter)."""
        condition = Q()
        for kind in self.all:
            if correlated:
                condition |= Q(Exists(kind.visible(scope).order_by().filter(pk=OuterRef("pk"))))
            else:
                condition |= Q(id__in=kind.visible(scope).values("id"))
        return Page.objects.filter(condition)


KINDS = Kinds()
