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

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.images import get_image_model

from departments.models import Department
from directory.hours import AVAILABILITY, availability_condition
from directory.models import (
    MissionTag,
    Permanence,
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
from search.matching import matcher_for

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
PARAMETER_NAMES = ("q", "mission", "departement", "theme", "reseau", "type", "disponible", "pres_de", "rayon")
#: The filters folded behind « Filtres (n) » on a phone (n: how many of them are active).
REFINEMENT_NAMES = ("q", "rayon", "mission", "departement", "theme", "reseau", "type", "disponible")
#: ``pres_de`` as a position: "47.08,2.4" (what « Autour de moi » sends, rounded to about 1 km).
_POSITION = re.compile(r"^\s*(-?\d{1,3}(?:[.]\d+)?)\s*,\s*(-?\d{1,3}(?:[.]\d+)?)\s*$")
#: Decimals a position keeps (0.01° is about 1.1 km of latitude): no one's exact location is ever used.
POSITION_DECIMALS = 2


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
    disponible: str = ""
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
            "disponible": self.disponible,
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
            or self.disponible
            or self.pres_de
        )

    @property
    def refinement_count(self) -> int:
        """How many of the folded filters (REFINEMENT_NAMES) are active: the n of « Filtres (n) »."""
        values = self.as_query_dict()
        return sum(1 for name in REFINEMENT_NAMES if values.get(name))

    @property
    def near_position(self) -> bool:
        """``pres_de`` was a position (« Autour de moi »), not a town."""
        return self.commune is not None and self.commune.pk is None


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


class CleanTextField(forms.CharField):
    """Trimmed printable text (``clean_text``), cut at ``read_length`` characters rather than refused, in
    ``case`` ("lower", "upper" or as typed). Never an error by itself: the annuaire is forgiving."""

    def __init__(self, *, read_length: int = MAX_TEXT_LENGTH, case: str = "", **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(strip=False, **kwargs)
        self.read_length = read_length
        self.case = case

    def to_python(self, value) -> str:
        text = clean_text(value, self.read_length)
        return {"lower": text.lower(), "upper": text.upper()}.get(self.case, text)


class KnownValueField(CleanTextField):
    """A lower-cased value among ``known`` (a mapping or set, or a callable returning one); anything else is
    an ``invalid_choice`` error whose message names the value."""

    def __init__(self, known, invalid_message, **kwargs):
        super().__init__(case="lower", error_messages={"invalid_choice": invalid_message}, **kwargs)
        self.known = known

    def validate(self, value):
        known = self.known() if callable(self.known) else self.known
        if value and value not in known:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )


class CleanModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField by ``to_field_name``, reading the value like CleanTextField first."""

    def __init__(self, queryset, *, read_length: int, case: str, invalid_message, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset, error_messages={"invalid_choice": invalid_message}, **kwargs)
        self.reader = CleanTextField(read_length=read_length, case=case)

    def to_python(self, value):
        return super().to_python(self.reader.to_python(value))


class AnnuaireForm(forms.Form):
    """The annuaire's GET parameters (French names, as in the URL). A value that does not validate is
    ignored, and its error message becomes a French notice for the visitor (``notices``); ``params()`` gives
    the validated values. The form never rejects a request."""

    q = CleanTextField()
    mission = KnownValueField(
        MISSIONS, gettext_lazy("Mission inconnue « %(value)s » : ce filtre a été ignoré.")
    )
    departement = CleanModelChoiceField(
        Department.objects.all(),
        to_field_name="code",
        read_length=3,
        case="upper",
        invalid_message=gettext_lazy("Département inconnu « %(value)s » : ce filtre a été ignoré."),
    )
    theme = CleanModelChoiceField(
        ThemeTag.objects.all(),
        to_field_name="slug",
        read_length=MAX_TEXT_LENGTH,
        case="lower",
        invalid_message=gettext_lazy("Thème inconnu « %(value)s » : ce filtre a été ignoré."),
    )
    reseau = KnownValueField(
        PLATFORMS, gettext_lazy("Réseau social inconnu « %(value)s » : ce filtre a été ignoré.")
    )
    type = KnownValueField(
        lambda: StructureType.values,
        gettext_lazy("Type de structure inconnu « %(value)s » : ce filtre a été ignoré."),
    )
    disponible = KnownValueField(
        AVAILABILITY, gettext_lazy("Disponibilité inconnue « %(value)s » : ce filtre a été ignoré.")
    )
    pres_de = CleanTextField()
    rayon = CleanTextField(read_length=10)
    page = CleanTextField(read_length=10)

    def __init__(self, data, section):
        super().__init__(data)
        self.section = section
        self.own_department = section.department if section else None
        if self.own_department is not None:
            # A département's annuaire: any other code is out of scope, known or not (no lookup).
            self.fields["departement"] = CleanTextField(read_length=3, case="upper")
        self.extra_notices: list[str] = []
        self.suggestions: list[Commune] = []
        self.commune_not_found = False

    def clean_departement(self):
        value = self.cleaned_data.get("departement")
        if self.own_department is None:
            return value
        if value and value != self.own_department.code:
            raise ValidationError(
                _(
                    "Cet annuaire ne présente que les promeneurs %(of_name)s : "
                    "le filtre « département » a été ignoré. L'annuaire national couvre tout le réseau."
                ),
                code="out_of_scope",
                params={"of_name": self.own_department.of_name},
            )
        return None

    def clean(self):
        cleaned = super().clean()
        raw_radius = cleaned.get("rayon", "")
        cleaned["commune"] = None
        cleaned["rayon"] = DEFAULT_RADIUS_KM
        pres_de = cleaned.get("pres_de")
        if pres_de and _POSITION.match(pres_de):
            position = self.position(pres_de)
            cleaned["pres_de"] = position.name if position else ""
            cleaned["commune"] = position
            cleaned["rayon"] = self.radius(raw_radius) if position else DEFAULT_RADIUS_KM
        elif pres_de:
            cleaned["commune"] = self.commune(pres_de)
            cleaned["rayon"] = self.radius(raw_radius)
        return cleaned

    @property
    def notices(self) -> list[str]:
        """Why values were ignored, in the order of the parameters."""
        self.is_valid()
        ignored = [str(message) for errors in self.errors.values() for message in errors]
        return ignored + self.extra_notices

    def params(self) -> AnnuaireParams:
        self.is_valid()
        data = self.cleaned_data
        return AnnuaireParams(
            q=data.get("q", ""),
            mission=data.get("mission", ""),
            departement=data.get("departement"),
            theme=data.get("theme"),
            reseau=data.get("reseau", ""),
            type=data.get("type", ""),
            disponible=data.get("disponible", ""),
            pres_de=data.get("pres_de", ""),
            rayon=data.get("rayon", DEFAULT_RADIUS_KM),
            commune=data.get("commune"),
            page=data.get("page") or "1",
        )

    def position(self, text: str) -> Commune | None:
        """A "latitude,longitude" position, rounded to POSITION_DECIMALS (about 1 km), as an unsaved Commune
        (``pk`` None) named by the rounded position, so that the distance search and the shareable URL only
        ever hold the rounded value. Numbers out of range give a French notice and no distance order."""
        match = _POSITION.match(text)
        latitude, longitude = float(match[1]), float(match[2])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            self.extra_notices.append(
                _(
                    "Position « %(value)s » non comprise : la latitude doit être comprise entre -90 et 90, "
                    "la longitude entre -180 et 180. Les résultats ne sont pas triés par distance ; indiquez "
                    "une commune ou un code postal."
                )
                % {"value": text}
            )
            return None
        latitude, longitude = round(latitude, POSITION_DECIMALS), round(longitude, POSITION_DECIMALS)
        return Commune(name=f"{latitude:.2f},{longitude:.2f}", latitude=latitude, longitude=longitude)

    def commune(self, text: str) -> Commune | None:
        lookup = find_commune(text)
        if lookup.commune is None:
            self.commune_not_found = True
            self.suggestions = lookup.suggestions
            self.extra_notices.append(
                _(
                    "Commune introuvable : « %(value)s ». Les résultats ne sont pas triés par distance ; "
                    "vérifiez l'orthographe ou indiquez un code postal."
                )
                % {"value": text}
            )
        return lookup.commune

    def radius(self, raw: str) -> int:
        """Whole kilometres (positions are only as precise as a town's centre), within the bounds; a value
        out of them is brought back with a notice, one not understood replaced by the default."""
        if not raw:
            return DEFAULT_RADIUS_KM
        try:
            number = float(raw.replace(",", "."))
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            self.extra_notices.append(
                _("Rayon « %(value)s » non compris : rayon de %(default)d km utilisé.")
                % {"value": raw, "default": DEFAULT_RADIUS_KM}
            )
            return DEFAULT_RADIUS_KM
        rounded = round(number)
        clamped = min(MAX_RADIUS_KM, max(MIN_RADIUS_KM, rounded))
        if clamped != rounded:
            self.extra_notices.append(
                _("Le rayon doit être compris entre %(min)d et %(max)d km : rayon de %(value)d km utilisé.")
                % {"min": MIN_RADIUS_KM, "max": MAX_RADIUS_KM, "value": clamped}
            )
        return clamped


def parse_params(data, section) -> tuple[AnnuaireParams, AnnuaireForm]:
    form = AnnuaireForm(data, section)
    return form.params(), form


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
    if params.disponible:
        queryset = queryset.filter(availability_condition(params.disponible))
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
    """A filter on promeneurs matching ``text`` according to Wagtail's search backend (the fields declared in
    PromeneurPage.search_fields: names, job, structure, town, themes, handles), through the search seam
    (search/matching.py). A page of results is read with the per-row form of the condition where the backend
    has one (PostgreSQL: the planner walks the annuaire's sort index and stops after a page); counting
    (``counting``) uses the matches' ids, which costs what the matches cost."""
    words = search_words(text)
    if not words:
        return Q(pk__in=PromeneurPage.objects.none().values("pk"))
    return matcher_for().match_condition(PromeneurPage, words, correlated=not counting)


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
    ``details``, only what an HTML card shows (no themes)."""
    Image = get_image_model()
    photos = Image.objects.prefetch_renditions(*CARD_PHOTO_SPECS)
    queryset = queryset.select_related("structure__commune", "department").prefetch_related(
        Prefetch("photo", queryset=photos),
        Prefetch("structure__logo", queryset=photos),
        Prefetch("tagged_missions", queryset=TaggedMission.objects.select_related("tag")),
        # A card answers without opening the profile: its networks and its next office hours.
        Prefetch("social_profiles", queryset=SocialProfile.objects.order_by("sort_order", "pk")),
        Prefetch("permanences", queryset=Permanence.objects.order_by("weekday", "start_time", "pk")),
    )
    if details:
        queryset = queryset.prefetch_related(
            Prefetch("tagged_themes", queryset=TaggedTheme.objects.select_related("tag")),
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
    form: AnnuaireForm
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
            notices=self.form.notices,
            suggestions=self.form.suggestions,
            commune_not_found=self.form.commune_not_found,
        )


def build_query(data, section) -> AnnuaireQuery:
    params, form = parse_params(data, section)
    scoped = scoped_promeneurs(section)
    return AnnuaireQuery(
        params=params,
        form=form,
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
