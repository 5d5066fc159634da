"""Leaflet and markercluster are in the annuaire's page only in the map view (?vue=carte): the list view names
them only in the map section's data-leaflet-* attributes, for annuaire-map.js to load when « Carte » is
chosen (tests/browser/test_annuaire_map_on_demand.py drives it in Chromium)."""

import re

import pytest

from tests.directory.conftest import get

VENDOR = "/static/directory/vendor/"
TAGS = {
    "leaflet.js": rf'<script src="{VENDOR}leaflet/leaflet[^"]*\.js" defer>',
    "markercluster.js": rf'<script src="{VENDOR}leaflet\.markercluster/leaflet\.markercluster[^"]*\.js" defer>',
    "leaflet.css": rf'<link rel="stylesheet" href="{VENDOR}leaflet/leaflet[^"]*\.css">',
    "markercluster.css": rf'<link rel="stylesheet" href="{VENDOR}leaflet\.markercluster/MarkerCluster[^"]*\.css">',
}
ATTRIBUTES = ("data-leaflet-js", "data-leaflet-css", "data-leaflet-cluster-js", "data-leaflet-cluster-css")


def tags_in(page: str) -> list[str]:
    return [name for name, pattern in TAGS.items() if re.search(pattern, page)]


def test_the_list_view_loads_no_leaflet_and_says_where_it_is(world):
    page = get("/annuaire/", pres_de="18000").content.decode()
    assert tags_in(page) == []
    for attribute in ATTRIBUTES:
        assert re.search(rf'{attribute}="{VENDOR}leaflet[^"]+"', page), attribute
    assert re.search(r'<script src="/static/directory/annuaire-map[^"]*\.js" defer>', page)


@pytest.mark.parametrize("host", ["localhost", "18.localhost"])
def test_the_map_view_loads_leaflet_with_the_page(world, host):
    page = get("/annuaire/", host=host, pres_de="18000", vue="carte").content.decode()
    assert tags_in(page) == list(TAGS)


def test_no_result_no_map_no_leaflet(world):
    page = get("/annuaire/", pres_de="18000", q="zzzqqq", vue="carte").content.decode()
    assert tags_in(page) == [] and "data-leaflet-js" not in page and "annuaire-map" not in page
