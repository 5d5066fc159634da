"""The annuaire query: one service for the annuaire page, the JSON API and the CSV export.

``annuaire_query(request.GET, section)`` reads the public GET parameters, filters the publicly listed
promeneurs of the section (a département's, or every one on the national site) in the database, and returns
one page of results with what the templates and the API need (count, distances, notices about ignored input).

Rules that make it safe to expose to anyone:

* input is never trusted: unknown filter values are ignored and reported in ``result.notices`` (in French,
  shown to the visitor), never raised; strings are trimmed, length-capped and cleaned of control characters
  (PostgreSQL refuses NUL bytes);
* every result goes through ``PromeneurPage.objects.publicly_listed()`` (see CONTRIBUTING-NOTES);
* the number of SQL queries does not depend on the page size or on the number of promeneurs: filters are SQL
  (sub-queries, not Python loops), related data is fetched with select_related/prefetch_related.

Ordering: by distance when ``pres_de`` found a commune, otherwise by town then first name (what families scan
for in a list). A text query ``q`` narrows the list (all words must match) without changing that order: in a
directory, a search is a filter, and "every Léa in Bourges" reads best alphabetically.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import CharField, Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.images import get_image_model
from wagtail.search.backends import get_search_backend

from departments.models import Department
from directory.models import (
    MissionTag,
    PromeneurPage,
    SocialProfile,
    StructurePage,
    StructureType,
    TaggedMission,
    TaggedTheme,
    ThemeTag,
)
from directory.social import PLATFORMS
from geo.distance import bounding_box, haversine_km
from geo.lookup import find_commune
from geo.models import Commune

DEFAULT_PAGE_SIZE = 20
#: Results a listing counts and pages through (50 pages of 20); the CSV export has no limit.
MAX_LISTED_RESULTS = 1000
MAX_PAGE_SIZE = 100
DEFAULT_RADIUS_KM = 20
MIN_RADIUS_KM = 1
MAX_RADIUS_KM = 200
#: Radii offered when a search near a town finds nobody.
WIDER_RADII_KM = (20, 50, 100, 200)
MAX_TEXT_LENGTH = 100
MISSION_CHOICES = [("jeunesse", gettext_lazy("Jeunesse")), ("parentalite", gettext_lazy("Parentalité"))]
MISSIONS = dict(MISSION_CHOICES)
#: Renditions of the card photo, prefetched with the page so that cards cost no query each.
CARD_PHOTO_SPECS = ("fill-160x160-c100", "fill-320x320-c100")
#: Parameters of the public query, in the order they appear in shareable URLs.
PARAMETER_NAMES = ("q", "mission", "departement", "theme", "reseau", "type", "pres_de", "rayon")


def clean_text(value: object, max_length: int = MAX_TEXT_LENGTH) -> str:
    """Trimmed printable text (control and format characters removed), at most ``max_length`` characters."""
    if not isinstance(value, str):
        return ""
    text = "".join(char for char in value if unicodedata.category(char)[0] != "C" or char == " ")
    return " ".join(text.split())[:max_length]


@dataclass
class AnnuaireParams:
    """The query once read and validated: only known values survive, the rest became notices."""

    q: str = ""
    mission: str = ""
    departement: Department | None = None
    theme: ThemeTag | None = None
    reseau: str = ""
    type: str = ""
    pres_de: str = ""
    rayon: int = DEFAULT_RADIUS_KM
    commune: Commune | None = None
    page: str = "1"

    def as_query_dict(self, **overrides) -> dict[str, str]:
        """The shareable parameters (validated values only), for links: pagination, wider radius…"""
        values = {
            "q": self.q,
            "mission": self.mission,
            "departement": self.departement.code if self.departement else "",
            "theme": self.theme.slug if self.theme else "",
            "reseau": self.reseau,
            "type": self.type,
            "pres_de": self.pres_de,
            "rayon": str(self.rayon) if self.pres_de and self.rayon != DEFAULT_RADIUS_KM else "",
        }
        values.update({key: str(value) for key, value in overrides.items()})
        return {key: values[key] for key in (*PARAMETER_NAMES, *overrides) if values.get(key)}

    def query_string(self, **overrides) -> str:
        return urlencode(self.as_query_dict(**overrides))

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.q
            or self.mission
            or self.departement
            or self.theme
            or self.reseau
            or self.type
            or self.pres_de
        )


@dataclass
class AnnuaireResult:
    params: AnnuaireParams
    page: PaginatorPage
    notices: list[str] = field(default_factory=list)
    #: Communes that look like what was typed in ``pres_de`` when it matched none.
    suggestions: list[Commune] = field(default_factory=list)
    commune_not_found: bool = False

    @property
    def items(self) -> list[PromeneurPage]:
        """The promeneurs of this page; each has ``distance_km`` (None without ``pres_de``)."""
        return list(self.page.object_list)

    @property
    def count(self) -> int:
        """Number of results, at most MAX_LISTED_RESULTS (see ``count_capped``)."""
        return self.page.paginator.count

    @property
    def count_capped(self) -> bool:
        """Whether there are more results than ``count`` (the list stops there: narrow the search)."""
        paginator = self.page.paginator
        return bool(paginator.count and getattr(paginator, "capped", False))

    @property
    def wider_radius(self) -> int | None:
        """The next radius to offer when a search near a town found too little (None if already maximal)."""
        if self.params.commune is None:
            return None
        return next((radius for radius in WIDER_RADII_KM if radius > self.params.rayon), None)


# --- reading the parameters --------------------------------------------------------------------------------


class _ParamReader:
    """Reads one GET QueryDict into AnnuaireParams, collecting a French notice for each ignored value."""

    def __init__(self, data, section):
        self.data = data
        self.section = section
        self.notices: list[str] = []
        self.suggestions: list[Commune] = []
        self.commune_not_found = False

    def text(self, name: str, max_length: int = MAX_TEXT_LENGTH) -> str:
        return clean_text(self.data.get(name, ""), max_length)

    def read(self) -> AnnuaireParams:
        params = AnnuaireParams(
            q=self.text("q"),
            mission=self.mission(),
            departement=self.departement(),
            theme=self.theme(),
            reseau=self.reseau(),
            type=self.structure_type(),
            page=self.text("page", 10) or "1",
        )
        params.pres_de = self.text("pres_de")
        if params.pres_de:
            params.commune = self.commune(params.pres_de)
            params.rayon = self.radius()
        return params

    def ignored(self, message: str) -> None:
        self.notices.append(message)

    def mission(self) -> str:
        value = self.text("mission").lower()
        if value and value not in MISSIONS:
            self.ignored(_("Mission inconnue « %(value)s » : ce filtre a été ignoré.") % {"value": value})
            return ""
        return value

    def departement(self) -> Department | None:
        code = self.text("departement", 3).upper()
        if not code:
            return None
        own = self.section.department if self.section else None
        if own is not None:
            if code != own.code:
                self.ignored(
                    _(
                        "Cet annuaire ne présente que les promeneurs du département %(name)s : "
                        "le filtre « département » a été ignoré. L'annuaire national couvre tout le réseau."
                    )
                    % {"name": own.name}
                )
            return None
        department = Department.objects.filter(code=code).first()
        if department is None:
            self.ignored(_("Département inconnu « %(value)s » : ce filtre a été ignoré.") % {"value": code})
        return department

    def theme(self) -> ThemeTag | None:
        slug = self.text("theme").lower()
        if not slug:
            return None
        theme = ThemeTag.objects.filter(slug=slug).first()
        if theme is None:
            self.ignored(_("Thème inconnu « %(value)s » : ce filtre a été ignoré.") % {"value": slug})
        return theme

    def reseau(self) -> str:
        value = self.text("reseau").lower()
        if value and value not in PLATFORMS:
            self.ignored(
                _("Réseau social inconnu « %(value)s » : ce filtre a été ignoré.") % {"value": value}
            )
            return ""
        return value

    def structure_type(self) -> str:
        value = self.text("type").lower()
        if value and value not in StructureType.values:
            self.ignored(
                _("Type de structure inconnu « %(value)s » : ce filtre a été ignoré.") % {"value": value}
            )
            return ""
        return value

    def commune(self, text: str) -> Commune | None:
        lookup = find_commune(text)
        if lookup.commune is None:
            self.commune_not_found = True
            self.suggestions = lookup.suggestions
            self.ignored(
                _(
                    "Commune introuvable : « %(value)s ». Les résultats ne sont pas triés par distance ; "
                    "vérifiez l'orthographe ou indiquez un code postal."
                )
                % {"value": text}
            )
        return lookup.commune

    def radius(self) -> int:
        raw = self.text("rayon", 10)
        if not raw:
            return DEFAULT_RADIUS_KM
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            self.ignored(
                _("Rayon « %(value)s » non compris : rayon de %(default)d km utilisé.")
                % {"value": raw, "default": DEFAULT_RADIUS_KM}
            )
            return DEFAULT_RADIUS_KM
        rounded = round(value)  # whole kilometres: positions are only as precise as a town's centre
        clamped = min(MAX_RADIUS_KM, max(MIN_RADIUS_KM, rounded))
        if clamped != rounded:
            self.ignored(
                _("Le rayon doit être compris entre %(min)d et %(max)d km : rayon de %(value)d km utilisé.")
                % {"min": MIN_RADIUS_KM, "max": MAX_RADIUS_KM, "value": clamped}
            )
        return clamped


def parse_params(data, section) -> tuple[AnnuaireParams, _ParamReader]:
    reader = _ParamReader(data, section)
    return reader.read(), reader


# --- building the query ------------------------------------------------------------------------------------


def scoped_promeneurs(section):
    """Publicly listed promeneurs of the section: a département's own, or all of them nationally."""
    queryset = PromeneurPage.objects.publicly_listed()
    department = section.department if section else None
    if department is not None:
        queryset = queryset.filter(department=department)
    return queryset


