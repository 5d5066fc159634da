"""axe-core finds no violation on « Vérifier un promeneur » in each state of its answer, and on the 410 page
of a promeneur who is no longer listed; each fits a 375 px phone."""

from urllib.parse import urlencode

import pytest

from tests.browser.harness import browser_test, check_page

pytestmark = browser_test

ANSWERS = {
    "oui": ({"profil": "https://www.instagram.com/lea.pdn18/"}, "Oui : Instagram @lea.pdn18"),
    "bare": ({"profil": "@lea.pdn18"}, "n’est celui d’un promeneur du Net que sur"),
    "shown": ({"profil": "Léa PdN Cher"}, "nom affiché"),
    "lookalike": ({"profil": "lea_pdn18", "reseau": "instagram"}, "Non — attention"),
    "non": ({"profil": "https://www.instagram.com/personne.inconnue/"}, "Non : ce compte Instagram"),
    "unrecognised": ({"profil": "https://www.instagram.com/p/Cabc/"}, "Nous n’avons pas reconnu"),
    "error": ({"profil": ""}, "Vérifier un promeneur"),
}


@pytest.mark.parametrize("state", ANSWERS)
def test_every_answer_is_accessible(page, world, state):
    query, expected = ANSWERS[state]
    check_page(page, f"{world.url('verify')}?{urlencode(query)}", 200, f"verify-{state}")
    assert expected in page.locator("main").inner_text()


def test_the_410_page_is_accessible(page, world):
    from directory.factories import set_status
    from directory.models import PromeneurPage, PromeneurStatus

    set_status(PromeneurPage.objects.get(first_name="Léa"), PromeneurStatus.SUSPENDED, "test")
    check_page(page, world.url("promeneur"), 410, "gone")
    assert "n’est plus référencée" in page.locator("main").inner_text()
    assert "Léa" not in page.locator("main").inner_text()
