"""The départements index lists the regions in French order: « Île-de-France » among the I, before
« Normandie » and « Provence-Alpes-Côte d'Azur », whatever the database's collation."""

import html
import re

from network.provisioning import create_department_site


def test_regions_in_french_order(db, national_home, client):
    for code in ("04", "14", "75"):  # Provence-Alpes-Côte d'Azur, Normandie, Île-de-France
        create_department_site(code)
    page = client.get("/departements/", HTTP_HOST="localhost").content.decode()
    headings = [
        html.unescape(re.sub(r"<[^>]+>", "", heading)).strip()
        for heading in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)
    ]
    regions = [
        name
        for name in headings
        if name in {"Centre-Val de Loire", "Île-de-France", "Normandie", "Provence-Alpes-Côte d'Azur"}
    ]
    assert regions == ["Centre-Val de Loire", "Île-de-France", "Normandie", "Provence-Alpes-Côte d'Azur"]
