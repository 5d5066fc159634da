"""Checking an uploaded table against the annuaire of one département (the preview), and applying it.

Rows are matched on a stable key so that importing the same file twice updates instead of duplicating:
a structure on its name and commune (StructurePage has no SIRET field), a promeneur on their first name
within the structure (PromeneurPage has no e-mail field). Values are compared with the latest revision of
each page (a pending draft included), so that an export imported back is "inchangé" on every row.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.navigation import deferred_tree_changes
from core.search_index import deferred_search_index
from core.text import fold
from directory.models import (
    SUGGESTED_THEMES,
    AnnuairePage,
    MissionTag,
    Permanence,
    PromeneurPage,
    PromeneurStatus,
    SocialProfile,
    StructurePage,
    StructureType,
    TaggedMission,
    TaggedTheme,
    ThemeTag,
    annuaire_sort_key,
)
from directory.social import (
    PLATFORM_CHOICES,
    detect_platform,
    handle_from_url,
    normalise_profile,
    validate_profile_url,
)
from geo.lookup import find_commune
from geo.models import Commune
from imports import columns as C
from imports.bulk import NewPage, create_pages
from imports.tabular import FORMULA, Table

CREATE, UPDATE, SAME, ERROR = "creation", "modification", "inchange", "erreur"
STATUS_LABELS = {CREATE: "création", UPDATE: "modification", SAME: "inchangé", ERROR: "erreur"}
STRUCTURE_FIELDS = [
    "title",
    "structure_type",
    "address",
    "commune_id",
    "postcode",
    "email",
    "phone",
    "website",
    "convention_start",
    "convention_end",
]
PROMENEUR_FIELDS = ["first_name", "last_name", "job_title", "status", "charter_signed_on"]
#: Promeneur columns → what they set (the first name is the key; themes and office hours are handled apart).
PROMENEUR_COLUMN_FIELDS = {
    C.LAST_NAME: "last_name",
    C.JOB_TITLE: "job_title",
    C.STATUS: "status",
    C.CHARTER: "charter_signed_on",
    C.MISSIONS: "missions",
    C.PROFILES: "profiles",
}
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
_SPLIT_MISSIONS = re.compile(r"\s*(?:[,;/+]|\bet\b)\s*")
_SPLIT_PROFILES = re.compile(r"[\s;]+")
_SPLIT_LIST = re.compile(r"\s*[;\n]\s*")  # themes and office hours (a theme may contain a comma)
_TIME = r"\d{1,2}(?:\s*[:h]\s*\d{2}|\s*h)?"
_OFFICE_HOUR = re.compile(
    rf"^(?P<day>[^\W\d_]+)\s+(?:de\s+)?(?P<start>{_TIME})\s*(?:-|–|à)\s*(?P<end>{_TIME})"
    r"\s*(?:\((?P<platform>[^)]*)\))?$",
    re.IGNORECASE,
)


@dataclass
class RowResult:
    number: int
    structure_name: str = ""
    promeneur_name: str = ""
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column, French message)
    structure_action: str = SAME
    promeneur_action: str | None = None
    changed: list[str] = field(default_factory=list)  # columns whose value changes

    @property
    def status(self) -> str:
        if self.errors:
            return ERROR
        actions = {self.structure_action, self.promeneur_action}
        if CREATE in actions:
            return CREATE
        if UPDATE in actions:
            return UPDATE
        return SAME

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class _Structure:
    values: dict
    first_row: int
    page: StructurePage | None  # the latest revision of the existing page, else None
    action: str = SAME
    absent: frozenset = frozenset()  # fields whose column the file lacks: an existing page keeps them
    # first-name key → _Promeneur
    promeneurs: dict = field(default_factory=dict)


@dataclass
class _Promeneur:
    values: dict
    missions: list
    profiles: list  # [(platform, handle, url, key)]
    page: PromeneurPage | None
    action: str = SAME
    absent: frozenset = frozenset()  # fields (and "missions", "profiles") whose column the file lacks
    themes: list | None = None  # tag names; None: the file has no « Thèmes » column (left as they are)
    office_hours: list | None = None  # [(weekday, start, end, platform)]; None: no « Permanences » column


@dataclass
class Plan:
    department: object
    annuaire: AnnuairePage
    rows: list[RowResult]
    structures: list[_Structure]
    missing_columns: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    @property
    def is_valid(self) -> bool:
        return not self.missing_columns and not self.errors

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    def counts(self) -> dict:
        promeneurs = [p for s in self.structures for p in s.promeneurs.values()]
        return {
            "rows": len(self.rows),
            "creations": self.count(CREATE),
            "modifications": self.count(UPDATE),
            "unchanged": self.count(SAME),
            "errors": self.count(ERROR),
            "structures_created": sum(1 for s in self.structures if s.action == CREATE),
            "structures_updated": sum(1 for s in self.structures if s.action == UPDATE),
            "promeneurs_created": sum(1 for p in promeneurs if p.action == CREATE),
            "promeneurs_updated": sum(1 for p in promeneurs if p.action == UPDATE),
        }


def annuaire_for(department) -> AnnuairePage:
    """The département's own annuaire (of its home in the default locale)."""
    from wagtail.models import Locale

    from departments.models import DepartmentHomePage

    home = DepartmentHomePage.objects.filter(department=department, locale=Locale.get_default()).first()
    if home is None:
        home = DepartmentHomePage.objects.filter(department=department).first()
    if home is None:
        return None
    return AnnuairePage.objects.child_of(home).first()


