from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import fold


class Commune(models.Model):
    """A French commune (or a Paris/Lyon/Marseille arrondissement), loaded by `import_communes`.

    Coordinates are the town hall's (or the commune's centroid): they place structures on the map and give
    the distance of the annuaire's "près de" search.
    """

    insee_code = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=100)
    # Lower-case, accent-free name, so "saint etienne" finds "Saint-Étienne" with an index.
    folded_name = models.CharField(max_length=100, db_index=True, editable=False)
    department_code = models.CharField(_("code du département"), max_length=3, db_index=True)
    postcodes = models.CharField(_("codes postaux"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["folded_name"]
        # Communes inside a bounding box ("près de" an annuaire's town), found without reading all 35,000.
        indexes = [models.Index(fields=["latitude", "longitude"], name="commune_position")]

    def __str__(self):
        first_postcode = self.postcodes.split(" ")[0] if self.postcodes else ""
        return f"{self.name} ({first_postcode})" if first_postcode else self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def postcode_list(self) -> list[str]:
        return self.postcodes.split()

    @property
    def main_postcode(self) -> str:
        return self.postcode_list[0] if self.postcodes else ""


class PostcodeCommune(models.Model):
    """Postcode → commune link (one postcode serves several communes and the other way round)."""

    postcode = models.CharField(max_length=5, db_index=True)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postcode_links")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["postcode", "commune"], name="unique_postcode_commune")
        ]

    def __str__(self):
        return f"{self.postcode} → {self.commune_id}"
