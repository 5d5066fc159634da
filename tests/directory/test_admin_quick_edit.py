"""Quick editing in the admin: "Ajouter un promeneur" / "Ajouter une structure" from the Promeneurs listing
(among the user's own structures and annuaires, forged choices refused), one "address or handle" field per
network profile (platform detected, canonical address built by the verification's rules), and the admin
stylesheet for phones."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts import roles
from directory.factories import annuaire_of, make_promeneur, make_structure
from directory.models import PromeneurPage, StructureType
from directory.social import normalise_profile, profile_url_from_handle
from geo.factories import known_commune
from tests.directory.test_admin_themes import coordinator, form_data


@pytest.mark.parametrize(
    ("platform", "handle", "url"),
    [
        ("instagram", "@Lea.PDN18", "https://www.instagram.com/lea.pdn18/"),
        ("facebook", "karim.pdn18", "https://www.facebook.com/karim.pdn18"),
        ("snapchat", "Lea-PDN18", "https://www.snapchat.com/add/lea-pdn18"),
        ("tiktok", "@lea", "https://www.tiktok.com/@lea"),
        ("whatsapp", "06 12 34 56 78", "https://wa.me/33612345678"),
        ("x", "@Lea_PDN", "https://x.com/Lea_PDN"),
        ("youtube", "@LeaPDN", "https://www.youtube.com/@LeaPDN"),
        ("twitch", "lea", "https://www.twitch.tv/lea"),
        ("linkedin", "lea-martin", "https://www.linkedin.com/in/lea-martin"),
        ("threads", "@lea", "https://www.threads.net/@lea"),
        ("bluesky", "lea", "https://bsky.app/profile/lea.bsky.social"),
    ],
)
def test_profile_url_from_handle(platform, handle, url):
    assert profile_url_from_handle(platform, handle) == url
    assert normalise_profile(url, platform) == normalise_profile(handle, platform)


@pytest.mark.parametrize(
    ("platform", "handle"),
    [("discord", "lea"), ("other", "lea"), ("instagram", "lé a!"), ("instagram", ""), ("nope", "lea")],
)
def test_no_profile_url_without_a_handle_that_has_one(platform, handle):
    assert profile_url_from_handle(platform, handle) == ""


@pytest.fixture
def structure(cher):
    return make_structure(
        cher,
        title="Centre social des Tilleuls",
        structure_type=StructureType.SOCIAL_CENTRE,
        commune=known_commune("bourges"),
    )


@pytest.fixture
def admin_client(cher):
    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator(cher.department))
    return client


def edit(client, page, **changes):
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def new_profile(data, index, profile, platform="", handle=""):
    data = dict(data)
    data["social_profiles-TOTAL_FORMS"] = [str(index + 1)]
    data.update(
        {
            f"social_profiles-{index}-profile": [profile],
            f"social_profiles-{index}-platform": [platform],
            f"social_profiles-{index}-handle": [handle],
            f"social_profiles-{index}-id": [""],
            f"social_profiles-{index}-ORDER": [str(index + 1)],
            f"social_profiles-{index}-DELETE": [""],
        }
    )
    return data


def test_paste_an_address_or_type_a_handle(admin_client, structure):
    promeneur = make_promeneur(
        structure, first_name="Camille", job_title="Animatrice", profiles=[], status="actif"
    )
    url = f"/admin/pages/{promeneur.pk}/edit/"
    data = form_data(admin_client.get(url))
    data = new_profile(data, 0, "instagram.com/Camille.PDN18/?igsh=abc123")
    data = new_profile(data, 1, "@camille_pdn", "tiktok")
    data = new_profile(data, 2, "https://discord.gg/abcDEF", "", "Le serveur de Camille")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].formsets["social_profiles"].errors
    draft = PromeneurPage.objects.get(pk=promeneur.pk).get_latest_revision_as_object()
    profiles = sorted((p.platform, p.handle, p.url) for p in draft.social_profiles.all())
    assert profiles == [
        ("discord", "Le serveur de Camille", "https://discord.gg/abcDEF"),
        ("instagram", "@camille.pdn18", "https://instagram.com/Camille.PDN18/?igsh=abc123"),
        ("tiktok", "@camille_pdn", "https://www.tiktok.com/@camille_pdn"),
    ]
    # Saved again as it is: nothing changes.
    assert edit(admin_client, promeneur).status_code == 302
    again = PromeneurPage.objects.get(pk=promeneur.pk).get_latest_revision_as_object()
    assert sorted((p.platform, p.handle, p.url) for p in again.social_profiles.all()) == profiles


@pytest.mark.parametrize(
    ("profile", "platform", "field", "message"),
    [
        ("@camille_pdn", "", "platform", "Choisissez le réseau de ce pseudo"),
        ("https://exemple.invalid/x", "instagram", "profile", "Instagram"),
        ("http://www.instagram.com/camille/", "", "profile", "https://"),
        ("camille", "discord", "profile", "collez l'adresse du profil"),
        ("https://www.instagram.com/p/Cabc123/", "", "profile", ""),
        ("https://discord.gg/abcDEF", "", "handle", "Indiquez le pseudo"),
    ],
)
def test_bad_profiles_get_a_french_message(admin_client, structure, profile, platform, field, message):
    promeneur = make_promeneur(
        structure, first_name="Camille", job_title="Animatrice", profiles=[], status="actif"
    )
    url = f"/admin/pages/{promeneur.pk}/edit/"
    response = admin_client.post(url, new_profile(form_data(admin_client.get(url)), 0, profile, platform))
    assert response.status_code == 200
    errors = response.context["form"].formsets["social_profiles"].forms[0].errors
    assert field in errors
    assert message in " ".join(errors[field])


def test_a_profile_already_used_by_another_active_promeneur_is_refused(admin_client, structure):
    make_promeneur(structure, first_name="Léa", job_title="Animatrice", status="actif", profiles=[
        {"platform": "instagram", "handle": "@lea.pdn18", "url": "https://www.instagram.com/lea.pdn18/"}
    ])  # fmt: skip
    promeneur = make_promeneur(
        structure, first_name="Camille", job_title="Animatrice", profiles=[], status="actif"
    )
    url = f"/admin/pages/{promeneur.pk}/edit/"
    response = admin_client.post(
        url, new_profile(form_data(admin_client.get(url)), 0, "@Lea.pdn18", "instagram")
    )
    assert response.status_code == 200
    errors = response.context["form"].formsets["social_profiles"].forms[0].errors
    assert "déjà celui d'un autre promeneur actif" in " ".join(errors["profile"])


def test_add_buttons_on_the_listing_and_the_choice_of_structure(admin_client, cher, structure):
    other = make_structure(
        cher,
        title="MJC du Vieux Moulin",
        structure_type=StructureType.YOUTH_CENTRE,
        commune=known_commune("vierzon"),
    )
    listing = admin_client.get("/admin/annuaire/promeneurs/").content.decode()
    assert "Ajouter un promeneur" in listing and "Ajouter une structure" in listing
    choose = admin_client.get("/admin/annuaire/ajouter/promeneur/")
    content = choose.content.decode()
    assert choose.status_code == 200
    assert "Centre social des Tilleuls (18)" in content and "MJC du Vieux Moulin (18)" in content
    assert '<label class="w-field__label" for="id_parent"' in content
    response = admin_client.post("/admin/annuaire/ajouter/promeneur/", {"parent": str(other.pk)})
    assert response["Location"] == f"/admin/pages/add/directory/promeneurpage/{other.pk}/"
    # One annuaire: straight to its add form.
    response = admin_client.get("/admin/annuaire/ajouter/structure/")
    assert response["Location"] == f"/admin/pages/add/directory/structurepage/{annuaire_of(cher).pk}/"


def test_a_forged_structure_of_another_departement_is_refused(admin_client, seine_saint_denis, structure):
    theirs = make_structure(
        seine_saint_denis,
        title="Mission locale de la Source",
        structure_type=StructureType.MISSION_LOCALE,
        commune=known_commune("bobigny"),
    )
    response = admin_client.post("/admin/annuaire/ajouter/promeneur/", {"parent": str(theirs.pk)})
    assert response.status_code == 200
    assert "Ce choix n'est pas possible" in html.unescape(response.content.decode())
    for bad in ("", "abc", "999999"):
        response = admin_client.post("/admin/annuaire/ajouter/promeneur/", {"parent": bad})
        assert response.status_code == 200
    assert admin_client.get("/admin/annuaire/ajouter/inconnu/").status_code == 404
    assert admin_client.get(f"/admin/pages/add/directory/promeneurpage/{theirs.pk}/").status_code in (
        302,
        403,
    )


def test_a_structure_manager_adds_in_their_structure_only(structure):
    manager = get_user_model().objects.create_user(username="gestionnaire", password="x-mot-de-passe-42")
    manager.groups.add(roles.ensure_structure_role(structure))
    client = Client(HTTP_HOST="localhost")
    client.force_login(manager)
    listing = client.get("/admin/annuaire/promeneurs/").content.decode()
    assert "Ajouter un promeneur" in listing
    assert "Ajouter une structure" not in listing
    response = client.get("/admin/annuaire/ajouter/promeneur/")
    assert response["Location"] == f"/admin/pages/add/directory/promeneurpage/{structure.pk}/"
    content = html.unescape(client.get("/admin/annuaire/ajouter/structure/").content.decode())
    assert "Vous ne gérez aucun annuaire" in content


def test_the_admin_stylesheet_is_on_every_admin_page(admin_client):
    assert "directory/admin.css" in admin_client.get("/admin/annuaire/promeneurs/").content.decode()


def test_anonymous_and_outsiders_get_no_add_view(cher):
    assert Client().get("/admin/annuaire/ajouter/promeneur/").status_code == 302
    outsider = get_user_model().objects.create_user(username="personne", password="x-mot-de-passe-42")
    client = Client()
    client.force_login(outsider)
    assert client.get("/admin/annuaire/ajouter/promeneur/").status_code in (302, 403)