def latest(page):
    return page.get_latest_revision_as_object() if page.has_unpublished_changes else page


# Reading cells ---------------------------------------------------------------------------------------------


class _Cells:
    def __init__(self, row: dict, result: RowResult):
        self.row, self.result = row, result

    def error(self, column: str, message: str):
        self.result.errors.append((column, message))

    def text(self, column: str, max_length: int, required: bool = False, label: str = "") -> str:
        value = self.row.get(column, "")
        if value is FORMULA:
            self.error(
                column,
                _(
                    "La cellule contient une formule : les formules ne sont jamais calculées, saisissez la valeur."
                ),
            )
            return ""
        multiline = column in (C.PROFILES, C.THEMES, C.OFFICE_HOURS)
        value = value.strip() if multiline else " ".join(value.split())
        if required and not value:
            self.error(column, _("Ce champ est obligatoire."))
        elif len(value) > max_length:
            self.error(column, _("Trop long : %(max)s caractères au plus.") % {"max": max_length})
            return value[:max_length]
        return value

    def date(self, column: str):
        value = self.text(column, 30)
        if not value:
            return None
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        self.error(column, _("Date illisible « %(value)s » : écrivez-la JJ/MM/AAAA.") % {"value": value})
        return None


def _choice(value: str, choices) -> str | None:
    folded = fold(value)
    for key, label in choices:
        if folded in (fold(key), fold(str(label))):
            return key
    for key, label in choices:
        if fold(str(label)).startswith(folded + " "):  # "Actif" for "Actif (labellisé)"
            return key
    return None


def _time(text: str) -> datetime.time | None:
    """« 14 », « 14h », « 14h30 », « 14:30 » → 14:00 / 14:30; None when not an hour of the day."""
    hours, _sep, minutes = re.sub(r"\s+", "", text.lower()).replace("h", ":").partition(":")
    try:
        return datetime.time(int(hours), int(minutes or 0))
    except ValueError:
        return None


def office_hours_text(slots) -> str:
    """The « Permanences » cell of ``[(weekday, start, end, platform)]``, as the import reads it back."""
    labels = dict(PLATFORM_CHOICES)
    return " ; ".join(
        f"{C.WEEKDAYS[weekday]} {start:%H:%M}-{end:%H:%M}" + (f" ({labels[platform]})" if platform else "")
        for weekday, start, end, platform in slots
    )


