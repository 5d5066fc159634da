"""The answers of « Vérifier un promeneur » that a family can trust: the match is named (network, handle as
declared, whose card), a bare handle is never a plain "oui", what a card shows verifies when pasted as
shown, a look-alike is a "non — attention", and no input at all ever gives a 500 or a "oui" it should not."""

import html

import pytest

from directory.factories import make_promeneur, make_structure
from directory.models import PromeneurPage
from directory.verification import LOOKALIKE, NO, UNRECOGNISED, YES, verify_profile
from geo.factories import known_commune
from tests.directory.conftest import get


@pytest.fixture(scope="module")
def _camille_module(_world_module, django_db_blocker):
    """The demo's Camille and Nathan, as the issue found them on 18.localhost: built once for the module, in the
    module's transaction (tests/directory/conftest.py), which the end of the module rolls back."""
    with django_db_blocker.unblock():
        structure = make_structure(
            _world_module.cher_home, title="Centre social Camille", commune=known_commune("bourges")
        )
        camille = make_promeneur(
            structure,
            first_name="Camille",
            job_title="Animatrice",
            profiles=[
                {"platform": "instagram", "handle": "@camille.pdn180", "url": "https://www.instagram.com/camille.pdn180/"},
                {"platform": "snapchat", "handle": "camille_pdn180", "url": "https://www.snapchat.com/add/camille_pdn180"},
                {"platform": "facebook", "handle": "Camille PdN 18", "url": "https://www.facebook.com/profile.php?id=100018000"},
                {"platform": "whatsapp", "handle": "06 12 34 56 78", "url": "https://wa.me/33612345678"},
            ],
        )  # fmt: skip
        nathan = make_promeneur(
            structure,
            first_name="Nathan",
            job_title="Animateur",
            profiles=[
                {"platform": "instagram", "handle": "@nathan.pdn183", "url": "https://www.instagram.com/nathan.pdn183/"},
                {"platform": "discord", "handle": "PdN18x3", "url": "https://discord.gg/PdN18x3"},
            ],
        )  # fmt: skip
    return camille.pk, nathan.pk


@pytest.fixture
def camille(_camille_module, world):
    """Read again for each test, whose own changes its transaction rolls back."""
    return tuple(PromeneurPage.objects.get(pk=pk) for pk in _camille_module)


def answer(profil, reseau="", host="18.localhost"):
    response = get("/verifier/", host=host, profil=profil, reseau=reseau)
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).split())


def test_a_handle_on_the_wrong_network_is_not_a_yes(camille):
    # camille_pdn180 is her Snapchat; on Instagram she is camille.pdn180.
    page = answer("@camille_pdn180")
    assert "Oui :" not in page
    assert "Ce pseudo n’est celui d’un promeneur du Net que sur Snapchat" in page
    assert "Sur tout autre réseau, ce pseudo n’est celui d’aucun promeneur" in page
    page = answer("@camille_pdn180", reseau="instagram")
    assert "Oui :" not in page and "Non — attention : ce nom ressemble beaucoup au compte de Camille" in page
    page = answer("@camille_pdn180", reseau="snapchat")
    assert "Oui : Snapchat camille_pdn180 est bien le compte de Camille" in page
    assert "Si l’on vous a contacté sur un autre réseau, ce n’est pas ce compte." in page
    assert "Animatrice" in page and "Centre social Camille" in page and "Cher, 18" in page


def test_an_address_names_its_network_and_the_declared_handle(camille):
    page = answer("https://www.instagram.com/camille.pdn180/")
    assert "Oui : Instagram @camille.pdn180 est bien le compte de Camille" in page
    # A network chosen by the visitor never turns an address into another network's.
    page = answer("https://www.instagram.com/camille.pdn180/", reseau="tiktok")
    assert "L’adresse collée est celle d’un profil Instagram" in page and "Oui : Instagram" in page


def test_discord_as_the_card_shows_it(camille):
    page = answer("PdN18x3")
    assert "Ce pseudo n’est celui d’un promeneur du Net que sur Discord" in page and "Nathan" in page
    page = answer("PdN18x3", reseau="discord")
    assert "Nathan" in page and "Oui :" not in page  # the name a card shows, not an account: check the link
    assert "https://discord.gg/PdN18x3" in page
    assert "Oui : Discord PdN18x3 est bien le compte de Nathan" in answer("https://discord.gg/PdN18x3")


