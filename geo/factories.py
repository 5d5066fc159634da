"""Factories for the commune reference, for tests, the demo loader and the benchmark.

Tests do not import the 35,000 communes: they create the few they need. ``CommuneFactory`` makes a
fictional commune; ``known_commune("bourges")`` makes (or reuses) one of a handful of real towns with their
real INSEE code, postcode and coordinates, so distances in tests mean something.
"""

import factory
from factory.django import DjangoModelFactory

from core.text import fold
from geo.models import Commune, PostcodeCommune

# Public reference data (INSEE code, postcodes, town-hall coordinates, rounded population).
KNOWN_COMMUNES = {
    "bourges": ("18033", "Bourges", "18", "18000", 47.0810, 2.3988, 64000),
    "vierzon": ("18279", "Vierzon", "18", "18100", 47.2218, 2.0684, 25000),
    "saint-amand-montrond": ("18197", "Saint-Amand-Montrond", "18", "18200", 46.7228, 2.5050, 9500),
    "bobigny": ("93008", "Bobigny", "93", "93000", 48.9077, 2.4397, 54000),
    "saint-denis": ("93066", "Saint-Denis", "93", "93200 93210", 48.9362, 2.3574, 113000),
    "montreuil": ("93048", "Montreuil", "93", "93100", 48.8638, 2.4485, 111000),
    "la-rochelle": ("17300", "La Rochelle", "17", "17000", 46.1591, -1.1520, 77000),
    "rochefort": ("17299", "Rochefort", "17", "17300", 45.9421, -0.9588, 24000),
    "saintes": ("17415", "Saintes", "17", "17100", 45.7464, -0.6333, 25000),
    "digne-les-bains": ("04070", "Digne-les-Bains", "04", "04000", 44.0925, 6.2356, 16000),
    "arras": ("62041", "Arras", "62", "62000", 50.2910, 2.7775, 41000),
    "lens": ("62498", "Lens", "62", "62300", 50.4322, 2.8333, 32000),
}


class CommuneFactory(DjangoModelFactory):
    """A fictional commune (INSEE codes 99xxx do not exist); pass real values when they matter."""

    class Meta:
        model = Commune
        django_get_or_create = ("insee_code",)

    insee_code = factory.Sequence(lambda n: f"99{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Villefictive-{n}")
    folded_name = factory.LazyAttribute(lambda commune: fold(commune.name))
    department_code = "18"
    postcodes = factory.LazyAttribute(lambda commune: commune.insee_code)
    latitude = 47.0810
    longitude = 2.3988
    population = 1000

    @factory.post_generation
    def postcode_links(commune, create, extracted, **kwargs):
        # geo.lookup finds communes by postcode through these links, as import_communes builds them.
        if not create:
            return
        for postcode in commune.postcode_list:
            PostcodeCommune.objects.get_or_create(postcode=postcode, commune=commune)


def known_commune(key: str) -> Commune:
    """One of ``KNOWN_COMMUNES`` (created on first use, then reused)."""
    insee, name, department_code, postcodes, latitude, longitude, population = KNOWN_COMMUNES[key]
    return CommuneFactory(
        insee_code=insee,
        name=name,
        department_code=department_code,
        postcodes=postcodes,
        latitude=latitude,
        longitude=longitude,
        population=population,
    )
