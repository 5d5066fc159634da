"""No layout shift at 390 × 844 (a phone): the menu is drawn folded from the first paint (`.js` set in <head>
by js-enabled.js), images carry their size, fonts are the system's. PerformanceObserver's layout-shift
entries, buffered from the navigation, sum to 0 on the home, the annuaire near a town and a profile."""

import pytest

from tests.browser.harness import browser_test

pytestmark = browser_test

PHONE = {"width": 390, "height": 844}

LAYOUT_SHIFTS = """
() => new Promise((resolve) => {
  const shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) {
        const sources = (entry.sources || []).map((source) => source.node ? source.node.outerHTML.slice(0, 120) : "?");
        shifts.push({ value: entry.value, sources });
      }
    }
  }).observe({ type: "layout-shift", buffered: true });
  // Two frames after the load, so that a shift from the deferred scripts has been reported.
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(shifts), 300)));
})
"""


@pytest.mark.parametrize("name", ["national_home", "annuaire", "promeneur"])
def test_no_layout_shift_on_a_phone(new_context, world, name):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    url = world.url(name)
    if name == "annuaire":
        url += "?pres_de=18000"
    response = page.goto(url, wait_until="load")
    assert response.status == 200
    shifts = page.evaluate(LAYOUT_SHIFTS)
    total = sum(shift["value"] for shift in shifts)
    assert total == 0, f"layout shift {total:.4f} on {url}: {shifts}"
    # The menu is folded on a phone, and its button is there.
    assert page.locator("nav.main-nav summary").is_visible()
    assert not page.locator(".main-nav__list a").first.is_visible()


def test_menu_is_folded_before_the_deferred_script_runs(new_context, world):
    """Even while pdn.js has not run (here: never delivered), the first paint has the final layout."""
    context = new_context(viewport=PHONE, is_mobile=True)
    context.route("**/js/pdn*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(world.url("national_home"), wait_until="load")
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert not page.locator(".main-nav__list a").first.is_visible()
    page.locator("nav.main-nav summary").click()
    assert page.locator(".main-nav__list a").first.is_visible()
