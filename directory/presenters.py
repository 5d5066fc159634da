"""How a promeneur is presented: badges, networks, position and the API/CSV item, shared by the templates
(through directory_tags), the JSON API and the CSV export so that they always say the same thing.

Everything here reads relations through ``.all()`` so that the prefetches of ``with_card_relations`` are
used (no query per promeneur), and works on unsaved cluster data as well (page previews).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.text import collation_key
from directory.social import PLATFORMS, handle_from_url

#: Missions in the order badges show them.
MISSION_ORDER = {"jeunesse": 0, "parentalite": 1}


def mission_tags(promeneur) -> list:
    tags = [tagged.tag for tagged in promeneur.tagged_missions.all()]
    return sorted(tags, key=lambda tag: (MISSION_ORDER.get(tag.slug, 9), tag.slug))


def theme_tags(promeneur) -> list:
    """The promeneur's themes in French order (« Études » among the E)."""
    return sorted(
        (tagged.tag for tagged in promeneur.tagged_themes.all()), key=lambda tag: collation_key(tag.name)
    )


def networks(promeneur) -> list[dict]:
    """The promeneur's profiles, each with its platform, the handle as people know it, and its link."""
    result = []
    for profile in promeneur.social_profiles.all():
        platform = PLATFORMS.get(profile.platform)
        result.append(
            {
                "platform": profile.platform,
                "label": str(platform.label) if platform else profile.platform,
                "handle": profile.handle or handle_from_url(profile.platform, profile.url) or profile.url,
                "url": profile.url,
            }
        )
    return result


def structure_position(structure) -> tuple[float, float] | None:
    if structure is None:
        return None
    return structure.position


def town_name(structure) -> str:
    return structure.commune.name if structure is not None and structure.commune_id else ""


def distance_label(distance_km: float | None) -> str:
    """ "à 4 km" (rounded to the kilometre: a structure's position is only as precise as its town's)."""
    if distance_km is None:
        return ""
    if distance_km < 1:
        return _("à moins de 1 km")
    return _("à %(km)d km") % {"km": round(distance_km)}


def api_item(promeneur, request) -> dict:
    """One promeneur as the JSON API (and the CSV export) show it: only what the public card shows."""
    structure = promeneur.structure
    item = {
        "id": promeneur.pk,
        # The canonical address (the département's own domain when it has one), whichever site is asked.
        "url": promeneur.get_full_url(),
        "first_name": promeneur.first_name,
        "job_title": promeneur.job_title,
        "structure": {"name": structure.title if structure else "", "town": town_name(structure)},
        "department_code": promeneur.department.code if promeneur.department_id else "",
        "missions": [tag.slug for tag in mission_tags(promeneur)],
        "themes": [tag.name for tag in theme_tags(promeneur)],
        "networks": [
            {"platform": network["platform"], "handle": network["handle"], "url": network["url"]}
            for network in networks(promeneur)
        ],
    }
    if getattr(promeneur, "distance_km", None) is not None:
        item["distance_km"] = round(promeneur.distance_km, 1)
    return item
