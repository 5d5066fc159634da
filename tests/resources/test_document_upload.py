"""A document of an unsupported type, or over DOCUMENT_MAX_UPLOAD_MB, is refused by the admin's upload form
with a clear French message; a resource needs a document or a link, not both."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from wagtail.models import Collection

from accounts.factories import SuperuserFactory


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(SuperuserFactory(username="admin_docs"))
    return client


def upload(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Essai",
            "collection": str(Collection.get_first_root_node().pk),
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_an_unsupported_type_is_refused(admin_client):
    response = upload(admin_client, "programme.exe", b"MZ")
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors[0].replace("\xa0", " ").startswith("L'extension de fichier « exe » n’est pas autorisée."), (
        errors
    )
    assert "pdf, odt" in errors[0]


@override_settings(DOCUMENT_MAX_UPLOAD_MB=1)
def test_a_file_over_the_limit_is_refused(admin_client):
    response = upload(admin_client, "guide.pdf", b"%PDF" + b"0" * (1024 * 1024 + 10))
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    (error,) = errors
    assert (
        error.replace("\xa0", " ")
        == "Ce fichier pèse 1,0 Mio : la limite est de 1 Mo. Réduisez-le ou déposez un lien."
    )


def test_a_file_under_the_limit_is_accepted(admin_client):
    response = upload(admin_client, "guide.pdf", b"%PDF-1.4 petit guide")
    assert response.status_code == 302


def test_a_resource_needs_a_document_or_a_link_and_a_sane_age_range(db):
    from django.core.exceptions import ValidationError

    from resources.models import ResourcePage

    resource = ResourcePage(
        title="Fiche", slug="fiche", resource_type="fiche", summary="Résumé.", age_min=12, age_max=8
    )
    with pytest.raises(ValidationError) as refused:
        resource.clean()
    assert refused.value.message_dict == {
        "document": ["Joignez un document ou indiquez un lien."],
        "age_max": ["L'âge maximum ne peut pas être inférieur à l'âge minimum."],
    }