class Checker:
    def __init__(self, department, user=None):
        self.department = department
        self.annuaire = annuaire_for(department)
        self.missions = {}
        for tag in MissionTag.objects.all():
            self.missions[fold(tag.name)] = tag
            self.missions[fold(tag.slug)] = tag
        self.communes = {}
        self.existing = {}
        for page in StructurePage.objects.child_of(self.annuaire).select_related("commune"):
            self.existing[(fold(page.title), page.commune_id)] = page

    def commune(self, cells: _Cells, name: str, postcode: str):
        if not name:
            return None
        query = f"{name} ({postcode})" if postcode and not name.isdigit() else name
        if query not in self.communes:
            self.communes[query] = find_commune(query)
        lookup = self.communes[query]
        if lookup.commune is None and query != name:  # a wrong postcode: find the town, then say so
            if name not in self.communes:
                self.communes[name] = find_commune(name)
            lookup = self.communes[name]
        if lookup.commune is None:
            message = _("Commune inconnue : « %(name)s ».") % {"name": name}
            if lookup.suggestions:
                message += " " + _("Vouliez-vous dire : %(names)s ?") % {
                    "names": ", ".join(f"{c.name} ({c.main_postcode})" for c in lookup.suggestions[:3])
                }
            cells.error(C.COMMUNE, message)
            return None
        commune = lookup.commune
        if commune.department_code != self.department.code:
            cells.error(
                C.COMMUNE,
                _(
                    "%(commune)s est dans le département %(other)s : cette ligne vise un autre département que %(department)s (%(code)s)."
                )
                % {
                    "commune": commune.name,
                    "other": commune.department_code,
                    "department": self.department.name,
                    "code": self.department.code,
                },
            )
            return None
        if postcode and postcode not in commune.postcode_list:
            cells.error(
                C.POSTCODE,
                _("Ce code postal ne correspond pas à %(commune)s (%(codes)s).")
                % {"commune": commune.name, "codes": ", ".join(commune.postcode_list)},
            )
        return commune

    def check(self, table: Table) -> Plan:
        plan = Plan(department=self.department, annuaire=self.annuaire, rows=[], structures=[])
        present = set(table.headers)
        plan.missing_columns = [h for h in (C.STRUCTURE, C.COMMUNE) if h not in present]
        plan.unknown_columns = [h for h in table.headers if h and h not in C.HEADERS]
        if plan.missing_columns:
            return plan
        self.present = present
        # A column the file lacks (an older template) leaves that field of existing pages as it is.
        self.absent_structure = frozenset(
            name
            for column, name in zip(C.STRUCTURE_COLUMNS, STRUCTURE_FIELDS, strict=True)
            if column not in present
        )
        self.absent_promeneur = frozenset(
            name for column, name in PROMENEUR_COLUMN_FIELDS.items() if column not in present
        )
        structures: dict = {}
        profile_rows: dict = {}  # key → (row number, promeneur key)
        for number, row in table.rows:
            result = RowResult(number=number)
            plan.rows.append(result)
            self._row(row, result, structures, profile_rows)
        plan.structures = list(structures.values())
        self._check_profiles_taken(plan, profile_rows)
        self._actions(plan)
        return plan

    def _row(self, row, result, structures, profile_rows):
        cells = _Cells(row, result)
        department = cells.text(C.DEPARTMENT, 3).upper()
        if department and department.zfill(2) != self.department.code:
            cells.error(
                C.DEPARTMENT,
                _("Cette ligne vise le département %(other)s : vous importez dans %(department)s (%(code)s).")
                % {"other": department, "department": self.department.name, "code": self.department.code},
            )
        name = cells.text(C.STRUCTURE, 255, required=True)
        result.structure_name = name
        type_text = cells.text(C.STRUCTURE_TYPE, 80)
        structure_type = StructureType.OTHER
        if type_text:
            structure_type = _choice(type_text, StructureType.choices)
            if structure_type is None:
                cells.error(
                    C.STRUCTURE_TYPE, _("Type de structure inconnu : « %(value)s ».") % {"value": type_text}
                )
        postcode = cells.text(C.POSTCODE, 5)
        if postcode.isdigit() and len(postcode) == 4:
            postcode = "0" + postcode  # a spreadsheet read 04000 as a number
        commune = self.commune(cells, cells.text(C.COMMUNE, 100, required=True), postcode)
        email = cells.text(C.STRUCTURE_EMAIL, 254)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                cells.error(
                    C.STRUCTURE_EMAIL, _("Adresse e-mail invalide : « %(value)s ».") % {"value": email}
                )
        website = cells.text(C.WEBSITE, 200)
        if website:
            try:
                URLValidator(schemes=["http", "https"])(website)
            except ValidationError:
                cells.error(
                    C.WEBSITE, _("Adresse de site web invalide : « %(value)s ».") % {"value": website}
                )
        start, end = cells.date(C.CONVENTION_START), cells.date(C.CONVENTION_END)
        if start and end and end < start:
            cells.error(C.CONVENTION_END, _("La fin de la convention précède son début."))
        values = {
            "title": name,
            "structure_type": structure_type,
            "address": cells.text(C.ADDRESS, 200),
            "commune_id": commune.pk if commune else None,
            "postcode": postcode or (commune.main_postcode if commune else ""),
            "email": email,
            "phone": cells.text(C.STRUCTURE_PHONE, 30),
            "website": website,
            "convention_start": start,
            "convention_end": end,
        }
        structure = None
        if name and commune:
            key = (fold(name), commune.pk)
            structure = structures.get(key)
            if structure is None:
                existing = self.existing.get(key)
                structure = _Structure(
                    values=values,
                    first_row=result.number,
                    page=latest(existing) if existing else None,
                    absent=self.absent_structure,
                )
                structures[key] = structure
            elif structure.values != values and not result.errors:
                differing = [
                    column
                    for column, field_name in zip(C.STRUCTURE_COLUMNS, STRUCTURE_FIELDS, strict=True)
                    if structure.values[field_name] != values[field_name]
                ]
                cells.error(
                    differing[0] if differing else C.STRUCTURE,
                    _(
                        "Cette structure est décrite autrement ligne %(row)s : recopiez les mêmes informations."
                    )
                    % {"row": structure.first_row},
                )
        result.structure_row = structure
        first_name = cells.text(C.FIRST_NAME, 60)
        if not first_name:
            if any(cells.text(column, 2000) for column in C.PROMENEUR_COLUMNS[1:] if row.get(column)):
                cells.error(C.FIRST_NAME, _("Le prénom est obligatoire pour décrire un promeneur."))
            return
        result.promeneur_name = first_name
        job_title = cells.text(C.JOB_TITLE, 120, required=C.JOB_TITLE in self.present)
        missions = []
        for part in _SPLIT_MISSIONS.split(cells.text(C.MISSIONS, 200)):
            if not part:
                continue
            tag = self.missions.get(fold(part))
            if tag is None:
                cells.error(
                    C.MISSIONS,
                    _("Mission inconnue : « %(value)s » (Jeunesse ou Parentalité).") % {"value": part},
                )
            elif tag not in missions:
                missions.append(tag)
        status_text = cells.text(C.STATUS, 40)
        status = None
        if status_text:
            status = _choice(status_text, PromeneurStatus.choices)
            if status is None:
                cells.error(
                    C.STATUS,
                    _("Statut inconnu : « %(value)s » (Candidat, Actif, Suspendu ou Retiré).")
                    % {"value": status_text},
                )
        profiles = []
        for raw in _SPLIT_PROFILES.split(cells.text(C.PROFILES, 3000)):
            if not raw:
                continue
            url = raw if "://" in raw else "https://" + raw
            platform = detect_platform(url)
            try:
                if platform is None:
                    raise ValidationError(_("adresse non reconnue"))
                validate_profile_url(platform, url)
            except ValidationError as error:
                cells.error(
                    C.PROFILES,
                    _("Profil « %(value)s » refusé : %(reason)s")
                    % {"value": raw, "reason": " ".join(error.messages)},
                )
                continue
            key = normalise_profile(url, platform) or ""
            if key in profile_rows and profile_rows[key][0] != result.number:
                cells.error(
                    C.PROFILES,
                    _("Le profil « %(value)s » figure déjà ligne %(row)s.")
                    % {"value": raw, "row": profile_rows[key][0]},
                )
                continue
            profile_rows.setdefault(key, (result.number, result))
            handle = (handle_from_url(platform, url) or raw)[:100]
            profiles.append((platform, handle, url[:500], key))
        values = {
            "first_name": first_name,
            "last_name": cells.text(C.LAST_NAME, 80),
            "job_title": job_title,
            "status": status,
            "charter_signed_on": cells.date(C.CHARTER),
        }
        if structure is None:
            if C.THEMES in self.present:  # still say what is wrong in these columns
                self._themes(cells, cells.text(C.THEMES, 2000), None)
            if C.OFFICE_HOURS in self.present:
                self._office_hours(cells, cells.text(C.OFFICE_HOURS, 2000))
            return
        promeneur_key = fold(first_name)
        if promeneur_key in structure.promeneurs:
            cells.error(
                C.FIRST_NAME,
                _("Un promeneur « %(name)s » de cette structure figure déjà ligne %(row)s.")
                % {"name": first_name, "row": structure.promeneurs[promeneur_key].row},
            )
            return
        page = None
        if structure.page is not None:
            for candidate in PromeneurPage.objects.child_of(structure.page).filter(
                first_name__iexact=first_name
            ):
                page = latest(candidate)
                break
            if page is None:
                for candidate in PromeneurPage.objects.child_of(structure.page):
                    if fold(candidate.first_name) == promeneur_key:
                        page = latest(candidate)
                        break
        if page is None and C.JOB_TITLE not in self.present:
            cells.error(
                C.JOB_TITLE,
                _("La colonne « %(column)s » manque : elle est obligatoire pour créer un promeneur.")
                % {"column": C.JOB_TITLE},
            )
        promeneur = _Promeneur(
            values=values,
            missions=missions,
            profiles=profiles,
            page=page,
            absent=self.absent_promeneur if page is not None else frozenset(),
        )
        if C.THEMES in self.present:
            promeneur.themes = self._themes(cells, cells.text(C.THEMES, 2000), page)
        if C.OFFICE_HOURS in self.present:
            promeneur.office_hours = self._office_hours(cells, cells.text(C.OFFICE_HOURS, 2000))
        promeneur.row = result.number
        promeneur.result = result
        structure.promeneurs[promeneur_key] = promeneur
        result.promeneur = promeneur

    def _themes(self, cells: _Cells, text: str, page) -> list[str]:
        """Themes of the suggested list (and those the promeneur already has, added in the admin), separated
        by « ; » or line breaks; a list written with commas (« Santé, Loisirs, sports et culture ») is read
        by matching the longest known theme at each comma."""
        known = {fold(name): name for name in SUGGESTED_THEMES}
        if page is not None:
            known.update({fold(tag.name): tag.name for tag in page.themes.all()})
        names: list[str] = []
        for part in _SPLIT_LIST.split(text):
            pieces = [" ".join(piece.split()) for piece in part.split(",")]
            start = 0
            while start < len(pieces):
                for end in range(len(pieces), start, -1):
                    name = known.get(fold(", ".join(pieces[start:end])))
                    if name:
                        if name not in names:
                            names.append(name)
                        start = end
                        break
                else:
                    if pieces[start]:
                        cells.error(
                            C.THEMES,
                            _(
                                "Thème inconnu : « %(value)s ». Thèmes possibles : %(names)s (séparés par un "
                                "point-virgule). Un autre thème s'ajoute dans l'administration, fiche par fiche."
                            )
                            % {"value": pieces[start], "names": " ; ".join(SUGGESTED_THEMES)},
                        )
                    start += 1
        return names

    def _office_hours(self, cells: _Cells, text: str) -> list[tuple]:
        weekdays = {fold(day): number for number, day in enumerate(C.WEEKDAYS)}
        slots = []
        for part in _SPLIT_LIST.split(text):
            part = " ".join(part.split())
            if not part:
                continue
            match = _OFFICE_HOUR.match(part)
            weekday = weekdays.get(fold(match["day"])) if match else None
            start = _time(match["start"]) if match else None
            end = _time(match["end"]) if match else None
            if weekday is None or start is None or end is None:
                cells.error(
                    C.OFFICE_HOURS,
                    _(
                        "Permanence illisible « %(value)s » : écrivez le jour et les heures, "
                        "par exemple « mercredi 14:00-17:00 (Instagram) »."
                    )
                    % {"value": part},
                )
                continue
            platform = ""
            if match["platform"]:
                platform = _choice(match["platform"].strip(), PLATFORM_CHOICES)
                if platform is None:
                    cells.error(
                        C.OFFICE_HOURS,
                        _("Réseau inconnu « %(value)s » dans la permanence « %(slot)s ».")
                        % {"value": match["platform"].strip(), "slot": part},
                    )
                    continue
            if end <= start:
                cells.error(
                    C.OFFICE_HOURS,
                    _("Permanence « %(value)s » : l'heure de fin doit être après l'heure de début.")
                    % {"value": part},
                )
                continue
            if any(
                day == weekday and start < other_end and other_start < end
                for day, other_start, other_end, _p in slots
            ):
                cells.error(
                    C.OFFICE_HOURS,
                    _("La permanence « %(value)s » chevauche un autre créneau du même jour.")
                    % {"value": part},
                )
                continue
            slots.append((weekday, start, end, platform))
        return slots

    def _check_profiles_taken(self, plan, profile_rows):
        if not profile_rows:
            return
        taken = SocialProfile.objects.filter(
            normalised_key__in=list(profile_rows), promeneur__status=PromeneurStatus.ACTIVE
        ).values_list("normalised_key", "promeneur_id", "url")
        for key, promeneur_id, url in taken:
            number, result = profile_rows[key]
            promeneur = getattr(result, "promeneur", None)
            if promeneur is not None and promeneur.page is not None and promeneur.page.pk == promeneur_id:
                continue
            result.errors.append(
                (
                    C.PROFILES,
                    _("Le profil « %(url)s » est déjà celui d'un autre promeneur actif.") % {"url": url},
                )
            )

    def _actions(self, plan):
        by_row = {row.number: row for row in plan.rows}
        for structure in plan.structures:
            result = by_row[structure.first_row]
            if structure.page is None:
                structure.action = CREATE
                result.changed += C.STRUCTURE_COLUMNS
            else:
                changed = [
                    column
                    for column, name in zip(C.STRUCTURE_COLUMNS, STRUCTURE_FIELDS, strict=True)
                    if name != "title"
                    and name not in structure.absent
                    and getattr(structure.page, name) != structure.values[name]
                ]
                structure.action = UPDATE if changed else SAME
                result.changed += changed
            result.structure_action = structure.action
            for promeneur in structure.promeneurs.values():
                row = promeneur.result
                if promeneur.page is None:
                    promeneur.action = CREATE
                    row.changed += C.PROMENEUR_COLUMNS
                else:
                    changed = _promeneur_changes(promeneur)
                    promeneur.action = UPDATE if changed else SAME
                    row.changed += changed
                row.promeneur_action = promeneur.action