def filtered_promeneurs(params: AnnuaireParams, section, *, counting: bool = False, scoped=None):
    """The section's promeneurs matching every filter, as one SQL query (filters as sub-queries, so a
    promeneur with two matching profiles is still one row). ``scoped``: ``scoped_promeneurs(section)``, when
    already built (it reads the view restrictions)."""
    queryset = scoped if scoped is not None else scoped_promeneurs(section)
    if params.departement is not None:
        queryset = queryset.filter(department=params.departement)
    # Correlated EXISTS rather than IN (…): the page is read in its sort order and stops after a page or the
    # count's cap, checking each row through an index, instead of first listing every tagged promeneur.
    if params.mission:
        queryset = queryset.filter(
            Exists(
                TaggedMission.objects.filter(
                    content_object=OuterRef("pk"), tag_id=_mission_tag_id(params.mission)
                )
            )
        )
    if params.theme is not None:
        queryset = queryset.filter(
            Exists(TaggedTheme.objects.filter(content_object=OuterRef("pk"), tag=params.theme))
        )
    if params.reseau:
        queryset = queryset.filter(
            Exists(SocialProfile.objects.filter(promeneur=OuterRef("pk"), platform=params.reseau))
        )
    if params.type:
        queryset = queryset.filter(structure__structure_type=params.type)
    if params.q:
        queryset = queryset.filter(text_search_condition(params.q, counting=counting))
    return queryset


