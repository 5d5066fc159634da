"""Creating structures and promeneurs in the admin, as the Cher's coordinator: the slug comes from the title
(publishing works without opening the Promotion tab), the status is chosen explicitly, and a published
promeneur the public cannot see is said to be so, and why (success message, edit page, preview)."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from directory.factories import annuaire_of, make_promeneur, make_structure
from directory.models import PromeneurPage, StructurePage, StructureType
from geo.factories import known_commune
from tests.directory.test_admin_themes import coordinator, form_data


@pytest.fixture
def admin_client(cher):
    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator(cher.department))
    return client


@pytest.fixture
def structure(cher):
    return make_structure(
        cher,
        title="Centre social des Tilleuls",
        structure_type=StructureType.SOCIAL_CENTRE,
        commune=known_commune("bourges"),
    )


def add_url(model, parent):
    return f"/admin/pages/add/directory/{model}/{parent.pk}/"


def new_promeneur_data(client, structure, **changes):
    data = form_data(client.get(add_url("promeneurpage", structure)))
    data.update(
        first_name=["Camille"],
        job_title=["Animatrice jeunesse"],
        title=["Camille, animatrice jeunesse"],
        missions=["Jeunesse"],
        status=["actif"],
        **{"action-publish": ["action-publish"]},
    )
    data.update(changes)
    assert data["slug"] == [""]
    return data


def messages_of(response):
    return [str(m).strip() for m in get_messages(response.wsgi_request)]


def test_a_structure_published_without_a_slug_gets_one_from_its_title(admin_client, cher):
    annuaire = annuaire_of(cher)
    url = add_url("structurepage", annuaire)
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'data-controller="w-sync"' in page.content.decode() or "w-sync" in page.content.decode()
    data = form_data(page)
    data.update(
        title=["Maison des jeunes de Vierzon"],
        structure_type=["mjc"],
        commune=[str(known_commune("vierzon").pk)],
        **{"action-publish": ["action-publish"]},
    )
    assert data["slug"] == [""]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    structure = StructurePage.objects.get(title="Maison des jeunes de Vierzon")
    assert structure.slug == "maison-des-jeunes-de-vierzon"
    assert structure.live


def test_a_promeneur_published_without_a_slug_gets_one_from_its_title(admin_client, structure):
    response = admin_client.post(
        add_url("promeneurpage", structure), new_promeneur_data(admin_client, structure)
    )
    assert response.status_code == 302, response.context["form"].errors
    promeneur = PromeneurPage.objects.get(first_name="Camille")
    assert promeneur.slug == "camille-animatrice-jeunesse"
    assert promeneur.live and promeneur.status == "actif"
    assert not any("non visible" in m for m in messages_of(response))
    assert Client(HTTP_HOST="18.localhost").get(promeneur.url).status_code == 200


def test_the_status_must_be_chosen_on_creation(admin_client, structure):
    page = admin_client.get(add_url("promeneurpage", structure))
    content = page.content.decode()
    assert "Choisissez le statut" in content
    assert form_data(page)["status"] == [""]
    response = admin_client.post(
        add_url("promeneurpage", structure), new_promeneur_data(admin_client, structure, status=[""])
    )
    assert response.status_code == 200
    assert response.context["form"].errors["status"] == ["Choisissez le statut du promeneur."]
    assert not PromeneurPage.objects.filter(first_name="Camille").exists()


def test_published_but_not_public_is_said_and_why(admin_client, structure):
    response = admin_client.post(
        add_url("promeneurpage", structure), new_promeneur_data(admin_client, structure, status=["candidat"])
    )
    assert response.status_code == 302
    assert "Publiée mais non visible : statut Candidat." in messages_of(response)
    promeneur = PromeneurPage.objects.get(first_name="Camille")
    assert promeneur.live
    edit = admin_client.get(f"/admin/pages/{promeneur.pk}/edit/").content.decode()
    assert "Publiée mais non visible : statut Candidat." in edit

    # The preview of the edit form says it too.
    preview_url = f"/admin/pages/{promeneur.pk}/edit/preview/"
    data = form_data(admin_client.get(f"/admin/pages/{promeneur.pk}/edit/"))
    assert admin_client.post(preview_url, data).json()["is_valid"]
    preview = admin_client.get(preview_url).content.decode()
    assert "ne serait pas visible sur le site public (statut Candidat)" in preview


def test_ended_convention_and_unpublished_structure_are_named(admin_client, structure):
    promeneur = make_promeneur(structure, first_name="Inès", job_title="Éducatrice", status="actif")
    structure.convention_start = datetime.date(2018, 1, 1)
    structure.convention_end = datetime.date(2020, 12, 31)
    structure.save_revision().publish()
    url = f"/admin/pages/{promeneur.pk}/edit/"
    data = form_data(admin_client.get(url))
    data["action-publish"] = ["action-publish"]
    response = admin_client.post(url, data)
    assert "Publiée mais non visible : convention de la structure terminée le 31/12/2020." in messages_of(
        response
    )
    structure.unpublish()
    content = admin_client.get(url).content.decode()
    assert "structure non publiée" in content


def test_a_public_promeneur_gets_no_warning(admin_client, structure):
    promeneur = make_promeneur(structure, first_name="Inès", job_title="Éducatrice", status="actif")
    content = admin_client.get(f"/admin/pages/{promeneur.pk}/edit/").content.decode()
    assert "non visible" not in content