def _promeneur_changes(promeneur) -> list[str]:
    page, values = promeneur.page, promeneur.values
    changed = []
    for column, name in (
        (C.LAST_NAME, "last_name"),
        (C.JOB_TITLE, "job_title"),
        (C.STATUS, "status"),
        (C.CHARTER, "charter_signed_on"),
    ):
        if (name == "status" and values[name] is None) or name in promeneur.absent:
            continue
        if getattr(page, name) != values[name]:
            changed.append(column)
    if "missions" not in promeneur.absent and sorted(tag.pk for tag in page.missions.all()) != sorted(
        tag.pk for tag in promeneur.missions
    ):
        changed.append(C.MISSIONS)
    current = [(p.platform, p.url) for p in page.social_profiles.all()]
    if "profiles" not in promeneur.absent and current != [
        (platform, url) for platform, _handle, url, _key in promeneur.profiles
    ]:
        changed.append(C.PROFILES)
    if promeneur.themes is not None and _theme_keys(page) != sorted(fold(n) for n in promeneur.themes):
        changed.append(C.THEMES)
    if promeneur.office_hours is not None and _office_hours_of(page) != promeneur.office_hours:
        changed.append(C.OFFICE_HOURS)
    return changed


def _theme_keys(page) -> list[str]:
    return sorted(fold(tag.name) for tag in page.themes.all())