def _mission_tag_id(slug: str) -> Subquery:
    """The mission's tag id, as a sub-query the database evaluates once (not a join per promeneur)."""
    return Subquery(MissionTag.objects.filter(slug=slug).values("pk")[:1])


_NOT_A_WORD = re.compile(r"[^\w\s.@'’-]+")


def search_words(text: str) -> str:
    """The words of a visitor's query, without the punctuation that full-text engines read as syntax
    (SQLite FTS5 fails on a stray quote or star)."""
    return " ".join(_NOT_A_WORD.sub(" ", text).split())


def text_search_condition(text: str, *, counting: bool = False):
    """A filter on promeneurs matching ``text`` (see ``text_search_ids``).

    On PostgreSQL, a page of results is read with a correlated EXISTS on each promeneur's own index entry
    (Wagtail's unique (content type, object id) index): the planner walks the annuaire's sort index and stops
    after a page, or hashes the matches when they are few. Counting goes the other way (``counting``): the
    matches' ids, each promeneur found by its primary key, which costs what the matches cost."""
    words = search_words(text)
    backend = get_search_backend()
    if words and not counting and type(backend).__name__ == "PostgresSearchBackend":
        return Exists(_postgres_matches(backend, words).filter(object_id=Cast(OuterRef("pk"), CharField())))
    return Q(pk__in=text_search_ids(text))


