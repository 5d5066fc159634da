"""Territorial coverage: the share of a département's population within 20 km of a listed promeneur's
structure, from the commune reference's populations; Paris, Lyon and Marseille's arrondissements not counted
twice; shown on the indicators page."""

from django.urls import reverse

from activity.coverage import population_coverage
from geo.factories import CommuneFactory
from tests.activity.conftest import LAST_YEAR

BOURGES = (47.0810, 2.3988)


def test_communes_within_20_km_count_and_the_others_do_not(db):
    CommuneFactory(
        insee_code="99001", department_code="990", latitude=47.0810, longitude=2.3988, population=60
    )
    # About 15 km north: covered. About 40 km east: not. No position: counted in the population only.
    CommuneFactory(
        insee_code="99002", department_code="990", latitude=47.2160, longitude=2.3988, population=30
    )
    CommuneFactory(
        insee_code="99003", department_code="990", latitude=47.0810, longitude=2.9270, population=9
    )
    CommuneFactory(insee_code="99004", department_code="990", latitude=None, longitude=None, population=1)
    coverage = population_coverage(["990"], points=[BOURGES])
    assert (coverage.covered_population, coverage.population) == (90, 100)
    assert (coverage.communes_covered, coverage.communes) == (2, 4)
    assert coverage.percent == 90


def test_a_point_just_over_the_border_covers_and_no_point_covers_nothing(db):
    CommuneFactory(insee_code="99011", department_code="991", latitude=47.0, longitude=2.0, population=50)
    assert population_coverage(["991"], points=[(47.0, 2.2)]).covered_population == 50  # 15 km away
    assert population_coverage(["991"], points=[]).percent == 0
    assert population_coverage(["999"], points=[BOURGES]).percent is None  # no population: no share


def test_arrondissements_are_not_counted_twice(db):
    CommuneFactory(
        insee_code="75056", department_code="75", latitude=48.8566, longitude=2.3522, population=2000
    )
    CommuneFactory(
        insee_code="75114", department_code="75", latitude=48.833, longitude=2.3268, population=100
    )
    assert population_coverage(["75"], points=[(48.85, 2.35)]).population == 2000


def test_the_indicators_page_shows_the_coverage(client_for, reports):
    response = client_for("coordination_18").get(
        reverse("activity:indicators") + f"?periode=annee&annee={LAST_YEAR}"
    )
    page = response.content.decode().replace("\xa0", " ").replace("\u202f", " ")
    assert response.status_code == 200
    assert "de la population à moins de 20 km d'un promeneur" in page
