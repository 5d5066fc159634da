"""axe-core finds no violation, whatever the impact, on the main pages of the national and departmental
sites, and none of them scrolls sideways on a 375 px wide phone."""

import pytest

from tests.browser.harness import assert_no_axe_violations, axe_violations, browser_test, check_page

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


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_fits_a_phone(page, world, name):
    check_page(page, world.url(name), PAGES[name], name)


def test_404_page_is_french(page, world):
    page.goto(world.url("not_found"))
    assert page.locator("h1").inner_text() == "Page introuvable"
    assert page.evaluate("document.documentElement.lang") == "fr"


def test_axe_does_report_violations(page, world):
    """The harness really runs axe: a page with an unlabelled image and field fails it."""
    page.goto(world.url("national_home"))
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<img src="/static/img/favicon.svg"><input type="text">\')'
    )
    rules = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= rules


def test_500_page_has_no_axe_violation(page, world):
    """The server error page (no database, no context) rendered in the browser, with its stylesheet."""
    from django.template.loader import render_to_string

    page.goto(world.url("national_home"))
    page.set_content(render_to_string("500.html"), wait_until="load")
    assert page.locator("h1").inner_text() == "Une erreur est survenue"
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).boxShadow") != "none"
    assert_no_axe_violations(page)