def text_search_ids(text: str):
    """Ids of promeneurs matching ``text`` according to Wagtail's search backend (the fields declared in
    PromeneurPage.search_fields: names, job, structure, town, themes, handles), as something ``pk__in``
    accepts: a sub-query for the database backends, so that the filters stay in the database.

    A remote backend (Elasticsearch) returns objects, of which the best 1,000 are kept.
    """
    words = search_words(text)
    if not words:
        return PromeneurPage.objects.none().values("pk")
    backend = get_search_backend()
    if type(backend).__name__ == "SQLiteSearchBackend":
        return _sqlite_match_ids(backend, words)
    if type(backend).__name__ == "PostgresSearchBackend":
        return _postgres_match_ids(backend, words)
    results = backend.search(words, PromeneurPage.objects.live(), operator="and", order_by_relevance=False)
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by().values("pk")
    return [promeneur.pk for promeneur in results[:1000]]


def _sqlite_match_ids(backend, words: str):
    """The SQLite backend's own MATCH expression (same matching as ``.search()``), in a query shaped so that
    SQLite runs the MATCH once. Through ``.search()``, SQLite starts from every index entry of the content type
    and evaluates the MATCH once per entry: 3 s for a common word among 50,000 promeneurs instead of
    milliseconds. The unary "+" keeps SQLite from driving the query with the content-type index."""
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize

    compiler = backend.query_compiler_class(PromeneurPage.objects.none(), words, operator="and")
    search_query = compiler.build_search_query(normalize(compiler.query), config=compiler.get_config(backend))
    match = MatchExpression(compiler.FTS_TABLE_FIELDS, search_query)
    unindexed_content_type = Func(
        F("index_entry__content_type_id"), template="+%(expressions)s", output_field=IntegerField()
    )
    return (
        apps.get_model("wagtailsearch", "SQLiteFTSIndexEntry")
        .objects.filter(match)
        .alias(content_type=unindexed_content_type)
        .filter(content_type__in=get_descendants_content_types_pks(PromeneurPage))
        .values("index_entry__object_id")
    )


def _postgres_matches(backend, words: str):
    """Index entries of promeneurs matching ``words`` with the PostgreSQL backend's own tsquery and vector
    (title || body, as ``.search()`` matches them; served by the GIN index of search/migrations/0003). Through
    ``.search()`` the entries are joined to every promeneur row, with a text cast of each id, before matching."""
    compiler = backend.query_compiler_class(PromeneurPage.objects.none(), words, operator="and")
    search_query = compiler.build_tsquery(compiler.query, config=compiler.get_config(backend))
    vector = F("title")._combine(F("body"), "||", False)
    return (
        apps.get_model("wagtailsearch", "IndexEntry")
        .objects.annotate(vector=vector)
        .filter(vector=search_query, content_type_id__in=get_descendants_content_types_pks(PromeneurPage))
    )


