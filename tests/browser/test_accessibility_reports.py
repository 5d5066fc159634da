"""axe-core on "Signaler un profil": the empty form (on a département's site and on the national site,
which asks for the département), the form with errors, and the confirmation page: 0 violations, on a
desktop viewport and on a 375 px phone. The form works without JavaScript."""

import pytest

from tests.browser.harness import assert_no_axe_violations, browser_test, check_page

pytestmark = browser_test


@pytest.mark.parametrize("site", ["cher", "national"])
def test_empty_form_is_accessible(page, world, site):
    base = world.cher_url if site == "cher" else world.base_url
    check_page(page, f"{base}/signaler/?profil=camille_pdn18O&reseau=instagram", 200, f"report-{site}")


def test_form_with_errors_is_accessible(page, world):
    page.goto(f"{world.base_url}/signaler/")
    page.locator("#id_email").fill("pas-une-adresse")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    main = page.locator("main").inner_text()
    assert "Votre signalement n’a pas été envoyé" in main
    assert page.locator("#id_profil[aria-invalid=true]").count() == 1
    assert page.locator("#id_email").input_value() == "pas-une-adresse"
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 375, "height": 740})
    assert_no_axe_violations(page)


def test_report_without_javascript(new_context, world):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"{world.cher_url}/signaler/")
    page.locator("#id_profil").fill("faux_profil_pdn18")
    page.locator("#id_reseau").select_option("instagram")
    page.locator("#id_description").fill("Ce profil <b>demande</b> des photos.")
    page.locator("#id_email").fill("parent@exemple.fr")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert "/signaler/merci/" in page.url
    assert "Merci, votre signalement a été envoyé" in page.locator("h1").inner_text()
    for number in ("17", "3018", "119"):
        assert page.locator(f'a[href="tel:{number}"]').count() == 1
    # (axe-core needs JavaScript: the confirmation page is checked by the next test.)


def test_confirmation_page_is_accessible(page, world):
    check_page(page, f"{world.cher_url}/signaler/merci/?departement=18&reponse=1", 200, "report-done")