def _office_hours_of(page) -> list[tuple]:
    return [(p.weekday, p.start_time, p.end_time, p.platform) for p in page.permanences.all()]


# Applying --------------------------------------------------------------------------------------------------


#: Promeneur rows written per batch of new pages (and between two progress reports).
BATCH_ROWS = 100


def _unique_slug(base: str, taken: set) -> str:
    """A slug from ``base`` not in ``taken`` (the slugs under the parent, this import's included)."""
    base = (slugify(base) or "page")[:200]
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _child_slugs(parent) -> set:
    return set(parent.get_children().values_list("slug", flat=True))


def _save(page, user, publish: bool):
    """An existing page's changes: a revision (logged « wagtail.edit »), published if asked."""
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)


def _update_promeneur(promeneur, user, publish: bool):
    """An existing promeneur's changes, through Wagtail's save path (a revision; published if asked)."""
    child = promeneur.page
    for name, value in promeneur.values.items():
        if (value is not None or name != "status") and name not in promeneur.absent:
            setattr(child, name, value)
    if "missions" not in promeneur.absent:
        child.missions.set(promeneur.missions)
    current = [(p.platform, p.url) for p in child.social_profiles.all()]
    wanted = [(platform, url) for platform, _handle, url, _key in promeneur.profiles]
    if "profiles" not in promeneur.absent and current != wanted:
        child.social_profiles = [
            SocialProfile(platform=platform, handle=handle, url=url)
            for platform, handle, url, _key in promeneur.profiles
        ]
    if promeneur.themes is not None and _theme_keys(child) != sorted(fold(name) for name in promeneur.themes):
        child.themes.set(promeneur.themes)
    if promeneur.office_hours is not None and _office_hours_of(child) != promeneur.office_hours:
        child.permanences = [
            Permanence(weekday=weekday, start_time=start, end_time=end, platform=platform)
            for weekday, start, end, platform in promeneur.office_hours
        ]
    # An update only adds a revision (the page's row keeps its live content until published).
    _save(child, user, publish)
    return child


