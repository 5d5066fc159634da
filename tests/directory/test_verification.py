"""« Vérifier un promeneur », and a suspension taking a promeneur off every public surface at once."""

import csv
import html
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from core.sections import section_for_page
from directory.factories import set_status
from directory.models import PromeneurStatus
from directory.verification import candidate_keys, verify_profile
from tests.directory.conftest import get


def answer(profil, host="localhost"):
    response = get("/verifier/", host=host, profil=profil)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def found(page):
    """A "oui" on one network, or a bare handle's list of the networks where it is a promeneur's."""
    return "est bien le compte de" in page or "n’est celui d’un promeneur du Net que sur" in page


@pytest.mark.parametrize(
    "spelling",
    [
        "https://www.instagram.com/lea.pdn18/",
        "instagram.com/LEA.PDN18",
        "@lea.pdn18",
        "lea.pdn18",
        "  https://instagram.com/lea.pdn18?igshid=abc123  ",
        "http://m.instagram.com/Lea.Pdn18",
    ],
)
def test_every_spelling_of_a_profile_finds_the_promeneur(world, spelling):
    page = answer(spelling, host="18.localhost")
    assert found(page)
    assert ">Léa</a>" in page and "Animatrice jeunesse" in page


@pytest.mark.parametrize(
    "spelling",
    [
        "https://m.facebook.com/karim.pdn18",
        "facebook.com/KarimPdn18/",
        "https://www.facebook.com/karim.pdn18?ref=bookmarks",
    ],
)
def test_facebook_spellings(world, spelling):
    assert found(answer(spelling, host="18.localhost"))


def test_the_issue_examples_find_a_promeneur_of_the_seine_saint_denis(world):
    for spelling in ["https://www.instagram.com/x.y/", "instagram.com/X.Y", "@x.y"]:
        page = answer(spelling, host="93.localhost")
        assert found(page) and ">Manon</a>" in page
        assert "autre département" not in page


def test_a_promeneur_of_another_departement_is_found_and_said_so(world):
    page = answer("@x.y", host="18.localhost")
    assert found(page)
    assert "Ce promeneur n’est pas dans le Cher, mais il est labellisé dans un autre département" in page
    assert "Bobigny (Seine-Saint-Denis, 93)" in page


def test_unknown_profile_says_what_to_do(world):
    page = answer("@inconnu.total")
    assert not found(page)
    assert "Non : ce profil n’est celui d’aucun promeneur du Net labellisé" in page
    assert "n’acceptez pas sa demande d’ami" in page
    assert "Consulter l’annuaire des promeneurs" in page


def test_departement_site_gives_its_coordination_contact(world):
    from departments.models import SiteIdentity

    identity = SiteIdentity.objects.get(site__hostname="18.localhost")
    identity.coordination_phone = "01 99 00 18 18"
    identity.save()
    page = answer("@inconnu.total", host="18.localhost")
    assert "Contacter la coordination des Promeneurs du Net – Cher" in page
    assert 'href="tel:0199001818"' in page


def test_a_post_url_is_not_a_profile(world):
    page = answer("https://www.instagram.com/p/Cabc123/")
    assert "Nous n’avons pas reconnu l’adresse d’un profil" in page


def test_empty_and_absurd_inputs_do_not_fail(world):
    for value in ["", " ", "\x00", "@", "https://", "a" * 5000, "javascript:alert(1)", "☃@☃"]:
        assert get("/verifier/", profil=value).status_code == 200


def test_form_without_a_query_shows_no_answer(world):
    page = get("/verifier/").content.decode()
    assert '<label for="id_profil">Adresse du profil ou pseudo</label>' in page
    assert "verify-answer" not in page


@pytest.mark.parametrize(
    "who, handle", [("zoe", "@zoe.suspendue"), ("nathan", "@nathan.candidat"), ("yanis", "@yanis.fin")]
)
def test_non_listed_promeneurs_are_not_found(world, who, handle):
    assert not found(answer(handle, host="18.localhost"))


def test_wildcard_keys_cover_each_platform_reading():
    keys = candidate_keys("*:x.y")
    assert "instagram:x.y" in keys and "facebook:xy" in keys and "tiktok:x.y" in keys
    assert all(not key.startswith("*") for key in keys)
    assert candidate_keys("instagram:x.y") == ["instagram:x.y"]


def test_two_different_profiles_never_match(world):
    world.karim.social_profiles.all().delete()
    from directory.models import SocialProfile

    SocialProfile.objects.create(
        promeneur=world.karim,
        platform="facebook",
        handle="Karim",
        url="https://www.facebook.com/profile.php?id=1000123",
    )
    section = section_for_page(world.cher_home)
    assert verify_profile("https://facebook.com/profile.php?id=1000123", section).found
    assert not verify_profile("https://facebook.com/profile.php?id=1000124", section).found
    assert not verify_profile("facebook.com/1000124", section).found


# --- one suspension, every surface -----------------------------------------------------------------------


def test_suspended_promeneur_disappears_everywhere_at_once(world, django_user_model):
    lea_path = world.lea.url_path.split("/cher", 1)[1]
    coordinator = django_user_model.objects.create_user("coord", password="motdepasse-long-02")
    coordinator.user_permissions.add(Permission.objects.get(codename="change_promeneurpage"))
    exporter = Client(HTTP_HOST="18.localhost")
    exporter.force_login(coordinator)

    def surfaces():
        export = b"".join(exporter.get("/annuaire/export.csv").streaming_content).decode()
        return {
            "national page": ">Léa</a>" in get("/annuaire/").content.decode(),
            "département page": ">Léa</a>" in get("/annuaire/", host="18.localhost").content.decode(),
            "structure page": ">Léa</a>"
            in get("/annuaire/centre-social-des-tilleuls/", host="18.localhost").content.decode(),
            "text search": ">Léa</a>" in get("/annuaire/", q="Léa").content.decode(),
            "near search": ">Léa</a>" in get("/annuaire/", pres_de="18000").content.decode(),
            "profile": get(lea_path, host="18.localhost").status_code == 200,
            "api": "Léa" in {item["first_name"] for item in get("/api/annuaire/").json()["results"]},
            "csv": "Léa" in [row[1] for row in csv.reader(io.StringIO(export[1:]), delimiter=";")],
            "verification": found(answer("@lea.pdn18", host="18.localhost")),
        }

    assert all(surfaces().values()), surfaces()
    set_status(world.lea, PromeneurStatus.SUSPENDED, reason="Manquement à la charte")
    after = surfaces()
    assert not any(after.values()), after
