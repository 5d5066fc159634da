"""Leaflet is loaded for the map only: the annuaire's list view fetches none of its scripts or stylesheets;
choosing « Carte » loads them (once) and draws the map, under the Content-Security-Policy, with no layout
shift of the list view (tests/browser/test_layout_shift.py) and nothing changed without JavaScript."""

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.harness import browser_test

pytestmark = browser_test

PHONE = {"width": 390, "height": 844}

WATCH = """() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}"""


def leaflet_files(requests: list[str]) -> list[str]:
    """Leaflet's and markercluster's scripts and stylesheets among the requests (not its images)."""
    return [
        url for url in requests if "/vendor/leaflet" in url and url.split("?")[0].endswith((".js", ".css"))
    ]


def test_the_list_view_loads_leaflet_only_when_the_map_is_chosen(new_context, world):
    context = new_context(viewport=PHONE)
    context.add_init_script(f"({WATCH})()")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{world.url('national_annuaire')}?pres_de=Bourges", wait_until="networkidle")
    assert leaflet_files(requests) == []
    assert page.evaluate("typeof window.L") == "undefined"

    page.get_by_role("link", name="Carte", exact=True).click()
    expect(page.locator(".annuaire-map .map-cluster")).to_have_text("2")
    assert page.locator("[data-annuaire-list]").is_hidden()
    assert parse_qs(urlsplit(page.url).query)["vue"] == ["carte"]
    loaded = sorted(url.rsplit("/", 1)[1].split(".")[0] for url in leaflet_files(requests))
    assert loaded == ["MarkerCluster", "leaflet", "leaflet", "leaflet"], (
        loaded
    )  # .css, .js, markercluster .js
    # The stylesheet applies: Leaflet's panes are positioned by leaflet.css.
    assert (
        page.locator(".leaflet-pane").first.evaluate("node => getComputedStyle(node).position") == "absolute"
    )

    page.get_by_role("link", name="Liste", exact=True).click()
    assert page.locator("[data-annuaire-list]").is_visible()
    page.get_by_role("link", name="Carte", exact=True).click()
    expect(page.locator(".annuaire-map .leaflet-container")).to_have_count(1)
    assert len(leaflet_files(requests)) == 4  # loaded once
    assert page.evaluate("window.__cspViolations") == []
