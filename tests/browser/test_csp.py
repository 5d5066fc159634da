"""The public pages work under the Content-Security-Policy: each answers with the header, and Chromium
reports no violation (no `securitypolicyviolation` event, no CSP message in its console) while loading
them, the annuaire's map (Leaflet) included. A planted inline script is reported, so the check can fail."""

import pytest

from tests.browser.harness import browser_test

pytestmark = browser_test

PAGES = [
    "national_home",
    "cher_home",
    "annuaire",  # the Cher's annuaire with its map
    "annuaire_results",
    "national_annuaire",
    "promeneur",
    "content_page",  # StreamField blocks, the embedded video
    "search_results",
    "verify",
]

WATCH = """() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
}"""


@pytest.fixture
def csp_page(new_context):
    context = new_context()
    context.add_init_script(f"({WATCH})()")
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.csp_console = console
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations") + page.csp_console


@pytest.mark.parametrize("name", PAGES)
def test_no_csp_violation(csp_page, world, name):
    # The annuaire's map view (?vue=carte): the map starts only when it is shown.
    response = csp_page.goto(world.url(name) + ("?vue=carte" if name == "annuaire" else ""))
    assert response.status == 200
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, policy
    csp_page.wait_for_load_state("networkidle")
    assert csp_page.evaluate("document.documentElement.classList.contains('js')")  # js-enabled.js ran
    if name == "annuaire":
        assert csp_page.locator(".leaflet-container").count() == 1, "the map did not start"
    assert violations(csp_page) == [], f"{name}: {violations(csp_page)}"


def test_an_inline_script_is_reported(csp_page, world):
    csp_page.goto(world.url("national_home"))
    csp_page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.planted = 1";
                   document.body.appendChild(s); }"""
    )
    csp_page.wait_for_timeout(200)
    assert csp_page.evaluate("window.planted") is None
    assert any("script-src" in line for line in violations(csp_page))
