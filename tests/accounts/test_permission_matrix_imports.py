"""The permission matrix's rows for the import and export of the annuaire (issue 12), through the real admin
URLs with the test client, in the world of the matrix (tests/accounts/world.py).

Cells: "preview" uploads a file creating one structure in the département (allowed: the preview lists it;
denied: 403 or the login page, and no preview is stored); "confirm" posts « Importer » with a preview token
(allowed: the role's own preview creates the structure; denied: a forged POST carrying the token of an
administrator's preview of that département creates nothing); "export" downloads the CSV (allowed: it lists
the département's structures; denied: none of its content); "status" opens the status page of a background
import (allowed: the role's own import shows its progress, a POST there is refused with 405; denied: the page of
an administrator's import of that département shows nothing, a forged POST neither). Only the coordination of a département and
administrators may do any of it: the Cnaf and the structures may not."""

import pytest

from departments.models import Department
from directory.models import StructurePage
from imports import jobs
from imports.previews import store_dir
from tests.accounts.world import ROLES
from tests.imports.helpers import csv_bytes, row, upload

Y = "Y"

MATRIX = """
object     action   anonymous structure_a structure_b coordination_18 coordination_93 cnaf superuser
import_18  preview  .         .           .           Y               .               .    Y
import_18  confirm  .         .           .           Y               .               .    Y
import_18  export   .         .           .           Y               .               .    Y
import_18  status   .         .           .           Y               .               .    Y
import_93  preview  .         .           .           .               Y               .    Y
import_93  confirm  .         .           .           .               Y               .    Y
import_93  export   .         .           .           .               Y               .    Y
import_93  status   .         .           .           .               Y               .    Y
"""

NEW_STRUCTURE = {"18": ("Maison des jeunes importée", "Bourges"), "93": ("Centre importé", "Bobigny")}
EXISTING = {"18": "Structure A du Cher", "93": "Structure B de Seine-Saint-Denis"}


def cells():
    lines = [line.split() for line in MATRIX.strip().splitlines()]
    assert lines[0][2:] == ROLES
    return [
        pytest.param(obj, action, role, mark == Y, id=f"{obj}-{action}-{role}")
        for obj, action, *marks in lines[1:]
        for role, mark in zip(ROLES, marks, strict=True)
    ]


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)


def new_file(code):
    title, commune = NEW_STRUCTURE[code]
    return csv_bytes([row(departement=code, structure=title, type="Centre social", commune=commune)])


def stored_previews() -> int:
    return len(list(store_dir().glob("*.json")))


def preview_token(client, code):
    response = client.post(f"/admin/import-annuaire/{code}/", {"fichier": upload(new_file(code))})
    if response.status_code != 200 or not response.context or not response.context.get("confirm_form"):
        return None, response
    return response.context["confirm_form"].initial["jeton"], response


def created(code) -> bool:
    return StructurePage.objects.filter(title=NEW_STRUCTURE[code][0]).exists()


def denied(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/login/" in response["Location"]
    )


@pytest.mark.parametrize("obj, action, role, allowed", cells())
def test_cell(world, client_for, obj, action, role, allowed):
    code = obj.removeprefix("import_")
    client = client_for(role)
    if action == "preview":
        token, response = preview_token(client, code)
        if allowed:
            assert token and response.context["counts"]["creations"] == 1
            assert NEW_STRUCTURE[code][0] in response.content.decode()
        else:
            assert denied(response), response.status_code
            assert stored_previews() == 0
        assert not created(code)  # a preview saves nothing
    elif action == "confirm":
        if allowed:
            token, _response = preview_token(client, code)
        else:
            token, _response = preview_token(client_for("superuser"), code)  # someone else's real token
        assert token
        response = client.post(
            f"/admin/import-annuaire/{code}/importer/", {"jeton": token, "publication": "publier"}
        )
        if allowed:
            assert response.status_code == 200 and response.context["counts"]["structures_created"] == 1
            assert created(code)
        else:
            assert denied(response), response.status_code
            assert not created(code)
            assert stored_previews() == 1  # the administrator's preview is still there, unused
    elif action == "status":
        owner = world.users[role if allowed else "superuser"]
        job_id, state = jobs.create(Department.objects.get(code=code), owner, total=2000, published=True)
        jobs._write(job_id, {**state, "done": 342})
        url = f"/admin/import-annuaire/{code}/import/{job_id}/"
        response = client.get(url)
        forged = client.post(url, {})
        if allowed:
            assert response.status_code == 200 and "342 lignes sur" in response.content.decode()
            assert forged.status_code == 405
        else:
            assert denied(response), response.status_code
            assert "342" not in response.content.decode()
            assert denied(forged), forged.status_code
    else:
        response = client.get(f"/admin/import-annuaire/{code}/export.csv")
        body = response.content.decode("utf-8-sig", errors="replace")
        if allowed:
            assert response.status_code == 200 and EXISTING[code] in body
        else:
            assert denied(response), response.status_code
            assert EXISTING[code] not in body


def test_a_coordination_cannot_confirm_with_its_own_token_in_another_departement(world, client_for):
    """A coordination's valid token of its own département, posted to the other département's URL."""
    client = client_for("coordination_18")
    token, _response = preview_token(client, "18")
    response = client.post("/admin/import-annuaire/93/importer/", {"jeton": token, "publication": "publier"})
    assert response.status_code == 403
    assert not created("18") and not created("93")


def test_a_coordination_cannot_follow_its_own_import_under_another_departement(world, client_for):
    client = client_for("coordination_18")
    job_id, _state = jobs.create(
        Department.objects.get(code="18"), world.users["coordination_18"], total=2000, published=True
    )
    assert client.get(f"/admin/import-annuaire/18/import/{job_id}/").status_code == 200
    assert client.get(f"/admin/import-annuaire/93/import/{job_id}/").status_code == 403
