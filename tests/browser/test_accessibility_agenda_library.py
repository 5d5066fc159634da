"""axe-core on the agenda, an event, the library and a resource (issue #17): 0 violations whatever the
impact, on a desktop viewport and on a 375 px phone (which must not scroll sideways)."""

import pytest

from tests.browser.harness import browser_test, check_page

pytestmark = browser_test

PAGES = [
    "agenda",  # the national agenda: its own events and the départements' flagged ones
    "cher_agenda",  # filtered by kind
    "event",
    "online_event",  # past, online: no connection link for the public
    "library",  # the Cher's: its resources and the national ones
    "library_filtered",  # an invalid age: a notice
    "resource",
]


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_fits_a_phone(page, world, name):
    check_page(page, world.url(name), 200, name)


def test_the_library_filters_without_javascript(page, world):
    page.goto(world.url("library"))
    page.locator("select[name=type]").select_option("charte")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    main = page.locator("main").inner_text()
    assert "Charte des Promeneurs du Net" in main and "Guide du promeneur débutant" not in main
