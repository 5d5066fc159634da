"""Who may change a resource, through the real admin URLs: the national documents (the charte and its file)
only the Cnaf and the administrators; a département's resource its coordination. Each cell GETs the admin view
where there is one, then forges the POST a browser would send; an allowed cell must have its effect, a denied
one must change nothing.

A document a resource uses cannot be deleted, not even by an administrator (the resource PROTECTs it): the
resource is deleted or given another document first.

Roles and world: tests/accounts/world.py (the Cher and Seine-Saint-Denis, one user per role)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Page

from accounts.roles import national_collection
from resources.factories import library_of, make_resource
from resources.models import LibraryPage, ResourceAudience, ResourcePage, ResourceType
from tests.accounts.conftest import client_for  # noqa: F401 (a fixture)
from tests.accounts.world import build_world

MATRIX = """
object          action     anonymous structure_a coordination_18 coordination_93 cnaf superuser
charte          edit       .         .           .               .               Y    Y
charte          publish    .         .           .               .               Y    Y
charte          delete     .         .           .               .               Y    Y
charte          add        .         .           .               .               Y    Y
charte_file     edit       .         .           .               .               Y    Y
charte_file     delete     .         .           .               .               .    .
resource_18     edit       .         .           Y               .               .    Y
resource_18     publish    .         .           Y               .               .    Y
resource_18     delete     .         .           Y               .               .    Y
resource_18     add        .         .           Y               .               .    Y
"""


def parse(table):
    header, *rows = [line.split() for line in table.strip().splitlines()]
    roles = header[2:]
    return [
        pytest.param(obj, action, role, mark == "Y", id=f"{obj}-{action}-{role}")
        for obj, action, *marks in rows
        for role, mark in zip(roles, marks, strict=True)
    ]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The accounts world with the national charte (a document) and a resource of the Cher's library."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            world = build_world()
            world.pages["charte"] = make_resource(
                library_of(world.national_home),
                title="Charte des Promeneurs du Net",
                resource_type=ResourceType.CHARTER,
                audience=ResourceAudience.PROFESSIONALS,
                document_text="La charte (texte de test).",
                collection=national_collection(),
            )
            world.pages["resource_18"] = make_resource(
                library_of(world.cher.home), title="Fiche du Cher témoin", resource_type=ResourceType.SHEET
            )
            yield world
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _every_test_in_a_savepoint(db):
    """With the module's world, what each test changes is rolled back."""


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def resource_form(resource, title, publish=False):
    """What Wagtail's edit form posts for this resource (a new title, the rest as it is)."""
    data = {
        "title": title,
        "slug": resource.slug,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "resource_type": resource.resource_type,
        "summary": resource.summary,
        "document": str(resource.document_id or ""),
        "link": resource.link,
        "themes": "",
        "audience": resource.audience,
        "age_min": "",
        "age_max": "",
        "publisher": resource.publisher,
        "language": resource.language,
        "date": resource.date.isoformat(),
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    if publish:
        data["action-publish"] = "action-publish"
    return data


def edit(client, resource):
    shown = client.get(f"/admin/pages/{resource.pk}/edit/").status_code == 200
    before = fresh(resource)
    client.post(f"/admin/pages/{resource.pk}/edit/", resource_form(before, "Titre modifié en brouillon"))
    after = fresh(resource)
    changed = after.latest_revision_id != before.latest_revision_id
    assert shown == changed, "the edit view and the forged POST disagree"
    assert after.title == before.title, "a draft must not change the live page"
    return changed


def publish(client, resource):
    client.post(f"/admin/pages/{resource.pk}/edit/", resource_form(fresh(resource), "Titre publié", True))
    return fresh(resource).title == "Titre publié"


def delete(client, resource):
    client.post(f"/admin/pages/{resource.pk}/delete/")
    return not Page.objects.filter(pk=resource.pk).exists()


def add(client, resource):
    """A new resource beside this one, in the same library (the forged POST of the add form)."""
    library = LibraryPage.objects.get(pk=resource.get_parent().pk)
    data = resource_form(fresh(resource), "Ressource ajoutée", publish=True)
    data.update(slug="ressource-ajoutee", document="", link="https://ressources.example.org/ajout")
    client.post(f"/admin/pages/add/resources/resourcepage/{library.pk}/", data)
    return ResourcePage.objects.child_of(library).filter(slug="ressource-ajoutee").exists()


def file_edit(client, document):
    shown = client.get(f"/admin/documents/edit/{document.pk}/").status_code == 200
    client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": "Charte remplacée",
            "collection": str(document.collection_id),
            "file": SimpleUploadedFile("fausse-charte.txt", b"Une autre charte."),
            "tags": "",
        },
    )
    changed = get_document_model().objects.get(pk=document.pk).title == "Charte remplacée"
    assert shown == changed, "the edit view and the forged POST disagree"
    return changed


def file_delete(client, document):
    client.post(f"/admin/documents/delete/{document.pk}/")
    return not get_document_model().objects.filter(pk=document.pk).exists()


def perform(world, client, obj, action):
    if obj == "charte_file":
        document = fresh(world.pages["charte"]).document
        return {"edit": file_edit, "delete": file_delete}[action](client, document)
    handler = {"edit": edit, "publish": publish, "delete": delete, "add": add}[action]
    return handler(client, world.pages[obj])


@pytest.mark.parametrize(("obj", "action", "role", "allowed"), parse(MATRIX))
def test_resource_permission_matrix(world, client_for, obj, action, role, allowed):  # noqa: F811
    assert perform(world, client_for(role), obj, action) is allowed


def test_the_charte_shows_on_every_site(world, client_for):  # noqa: F811
    for host in ("localhost", "18.localhost", "93.localhost"):
        response = client_for("anonymous", host).get("/ressources/")
        assert response.status_code == 200
        assert "Charte des Promeneurs du Net" in response.content.decode(), host
    cher = client_for("anonymous", "18.localhost").get("/ressources/").content.decode()
    ssd = client_for("anonymous", "93.localhost").get("/ressources/").content.decode()
    assert "Fiche du Cher témoin" in cher and "Fiche du Cher témoin" not in ssd