@pytest.mark.parametrize(
    "spelling", ["06 12 34 56 78", "+33 6 12 34 56 78", "0612345678", "wa.me/33612345678"]
)
def test_whatsapp_numbers_in_french_spellings(camille, spelling):
    page = answer(spelling)
    assert "Oui : WhatsApp 06 12 34 56 78 est bien le compte de Camille" in page


def test_a_facebook_display_name_points_to_the_profile_but_asks_to_check_the_address(camille):
    page = answer("Camille PdN 18")
    assert "Camille" in page and "facebook.com/profile.php?id=100018000" in page and "Oui :" not in page


def test_letter_o_for_zero_is_a_lookalike_warning(camille):
    page = answer("camille.pdn18O")
    assert (
        "Non — attention : ce nom ressemble beaucoup au compte de Camille (Instagram @camille.pdn180)" in page
    ) or (
        "Non — attention : ce nom ressemble beaucoup au compte de Camille (Snapchat camille_pdn180)" in page
    )
    assert "Les imposteurs choisissent souvent un nom presque identique." in page
    assert "Signaler ce profil" in page


@pytest.mark.parametrize(
    "lookalike",
    ["саmille.pdn180", "camiile.pdn180", "camile.pdn180", "camille-pdn180", "camille.pdn1800", "camille.pdn18",
     "https://www.instagram.com/саmille.pdn180/"],
)  # fmt: skip
def test_lookalikes_on_instagram(camille, lookalike):
    verification = verify_profile(lookalike, None, platform="instagram")
    assert verification.outcome == LOOKALIKE, lookalike
    assert [match.promeneur.first_name for match in verification.lookalikes] == ["Camille"]


def test_the_kelvin_sign_never_folds_into_a_match(world):
    make_promeneur(
        make_structure(world.cher_home, title="Structure K", commune=known_commune("bourges")),
        first_name="Kevin",
        profiles=[{"platform": "instagram", "handle": "@kevin.pdn18", "url": "https://www.instagram.com/kevin.pdn18/"}],
    )  # fmt: skip
    for spelling in ["@\u212aevin.pdn18", "https://www.instagram.com/\u212aevin.pdn18/", "\u212aevin.pdn18"]:
        verification = verify_profile(spelling, None, platform="instagram")
        assert verification.outcome == LOOKALIKE, spelling
        assert verify_profile(spelling, None).outcome != YES


def test_a_repeated_id_never_matches(world):
    make_promeneur(
        make_structure(world.cher_home, title="Structure F", commune=known_commune("bourges")),
        first_name="Fanny",
        profiles=[{"platform": "facebook", "handle": "Fanny", "url": "https://www.facebook.com/profile.php?id=1000777"}],
    )  # fmt: skip
    assert verify_profile("https://www.facebook.com/profile.php?id=1000777", None).outcome == YES
    for ambiguous in [
        "https://www.facebook.com/profile.php?id=1000777&id=1000888",
        "https://www.facebook.com/profile.php?id=1000888&id=1000777",
        "https://www.facebook.com/profile.php?id=1000777&ID=1000777",
    ]:
        assert verify_profile(ambiguous, None).outcome != YES, ambiguous


def test_outcomes(camille):
    assert verify_profile("https://www.instagram.com/personne.inconnue/", None).outcome == NO
    assert verify_profile("https://www.instagram.com/p/Cxyz/", None).outcome in (NO, UNRECOGNISED)
    assert verify_profile("", None).outcome == UNRECOGNISED


HOSTILE = [
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "<script>alert('x')</script>",
    "https://user:pass@instagram.com/camille.pdn180/", "https://instagram.com:8443/camille.pdn180/",
    "https://instagram.com@evil.example/camille.pdn180", "\u202ecamille.pdn180", "camille\u200b.pdn180",
    "c\u0301amille.pdn180", "😀😀😀", "camille.pdn180😀", "\u0000", "%00", "a" * 5000, "@" * 300, "   ",
    "https://", "//", "@", "https://www.instagram.com/camille.pdn180/?x=" + "y" * 3000, "0" * 40,
    "+" * 20, "06 12 34 56 7", "ftp://instagram.com/camille.pdn180", "https://xn--80ak6aa92e.com/",
]  # fmt: skip


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("reseau", ["", "instagram", "whatsapp", "inconnu"])
def test_hostile_input_gets_a_french_answer_and_never_a_yes(camille, hostile, reseau):
    response = get("/verifier/", host="18.localhost", profil=hostile, reseau=reseau)
    assert response.status_code == 200
    raw = response.content.decode()
    assert "est bien le compte de" not in html.unescape(raw)
    assert "<script>alert" not in raw  # shown escaped
