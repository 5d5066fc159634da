"""Missions (a closed vocabulary) and themes (suggested, editors may add others) of a promeneur."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase


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