def _postgres_match_ids(backend, words: str):
    return (
        _postgres_matches(backend, words)
        .annotate(promeneur_id=Cast("object_id", IntegerField()))
        .values("promeneur_id")
    )


def structure_distances(commune: Commune, radius_km: int) -> dict[int, float]:
    """Distance (km) from ``commune`` of every structure within the radius. The bounding box of the circle is
    a cheap SQL pre-filter; the exact haversine distance is computed on the few structures inside it. A
    structure's position is its own coordinates when typed in, else its commune's."""
    min_lat, max_lat, min_lon, max_lon = bounding_box(commune.latitude, commune.longitude, radius_km)
    in_box = {"latitude__range": (min_lat, max_lat), "longitude__range": (min_lon, max_lon)}
    # Two index-driven halves in one statement (an OR across the join would read every structure).
    own = StructurePage.objects.filter(**in_box).values_list("pk", "latitude", "longitude")
    from_commune = StructurePage.objects.filter(
        latitude__isnull=True, commune__in=Commune.objects.filter(**in_box).values("pk")
    ).values_list("pk", "commune__latitude", "commune__longitude")
    rows = own.order_by().union(from_commune.order_by(), all=True)
    distances = {}
    for pk, lat, lon in rows:
        if lat is None or lon is None:
            continue
        distance = haversine_km(commune.latitude, commune.longitude, lat, lon)
        if distance <= radius_km:
            distances[pk] = distance
    return distances


def with_card_relations(queryset, *, details: bool = True):
    """Everything a result card, the API and the export read, in a fixed number of queries. Without
    ``details``, only what an HTML card shows (no themes or networks: a fifth of the objects to build)."""
    Image = get_image_model()
    photos = Image.objects.prefetch_renditions(*CARD_PHOTO_SPECS)
    queryset = queryset.select_related("structure__commune", "department").prefetch_related(
        Prefetch("photo", queryset=photos),
        Prefetch("structure__logo", queryset=photos),
        Prefetch("tagged_missions", queryset=TaggedMission.objects.select_related("tag")),
    )
    if details:
        queryset = queryset.prefetch_related(
            Prefetch("tagged_themes", queryset=TaggedTheme.objects.select_related("tag")),
            Prefetch("social_profiles", queryset=SocialProfile.objects.order_by("sort_order", "pk")),
        )
    return queryset


#: Town then first name (PromeneurPage.sort_key), read in the order of an index: no sort of the whole table.
DEFAULT_ORDER = ("sort_key", "pk")


def _distance_ordered_ids(queryset, params: AnnuaireParams) -> tuple[list[int], dict[int, float]]:
    """Ids within the radius, nearest first (then town and first name), and their distances."""
    by_structure = structure_distances(params.commune, params.rayon)
    nearby = queryset.filter(structure_id__in=list(by_structure)).order_by()  # no ORDER BY path: sorted below
    rows = list(nearby.values_list("pk", "structure_id", "sort_key"))
    distances = {pk: by_structure[structure_id] for pk, structure_id, _key in rows}
    ordered = sorted(rows, key=lambda row: (by_structure[row[1]], row[2], row[0]))
    return [pk for pk, _structure, _key in ordered], distances


