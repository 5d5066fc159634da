"""The annuaire and the profile on a phone (issue #15), in Chromium at 390 × 844: after a search near Bourges
the first result is in the first screen; no page of the annuaire scrolls sideways; a profile opened from the
national annuaire returns to the same search; axe-core finds nothing with the filters folded and open, in the
list and on the map, with and without JavaScript."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.harness import (
    assert_no_axe_violations,
    browser_test,
    horizontal_overflow,
    overflowing_elements,
)

pytestmark = browser_test

PHONE = {"width": 390, "height": 844}


def fits(page, url):
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px: {overflowing_elements(page)}"
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]


def search_url(world, **params):
    query = "&".join(f"{name}={value}" for name, value in {"pres_de": "Bourges", **params}.items())
    return f"{world.url('national_annuaire')}?{query}"


def test_results_come_first_and_nothing_scrolls_sideways(page, world):
    page.set_viewport_size(PHONE)
    url = search_url(world)
    assert page.goto(url).status == 200
    first_card = page.locator(".annuaire-results .promeneur-card").first
    top = first_card.bounding_box()["y"]
    assert top < PHONE["height"], f"first result at {top}px"
    assert page.locator("details.annuaire-form__more").get_attribute("open") is None
    assert page.locator("details.annuaire-form__more summary").inner_text().startswith("Filtres (")
    fits(page, url)
    for name in ("promeneur", "structure", "annuaire"):
        assert page.goto(world.url(name)).status == 200
        fits(page, world.url(name))


def test_filters_folded_and_open_list_and_map_are_accessible(page, world):
    page.set_viewport_size(PHONE)
    page.goto(search_url(world, mission="jeunesse"))
    assert page.locator("details.annuaire-form__more summary").inner_text().strip() == "Filtres (1)"
    assert_no_axe_violations(page)  # folded, list
    page.locator("details.annuaire-form__more summary").click()
    assert page.locator("#annuaire-disponible").is_visible()
    assert_no_axe_violations(page)  # open
    fits(page, page.url)
    page.get_by_role("link", name="Carte", exact=True).click()
    page.wait_for_selector(".annuaire-map .leaflet-marker-icon, .annuaire-map .map-cluster")
    assert page.locator("[data-annuaire-list]").is_hidden()
    assert "vue=carte" in page.url
    assert page.locator(".annuaire-map path.leaflet-interactive").count() == 1  # « vous êtes ici »
    assert_no_axe_violations(page)  # map
    fits(page, page.url)
    page.get_by_role("link", name="Liste", exact=True).click()
    assert page.locator("[data-annuaire-list]").is_visible()
    assert_no_axe_violations(page)


def test_a_profile_opened_from_the_national_annuaire_returns_to_the_same_search(page, world):
    page.set_viewport_size(PHONE)
    url = search_url(world, mission="jeunesse", rayon="50")
    page.goto(url)
    page.locator(".promeneur-card__name a", has_text="Léa").click()
    page.wait_for_selector("#profile-name")
    assert page.locator("#profile-name").inner_text() == "Léa"
    fits(page, page.url)
    assert_no_axe_violations(page)
    header = page.locator(".profile-header").bounding_box()
    assert header["y"] + header["height"] < PHONE["height"]  # the name is in the first screen
    page.get_by_role("link", name="Retour à votre recherche dans l’annuaire national").first.click()
    page.wait_for_selector(".annuaire-results")
    back, expected = urlsplit(page.url), urlsplit(url)
    assert (back.netloc, back.path) == (expected.netloc, expected.path)
    assert parse_qs(back.query) == parse_qs(expected.query)
    assert page.locator(".annuaire-results .promeneur-card").count() >= 1


@pytest.mark.parametrize("value", ["47.08,2.40"])
def test_a_position_search_shows_you_are_here(page, world, value):
    page.set_viewport_size(PHONE)
    page.goto(search_url(world, pres_de=value, vue="carte"))
    assert "de votre position" in page.locator(".annuaire-count").inner_text()
    page.wait_for_selector(".annuaire-map path.leaflet-interactive")
    assert_no_axe_violations(page)