def _theme_tags(plan) -> dict:
    """The theme tags of the new promeneurs by name, created when missing (as taggit's ``set`` does)."""
    names = {
        name
        for structure in plan.structures
        for promeneur in structure.promeneurs.values()
        if promeneur.action == CREATE
        for name in promeneur.themes or ()
    }
    tags = {tag.name: tag for tag in ThemeTag.objects.filter(name__in=names)}
    for name in sorted(names - set(tags)):
        tags[name], _created = ThemeTag.objects.get_or_create(name=name)
    return tags


def _new_promeneur(promeneur, parent, slugs: set, user, theme_tags: dict) -> NewPage:
    """A new promeneur's page and child rows, with what ``PromeneurPage.save`` derives from its structure."""
    values = dict(promeneur.values)
    values["status"] = values["status"] or PromeneurStatus.APPLICANT
    page = PromeneurPage(
        title=f"{values['first_name']}, {values['job_title'].lower()}"[:255],
        slug=_unique_slug(values["first_name"], slugs),
        owner=user,
        **values,
    )
    page.structure = parent
    page.department_id = parent.department_id
    page.sort_key = annuaire_sort_key(parent, page.first_name)
    profiles = []
    for platform, handle, url, _key in promeneur.profiles:
        profile = SocialProfile(platform=platform, handle=handle, url=url)
        profile.set_verification_keys()  # what SocialProfile.save computes
        profiles.append(profile)
    children = {
        "social_profiles": profiles,
        "tagged_missions": [TaggedMission(tag=tag) for tag in promeneur.missions],
        "tagged_themes": [TaggedTheme(tag=theme_tags[name]) for name in promeneur.themes or ()],
        "permanences": [
            Permanence(weekday=weekday, start_time=start, end_time=end, platform=platform)
            for weekday, start, end, platform in promeneur.office_hours or ()
        ],
    }
    return NewPage(parent=parent, page=page, children=children)