class _IdListPage(Paginator):
    """Paginates ordered promeneur ids (a list, or a lazy ``values_list`` queryset), then fetches only the
    current page's promeneurs with their card relations, in that order. Sorting narrow (id, key) rows and
    fetching twenty wide ones is much cheaper than sorting thousands of wide joined rows.

    With ``cap``, a queryset is counted up to that many results only: counting 50,000 rows through the
    visibility joins costs more than the rest of the page, and no one pages through more than a thousand
    cards; past it, the visitor is asked to narrow the search (like any search engine)."""

    def __init__(self, ids, per_page, *, distances=None, cap: int | None = None, counted=None, details=True):
        super().__init__(ids, per_page)
        self.details = details
        self.distances = distances or {}
        self.cap = cap
        self.capped = False
        self.counted = counted if counted is not None else ids  # what is counted: the same rows

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, list):
            return super().count
        if self.cap is None:
            return self.counted.order_by().count()
        counted = self.counted.order_by()[: self.cap + 1].count()
        self.capped = counted > self.cap
        if not self.capped and self.counted is not self.object_list:
            # Few results: the counted form reads them fastest (PostgreSQL text search, see
            # text_search_condition); sorting at most ``cap`` narrow rows is cheap.
            self.object_list = self.counted.order_by(*DEFAULT_ORDER).values_list("pk", flat=True)
        return min(counted, self.cap)

    def _get_page(self, object_list, number, paginator):
        ids = list(object_list)
        fetched = with_card_relations(PromeneurPage.objects.filter(pk__in=ids), details=self.details)
        promeneurs = {promeneur.pk: promeneur for promeneur in fetched}
        # The ids already passed every filter (in this request): the page only needs fetching.
        ordered = [promeneurs[pk] for pk in ids if pk in promeneurs]
        for promeneur in ordered:
            promeneur.distance_km = self.distances.get(promeneur.pk)
        return super()._get_page(ordered, number, paginator)


@dataclass
class AnnuaireQuery:
    """Parsed parameters and the filtered promeneurs, ready to be paginated (by the page, the API, or in
    chunks by the CSV export)."""

    params: AnnuaireParams
    reader: _ParamReader
    queryset: object  # PromeneurQuerySet, filtered, not ordered
    count_queryset: object  # the same promeneurs, in the form that is cheapest to count

    def paginator(self, page_size: int, *, capped: bool = True, details: bool = True) -> Paginator:
        if self.params.commune is not None:
            # Bounded by the radius: counted exactly.
            ids, distances = _distance_ordered_ids(self.queryset, self.params)
            return _IdListPage(ids, page_size, distances=distances, details=details)
        ordered_ids = self.queryset.order_by(*DEFAULT_ORDER).values_list("pk", flat=True)
        return _IdListPage(
            ordered_ids,
            page_size,
            cap=MAX_LISTED_RESULTS if capped else None,
            counted=self.count_queryset,
            details=details,
        )

    def result(self, page_size: int = DEFAULT_PAGE_SIZE, *, details: bool = True) -> AnnuaireResult:
        """One page of results; ``details`` (themes, networks) for the API, not for the HTML cards."""
        page_size = max(1, min(MAX_PAGE_SIZE, page_size))
        return AnnuaireResult(
            params=self.params,
            page=self.paginator(page_size, details=details).get_page(self.params.page),
            notices=self.reader.notices,
            suggestions=self.reader.suggestions,
            commune_not_found=self.reader.commune_not_found,
        )


def build_query(data, section) -> AnnuaireQuery:
    params, reader = parse_params(data, section)
    scoped = scoped_promeneurs(section)
    return AnnuaireQuery(
        params=params,
        reader=reader,
        queryset=filtered_promeneurs(params, section, scoped=scoped),
        count_queryset=filtered_promeneurs(params, section, counting=True, scoped=scoped),
    )


def annuaire_query(
    data, section, page_size: int = DEFAULT_PAGE_SIZE, *, details: bool = True
) -> AnnuaireResult:
    """One page of the annuaire for these GET parameters in this section (see the module docstring)."""
    return build_query(data, section).result(page_size, details=details)


def iter_all_promeneurs(query: AnnuaireQuery, chunk_size: int = 500):
    """Every result of the query in order, fetched chunk by chunk (the CSV export of a national query can
    hold tens of thousands of rows: memory stays bounded, queries grow with the row count / chunk_size)."""
    paginator = query.paginator(chunk_size, capped=False)
    for number in paginator.page_range:
        yield from paginator.page(number).object_list
