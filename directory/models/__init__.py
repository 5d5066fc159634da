"""The annuaire: structures (employers) and the promeneurs they mandate, as pages of each département's
tree (Annuaire › Structure › Promeneur), so drafts, revisions, previews, moderation workflows, page
permissions and search indexing all come from Wagtail.

One module per concept; everything is importable from ``directory.models``."""

from directory.models.annuaire import AnnuairePage
from directory.models.forms import (
    DirectoryPageForm,
    ProfileInlinePanel,
    PromeneurPageForm,
    SocialProfileForm,
    TagNamesField,
    other_theme_names,
)
from directory.models.promeneurs import (
    TIME_INPUT,
    Gender,
    Permanence,
    PromeneurManager,
    PromeneurPage,
    PromeneurQuerySet,
    SocialProfile,
    annuaire_sort_key,
    complete_card,
    completeness_items,
)
from directory.models.status import PromeneurStatus
from directory.models.structures import (
    InterventionField,
    StructureManager,
    StructurePage,
    StructureQuerySet,
    StructureType,
    convention_in_force,
)
from directory.models.tags import SUGGESTED_THEMES, MissionTag, TaggedMission, TaggedTheme, ThemeTag

__all__ = [
    "SUGGESTED_THEMES",
    "TIME_INPUT",
    "AnnuairePage",
    "DirectoryPageForm",
    "Gender",
    "InterventionField",
    "MissionTag",
    "Permanence",
    "ProfileInlinePanel",
    "PromeneurManager",
    "PromeneurPage",
    "PromeneurPageForm",
    "PromeneurQuerySet",
    "PromeneurStatus",
    "SocialProfile",
    "SocialProfileForm",
    "StructureManager",
    "StructurePage",
    "StructureQuerySet",
    "StructureType",
    "TagNamesField",
    "TaggedMission",
    "TaggedTheme",
    "ThemeTag",
    "annuaire_sort_key",
    "complete_card",
    "completeness_items",
    "convention_in_force",
    "other_theme_names",
]
