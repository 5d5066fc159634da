"""axe-core finds no violation, whatever the impact, on the main pages of the national and departmental
sites, and none of them scrolls sideways on a 375 px wide phone."""

import pytest

from tests.browser.harness import (
    MOBILE,
    assert_no_axe_violations,
    browser_test,
    horizontal_overflow,
    overflowing_elements,
    screenshot_dir,
)

pytestmark = browser_test

PAGES = {
    "national_home": 200,
    "cher_home": 200,
    "news_index": 200,
    "cher_news_index": 200,
    "article": 200,
    "content_page": 200,
    "departments": 200,
    "legal": 200,
    "not_found": 404,
}


def check_page(page, url: str, status: int, name: str):
    """axe on a desktop viewport, then no horizontal scroll and axe again on a phone."""
    response = page.goto(url)
    assert response.status == status
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)
    shots = screenshot_dir()
    if shots:
        page.screenshot(path=str(shots / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size(MOBILE)
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at 375px: {overflowing_elements(page)}"
    assert_no_axe_violations(page)
    if shots:
        page.screenshot(path=str(shots / f"{name}-375.png"), full_page=True)


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_fits_a_phone(page, world, name):
    check_page(page, world.url(name), PAGES[name], name)


def test_404_page_is_french(page, world):
    page.goto(world.url("not_found"))
    assert page.locator("h1").inner_text() == "Page introuvable"
    assert page.evaluate("document.documentElement.lang") == "fr"
