"""Who may import and export: a coordination for its own département, a superuser for any; forged requests on
another département's import answer 403 and change nothing (through the real admin URLs)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts import roles
from directory.factories import annuaire_of, make_structure
from directory.models import PromeneurPage, StructurePage
from tests.imports.helpers import csv_bytes, promeneur_row, upload


def client_for(user):
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


@pytest.fixture
def others(cher, seine_saint_denis, communes):
    structure = make_structure(annuaire_of(cher), title="Structure A", commune=communes["bourges"])
    users = {}
    make = get_user_model().objects.create_user
    users["structure"] = make(username="structure_a")
    users["structure"].groups.set([roles.structure_group(structure)])
    users["cnaf"] = make(username="cnaf")
    users["cnaf"].groups.set([roles.cnaf_group()])
    users["superuser"] = make(username="root", is_superuser=True, is_staff=True)
    return users


def token_of(response):
    return response.context["confirm_form"].initial["jeton"]


def test_another_departements_import_and_export_are_forbidden(client_18, coordinator_93, others):
    client_93 = client_for(coordinator_93)
    rows = csv_bytes([promeneur_row(1)])
    assert client_93.get("/admin/import-annuaire/18/").status_code == 403
    assert client_93.post("/admin/import-annuaire/18/", {"fichier": upload(rows)}).status_code == 403
    assert client_93.get("/admin/import-annuaire/18/export.csv").status_code == 403
    assert client_93.get("/admin/import-annuaire/18/export.xlsx").status_code == 403
    # A real preview of the 18 by its coordination, whose token is then forged by the 93's coordination.
    token = token_of(client_18.post("/admin/import-annuaire/18/", {"fichier": upload(rows)}))
    forged = {"jeton": token, "publication": "publier"}
    assert client_93.post("/admin/import-annuaire/18/importer/", forged).status_code == 403
    # Posted to its own département's URL, the token of another session or département is worthless.
    assert client_93.post("/admin/import-annuaire/93/importer/", forged).status_code == 400
    assert client_18.post("/admin/import-annuaire/93/importer/", forged).status_code == 403
    assert not PromeneurPage.objects.exists()
    assert StructurePage.objects.count() == 1
    # The rightful import still works once, then the preview is gone.
    assert client_18.post("/admin/import-annuaire/18/importer/", forged).status_code == 200
    assert PromeneurPage.objects.count() == 1
    assert client_18.post("/admin/import-annuaire/18/importer/", forged).status_code == 400
    assert PromeneurPage.objects.count() == 1


@pytest.mark.parametrize("role", ["structure", "cnaf"])
def test_structures_and_cnaf_have_neither_the_menu_nor_the_pages(others, role):
    client = client_for(others[role])
    assert "/admin/import-annuaire/" not in client.get("/admin/").content.decode()
    for url in (
        "/admin/import-annuaire/",
        "/admin/import-annuaire/18/",
        "/admin/import-annuaire/18/export.csv",
        "/admin/import-annuaire/modele.xlsx",
    ):
        assert client.get(url).status_code == 403, url
    response = client.post("/admin/import-annuaire/18/", {"fichier": upload(csv_bytes([promeneur_row(1)]))})
    assert response.status_code == 403


def test_coordination_and_superuser(client_18, others):
    assert "/admin/import-annuaire/" in client_18.get("/admin/").content.decode()
    response = client_18.get("/admin/import-annuaire/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/import-annuaire/18/"
    assert "<h1" in response.content.decode() and 'for="id_fichier"' in response.content.decode()
    superuser = client_for(others["superuser"])
    assert superuser.get("/admin/import-annuaire/").status_code == 200
    assert superuser.get("/admin/import-annuaire/93/export.csv").status_code == 200
    assert superuser.get("/admin/import-annuaire/18/").status_code == 200
    assert superuser.get("/admin/import-annuaire/2B/").status_code in (403, 404)


def test_anonymous_is_sent_to_the_login(db, cher):
    response = Client(HTTP_HOST="localhost").get("/admin/import-annuaire/18/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
