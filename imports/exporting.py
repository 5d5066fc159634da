"""The export of a département's annuaire, in the columns of the import (so that it imports back unchanged)."""

from __future__ import annotations

from directory.models import PromeneurPage, StructurePage
from imports import columns as C
from imports.plan import annuaire_for, latest, office_hours_text


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def export_rows(department) -> list[list[str]]:
    annuaire = annuaire_for(department)
    if annuaire is None:
        return []
    structures = [latest(page) for page in StructurePage.objects.child_of(annuaire).order_by("path")]
    promeneurs_by_parent: dict = {}
    promeneurs = (
        PromeneurPage.objects.descendant_of(annuaire)
        .order_by("path")
        .prefetch_related("tagged_missions__tag", "tagged_themes__tag", "social_profiles", "permanences")
    )
    for page in promeneurs:
        promeneurs_by_parent.setdefault(page.path[: -PromeneurPage.steplen], []).append(latest(page))
    rows = []
    for structure in structures:
        structure_values = [
            department.code,
            structure.title,
            structure.get_structure_type_display() if structure.structure_type else "",
            structure.address,
            structure.commune.name if structure.commune_id else "",
            structure.postcode,
            structure.email,
            structure.phone,
            structure.website,
            _date(structure.convention_start),
            _date(structure.convention_end),
        ]
        children = promeneurs_by_parent.get(structure.path, [])
        if not children:
            rows.append(structure_values + [""] * len(C.PROMENEUR_COLUMNS))
        for promeneur in children:
            rows.append(
                structure_values
                + [
                    promeneur.first_name,
                    promeneur.last_name,
                    promeneur.job_title,
                    ", ".join(sorted(str(tag.name) for tag in promeneur.missions.all())),
                    " ; ".join(str(tag.name) for tag in promeneur.themes.all()),
                    promeneur.get_status_display(),
                    " ".join(profile.url for profile in promeneur.social_profiles.all()),
                    office_hours_text(
                        (p.weekday, p.start_time, p.end_time, p.platform) for p in promeneur.permanences.all()
                    ),
                    _date(promeneur.charter_signed_on),
                ]
            )
    return rows