def apply(plan: Plan, user, publish: bool, progress=None) -> dict:
    """All or nothing: one transaction; raises (and rolls back) on the first failure.

    ``progress(done, total)``, if given, is called as rows are written (``done`` rows of ``total``).
    New pages are written in batches (``imports.bulk.create_pages``: tree, rows, a revision each, the audit
    log's create/publish entries, the save and publish signals, the reference index), ending as the admin
    leaves a page it creates; changed pages go through Wagtail's save path (``save_revision``, ``publish``).
    What runs on every save runs once per import, at the end of the transaction: the search index
    (``core.search_index``, in bulk), the page-tree token that is the page cache's generation
    (``core.navigation.deferred_tree_changes``: one new token, hence one Varnish purge at commit)."""
    if not plan.is_valid:
        raise ValueError("An invalid plan cannot be applied")
    counts = plan.counts()
    total = len(plan.rows)
    updated: list = []
    # Rows describing a structure only are done with their structure; a promeneur's row with the promeneur.
    structure_rows: dict = {}
    for row in plan.rows:
        if getattr(row, "promeneur", None) is None:
            key = id(getattr(row, "structure_row", None))
            structure_rows[key] = structure_rows.get(key, 0) + 1
    done = structure_rows.pop(id(None), 0)

    def advance(rows: int):
        nonlocal done
        done += rows
        if progress is not None and rows:
            progress(done, total)

    with (
        transaction.atomic(),
        disable_reference_index_auto_update(),
        deferred_tree_changes(),
        deferred_search_index(),
    ):
        # Structures: the changed ones through Wagtail's save path, the new ones in one batch.
        new_ids = {s.values["commune_id"] for s in plan.structures if s.action == CREATE}
        communes = Commune.objects.in_bulk(new_ids) if new_ids else {}
        annuaire_slugs = _child_slugs(plan.annuaire) if new_ids else set()
        new_structures = []
        for structure in plan.structures:
            if structure.action == CREATE:
                page = StructurePage(
                    slug=_unique_slug(structure.values["title"], annuaire_slugs),
                    owner=user,
                    **structure.values,
                )
                page.commune = communes[page.commune_id]
                structure.parent = page
                new_structures.append(NewPage(parent=plan.annuaire, page=page))
            elif structure.action == UPDATE:
                page = structure.page
                for name, value in structure.values.items():
                    if name != "title" and name not in structure.absent:
                        setattr(page, name, value)
                _save(page, user, publish)
                updated.append(page)
        if new_structures:
            # What StructurePage.save takes from the tree (_department_from_tree): the département of the
            # home above the annuaire, the same for all.
            from departments.models import DepartmentHomePage

            home = DepartmentHomePage.objects.ancestor_of(plan.annuaire, inclusive=True).first()
            for entry in new_structures:
                entry.page.department_id = home.department_id if home else None
            create_pages(new_structures, user, publish)
        advance(sum(structure_rows.get(id(structure), 0) for structure in plan.structures))

        # Promeneurs: the new ones in batches of about BATCH_ROWS rows, the changed ones one by one.
        theme_tags = _theme_tags(plan)
        batch: list = []
        pending = 0
        for structure in plan.structures:
            slugs = None
            for promeneur in structure.promeneurs.values():
                pending += 1
                if promeneur.action == UPDATE:
                    updated.append(_update_promeneur(promeneur, user, publish))
                elif promeneur.action == CREATE:
                    if slugs is None:
                        if structure.action == CREATE:
                            parent, slugs = structure.parent, set()
                        else:  # the structure as it is in the database, not its latest revision
                            parent = StructurePage.objects.select_related("commune").get(pk=structure.page.pk)
                            slugs = _child_slugs(parent)
                    batch.append(_new_promeneur(promeneur, parent, slugs, user, theme_tags))
            if len(batch) >= BATCH_ROWS:
                create_pages(batch, user, publish)
                batch = []
                advance(pending)
                pending = 0
        create_pages(batch, user, publish)
        advance(pending)
        for page in updated:
            ReferenceIndex.create_or_update_for_object(type(page).objects.get(pk=page.pk))
    return counts
