"""Keyboard access, the mobile menu, and pages without JavaScript."""

from playwright.sync_api import expect

from tests.browser.harness import DESKTOP, MOBILE, browser_test

pytestmark = browser_test


def test_skip_link_is_first_and_moves_focus_to_main(page, world):
    page.goto(world.url("national_home"))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#contenu"]
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["height"] > 0, "the skip link must show when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # The next Tab goes to the first control of the main content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_focus_is_visible_on_links_and_buttons(page, world):
    page.goto(world.url("national_home"))
    for _ in range(3):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
        )
        assert style[0] != "none" and style[1] >= 2, (
            f"no visible focus on {page.evaluate('document.activeElement.outerHTML')[:120]}"
        )


def test_mobile_menu_is_a_disclosure(page, world):
    page.set_viewport_size(MOBILE)
    page.goto(world.url("national_home"))
    menu = page.locator("nav.main-nav summary")
    links = page.locator(".main-nav__list a")
    assert menu.is_visible()
    assert not links.first.is_visible()
    menu.click()
    assert links.first.is_visible()
    page.keyboard.press("Escape")
    assert not links.first.is_visible()
    page.set_viewport_size(DESKTOP)
    # pdn.js reopens the menu on the media query's "change" event, which the browser fires after the resize:
    # wait for it (up to 5 s) rather than read the state at once.
    expect(links.first).to_be_visible(timeout=5000)
    expect(menu).to_be_hidden(timeout=5000)


def test_pages_work_without_javascript(new_context, world):
    page = new_context(java_script_enabled=False).new_page()
    response = page.goto(world.url("national_home"))
    assert response.status == 200
    # Every menu link is there without JavaScript, even on a small screen.
    page.set_viewport_size(MOBILE)
    assert page.locator(".main-nav__list a").first.is_visible()
    page.set_viewport_size(DESKTOP)

    forms = 0
    if page.locator("#header-search-q").count():
        page.fill("#header-search-q", "éducatrice")
        with page.expect_navigation():
            page.press("#header-search-q", "Enter")
        assert page.locator("h1").count() == 1
        assert "q=" in page.url
        forms += 1
        page.goto(world.url("national_home"))
    if page.locator("#quick-q").count():
        page.fill("#quick-q", "éducatrice")
        with page.expect_navigation() as navigation:
            page.locator(".quick-search [type=submit]").click()
        assert navigation.value.status == 200
        assert page.locator("h1").count() == 1
        assert "q=" in page.url
        forms += 1
    assert forms, "neither the header search nor the annuaire quick search is on the home page"
