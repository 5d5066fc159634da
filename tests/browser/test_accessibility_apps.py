"""axe-core on the pages of the annuaire, the search and the English site: 0 violations whatever the
impact, on a desktop viewport and on a 375 px phone (which must not scroll sideways)."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.harness import assert_no_axe_violations, browser_test, check_page

pytestmark = browser_test

# Reported to the owners of these files; every other node and rule is still checked.
KNOWN = (
    (
        "link-in-text-block",
        "leaflet",
        "directory: Leaflet's attribution link (#0078a8, no underline) in the annuaire map",
    ),
)

PAGES = [
    "annuaire",  # the Cher's annuaire, every promeneur listed
    "annuaire_results",
    "annuaire_no_result",
    "national_annuaire",
    "promeneur",
    "structure",
    "verify",
    "search_results",
    "search_empty",
    "english_home",
    "english_annuaire",
]


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_fits_a_phone(page, world, name):
    check_page(page, world.url(name), 200, name, known=KNOWN)


def test_annuaire_results_list_the_promeneurs(page, world):
    page.goto(world.url("annuaire_results"))
    assert "Inès" in page.locator("main").inner_text()
    page.goto(world.url("annuaire_no_result"))
    assert "Inès" not in page.locator("main").inner_text()


def test_verification_finds_a_promeneur(page, world):
    page.goto(world.url("verify"))
    page.locator("input[name=profil]").fill(world.url("lea_instagram"))
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert "Léa" in page.locator("main").inner_text()
    assert_no_axe_violations(page, known=KNOWN)


def test_autocomplete_open_is_accessible(page, world):
    page.goto(world.url("national_home"))
    # The script gives up on answers slower than 2 s (the plain form still works): warm the endpoint
    # up, and type again if a loaded machine was too slow once.
    page.request.get(world.url("national_home") + "recherche/suggestions/?q=anim")
    search = page.locator("#header-search-q")
    search.click()
    search.press_sequentially("anim", delay=40)
    listbox = page.locator("[role=listbox]:not([hidden])")
    for _attempt in range(3):
        try:
            listbox.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            search.press("Backspace")
            search.press_sequentially("m", delay=40)
    assert listbox.is_visible(), "the suggestions list never opened"
    assert listbox.locator("[role=option]").count() >= 1
    assert search.get_attribute("aria-expanded") == "true"
    assert_no_axe_violations(page, known=KNOWN)
    # Keyboard: Down selects the first suggestion, Escape closes the list.
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant")
    search.press("Escape")
    assert search.get_attribute("aria-expanded") == "false"


def test_english_pages_say_they_are_english(page, world):
    for name in ("english_home", "english_annuaire"):
        page.goto(world.url(name))
        assert page.evaluate("document.documentElement.lang") == "en"
