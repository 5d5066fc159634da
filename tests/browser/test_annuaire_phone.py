"""The annuaire and the profile on a phone (issue #15), in Chromium at 390 × 844: after a search near Bourges
the first result is in the first screen; no page of the annuaire scrolls sideways; a profile opened from the
national annuaire returns to the same search; axe-core finds nothing with the filters folded and open, in the
list and on the map, with and without JavaScript; the promeneurs of one place are one pin with their count."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

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


def test_the_promeneurs_of_one_place_are_one_pin_with_their_count(page, world):
    page.set_viewport_size(PHONE)
    # Léa and Karim share the Centre social des Tilleuls, in Bourges (Inès, in Vierzon, is farther than 20 km).
    page.goto(search_url(world, vue="carte"))
    cluster = page.locator(".annuaire-map .leaflet-marker-icon.map-cluster")
    cluster.first.wait_for(state="visible")
    expect(cluster).to_have_count(1)
    expect(cluster).to_have_text("2")
    expect(cluster).to_have_attribute("aria-label", "2 promeneurs à cet endroit")
    # No promeneur's own pin beside it: both are in the cluster.
    expect(page.locator(".annuaire-map .leaflet-marker-icon:not(.map-cluster)")).to_have_count(0)
    assert_no_axe_violations(page)


def scripts_blocked(new_context):
    """A page that runs none of the site's scripts (the DOM a browser without JavaScript builds) but lets
    axe-core be injected: axe waits on timers, which never fire in a context with JavaScript disabled."""
    page = new_context(viewport=PHONE).new_page()
    page.route("**/*.js", lambda route: route.abort())
    return page


def test_without_javascript_the_filters_and_the_views_still_work(new_context, world):
    page = new_context(java_script_enabled=False, viewport=PHONE).new_page()
    assert page.goto(search_url(world)).status == 200
    assert page.locator("html.no-js").count() == 1
    assert page.locator("[data-locate]").is_hidden()  # « Autour de moi » needs the browser's position
    filters = page.locator("details.annuaire-form__more")
    assert filters.get_attribute("open") is None and page.locator("#annuaire-disponible").is_hidden()
    filters.locator("summary").click()  # a <details>: opens without any script
    assert filters.get_attribute("open") is not None and page.locator("#annuaire-disponible").is_visible()
    page.select_option("#annuaire-disponible", "ce-week-end")
    with page.expect_navigation():
        page.get_by_role("button", name="Appliquer les filtres").click()
    query = parse_qs(urlsplit(page.url).query)
    assert query["disponible"] == ["ce-week-end"] and query["pres_de"] == ["Bourges"]
    assert page.locator("details.annuaire-form__more summary").inner_text().strip() == "Filtres (1)"

    # « Liste / Carte » are links: the map view lists the places, and links back to the list.
    page.goto(search_url(world))
    with page.expect_navigation():
        page.get_by_role("link", name="Carte", exact=True).click()
    assert parse_qs(urlsplit(page.url).query)["vue"] == ["carte"]
    assert page.locator("[data-annuaire-list]").is_hidden()
    fallback = page.locator(".annuaire-map__fallback")
    assert fallback.is_visible()
    assert (
        fallback.locator("a", has_text="Léa").count() == 1
        and fallback.locator("a", has_text="Karim").count() == 1
    )
    assert page.locator(".leaflet-container").count() == 0
    with page.expect_navigation():
        fallback.get_by_role("link", name="Voir la liste des résultats").click()
    assert "vue" not in parse_qs(urlsplit(page.url).query)
    assert page.locator(".annuaire-results .promeneur-card").count() == 2
    fits(page, page.url)


def test_without_javascript_the_annuaire_is_accessible(new_context, world):
    page = scripts_blocked(new_context)
    page.goto(search_url(world))
    assert page.locator("html.no-js").count() == 1
    assert_no_axe_violations(page)  # filters folded, list
    page.locator("details.annuaire-form__more summary").click()
    assert page.locator("#annuaire-disponible").is_visible()
    assert_no_axe_violations(page)  # filters open
    page.goto(search_url(world, vue="carte"))
    assert page.locator(".annuaire-map__fallback").is_visible()
    assert_no_axe_violations(page)  # the map view's list of places
    fits(page, page.url)


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
