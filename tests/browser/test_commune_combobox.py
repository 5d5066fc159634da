"""The town field's combobox (search/static/search/autocomplete.js, input[data-suggest="communes"]): the ARIA
1.2 pattern by keyboard, axe-core with the list open, the chosen town sent to the annuaire, and the plain
field without JavaScript. The field used is the search page's "Trouver un promeneur près de chez vous"."""

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.harness import assert_no_axe_violations, browser_test

pytestmark = browser_test


def open_list(page, field, text):
    # The script gives up on answers slower than 2 s: warm the endpoint up, type again if it was too slow.
    page.request.get(page.url.split("/recherche/")[0] + "/recherche/suggestions/?type=communes&q=" + text)
    field.click()
    field.press_sequentially(text, delay=40)
    listbox = page.locator("[role=listbox]:not([hidden])")
    for _attempt in range(3):
        try:
            listbox.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            field.press("Backspace")
            field.press_sequentially(text[-1], delay=40)
    assert listbox.is_visible(), "the commune suggestions never opened"
    return listbox


def test_the_town_field_is_a_combobox_usable_by_keyboard(page, world):
    page.goto(world.base_url + "/recherche/")
    field = page.locator("#search-near")
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("aria-autocomplete") == "list"
    listbox = open_list(page, field, "Bour")
    assert field.get_attribute("aria-expanded") == "true"
    assert field.get_attribute("aria-controls") == listbox.get_attribute("id")
    options = listbox.locator("[role=option]")
    assert options.first.inner_text().startswith("Bourges (18000)")
    assert_no_axe_violations(page)

    # Down highlights the first town (aria-activedescendant, aria-selected), Up wraps to the last.
    field.press("ArrowDown")
    first_id = options.first.get_attribute("id")
    assert field.get_attribute("aria-activedescendant") == first_id
    assert options.first.get_attribute("aria-selected") == "true"
    field.press("ArrowUp")
    assert field.get_attribute("aria-activedescendant") == options.last.get_attribute("id")
    field.press("ArrowDown")
    # Enter writes the town into the field and closes the list without leaving the page.
    field.press("Enter")
    assert field.input_value() == "Bourges (18000)"
    assert field.get_attribute("aria-expanded") == "false"
    assert field.get_attribute("aria-activedescendant") is None
    assert "/recherche/" in page.url
    # A second Enter submits the form: the annuaire near Bourges.
    with page.expect_navigation():
        field.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["pres_de"] == ["Bourges (18000)"]
    assert page.locator("h1").count() == 1


def test_escape_closes_the_list_then_clears_the_field(page, world):
    page.goto(world.base_url + "/recherche/")
    field = page.locator("#search-near")
    open_list(page, field, "Vier")
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    assert field.input_value() == "Vier"
    field.press("Escape")
    assert field.input_value() == ""


def test_the_town_field_works_without_javascript(new_context, world):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(world.base_url + "/recherche/")
    field = page.locator("#search-near")
    assert field.get_attribute("role") is None
    field.fill("Bourges")
    with page.expect_navigation() as navigation:
        page.locator(".search-near [type=submit]").click()
    assert navigation.value.status == 200
    assert parse_qs(urlsplit(page.url).query)["pres_de"] == ["Bourges"]
