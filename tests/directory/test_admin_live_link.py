"""No « Visualiser la version publiée » / « En ligne » link to a promeneur page the public cannot see (it
answers 404): after creating and publishing, on the edit page's header and in the page listing, through the
admin's real URLs. A public promeneur keeps Wagtail's links (so these tests see them go)."""

import re

from django.contrib.messages import get_messages
from django.test import Client

from directory.factories import make_promeneur
from directory.models import PromeneurPage
from tests.directory.test_admin_create import (  # noqa: F401 (fixtures)
    add_url,
    admin_client,
    new_promeneur_data,
    structure,
)
from tests.directory.test_admin_themes import form_data


def shown_messages(client, response) -> list[str]:
    """The messages as the next admin page shows them (the redirect's target reads the stored messages)."""
    assert response.status_code == 302
    following = client.get(response["Location"])
    return [str(m).strip() for m in get_messages(following.wsgi_request)]


def links_to(html: str, page) -> list[str]:
    """The href attributes of ``html`` that point at ``page``'s public URL (relative or absolute)."""
    path = page.url.split("//", 1)[-1].split("/", 1)[-1].strip("/")
    return [href for href in re.findall(r'href="([^"]*)"', html) if href.strip("/").endswith(path)]


def create(client, structure, status):  # noqa: F811
    response = client.post(
        add_url("promeneurpage", structure), new_promeneur_data(client, structure, status=[status])
    )
    assert response.status_code == 302, response.context["form"].errors
    return response, PromeneurPage.objects.get(first_name="Camille")


def test_creating_a_candidate_offers_no_live_link_and_says_why(admin_client, structure):  # noqa: F811
    response, promeneur = create(admin_client, structure, "candidat")
    assert promeneur.live
    assert Client(HTTP_HOST="18.localhost").get(promeneur.url).status_code == 404
    messages = shown_messages(admin_client, response)
    assert not [m for m in messages if links_to(m, promeneur)]
    assert not [m for m in messages if "Visualiser la version publiée" in m]
    assert any("publiée" in m and promeneur.title in m for m in messages)  # Wagtail's message, kept
    assert "Publiée mais non visible : statut Candidat." in messages


def test_creating_a_public_promeneur_keeps_the_live_link(admin_client, structure):  # noqa: F811
    response, promeneur = create(admin_client, structure, "actif")
    assert Client(HTTP_HOST="18.localhost").get(promeneur.url).status_code == 200
    assert [m for m in shown_messages(admin_client, response) if links_to(m, promeneur)]


def test_publishing_a_suspended_promeneur_offers_no_live_link(admin_client, structure):  # noqa: F811
    promeneur = make_promeneur(structure, first_name="Inès", job_title="Éducatrice", status="suspendu")
    url = f"/admin/pages/{promeneur.pk}/edit/"
    data = form_data(admin_client.get(url))
    data["action-publish"] = ["action-publish"]
    response = admin_client.post(url, data)
    assert response.status_code == 302
    messages = shown_messages(admin_client, response)
    assert not [m for m in messages if links_to(m, promeneur)]
    assert "Publiée mais non visible : statut Suspendu." in messages


def test_the_edit_header_says_published_but_not_visible(admin_client, structure):  # noqa: F811
    hidden = make_promeneur(structure, first_name="Inès", job_title="Éducatrice", status="candidat")
    public = make_promeneur(structure, first_name="Léo", job_title="Animateur", status="actif")
    hidden_edit = admin_client.get(f"/admin/pages/{hidden.pk}/edit/").content.decode()
    assert not links_to(hidden_edit, hidden)
    assert "data-live-hidden" in hidden_edit and "Publiée mais non visible" in hidden_edit
    public_edit = admin_client.get(f"/admin/pages/{public.pk}/edit/").content.decode()
    assert links_to(public_edit, public)
    assert "data-live-hidden" not in public_edit


def test_the_page_listing_links_only_public_promeneurs(admin_client, structure):  # noqa: F811
    hidden = make_promeneur(structure, first_name="Inès", job_title="Éducatrice", status="candidat")
    public = make_promeneur(structure, first_name="Léo", job_title="Animateur", status="actif")
    listing = admin_client.get(f"/admin/pages/{structure.pk}/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert not links_to(html, hidden)  # neither the status tag nor « Visualiser la version publiée »
    assert len(links_to(html, public)) >= 2  # the status tag and the "more" menu's item
    assert html.count("data-live-hidden") == 1
