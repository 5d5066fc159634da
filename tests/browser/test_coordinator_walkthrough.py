"""Issue 12's walk-through in a real browser, as the Cher's coordination ("coordination-18"): from the
Promeneurs listing, « Ajouter une structure » then « Ajouter un promeneur », both published without ever
opening the Promotion tab (the slug comes from the title); the promeneur is then on the public annuaire. Saved
ten times more, the theme « Loisirs, sports et culture » is still one theme (not « Loisirs, » and
« sports et culture »), in the form, in the database and in the annuaire's theme filter."""

from django.urls import reverse

from tests.browser.harness import browser_test
from tests.browser.test_accessibility_dashboard import _log_in, _user

pytestmark = browser_test

LOISIRS = "Loisirs, sports et culture"


def _coordinator():
    from accounts import roles
    from departments.models import Department

    return _user("coordination-18", roles.coordination_group(Department.objects.get(code="18")))


def _click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def _publish(page):
    """« Publier » from the footer's action menu, as an editor does (it sits behind the menu's toggle)."""
    button = page.locator('footer button[name="action-publish"]')
    if not button.is_visible():
        page.locator("footer .w-dropdown-button .w-dropdown__toggle").first.click()
    _click_and_wait(page, button)


def _messages(page) -> str:
    return page.locator(".messages").inner_text() if page.locator(".messages").count() else ""


def test_a_coordination_creates_a_structure_and_a_promeneur_and_the_theme_survives_ten_saves(
    new_context, world
):
    from directory.models import PromeneurPage, StructurePage, ThemeTag
    from geo.factories import known_commune

    bourges = known_commune("bourges")
    coordinator = _coordinator()
    page, errors = _log_in(new_context, world, coordinator.username)
    listing = f"{world.base_url}{reverse('directory_admin:promeneurs')}"

    # A structure: the Cher's only annuaire, so « Ajouter une structure » opens the form at once.
    page.goto(listing)
    _click_and_wait(page, page.get_by_role("link", name="Ajouter une structure"))
    page.locator("#id_title").fill("Maison des jeunes des Rives")
    page.locator("#id_structure_type").select_option(label="Centre social")
    page.locator("#id_commune").select_option(value=str(bourges.pk))
    _publish(page)
    structure = StructurePage.objects.get(title="Maison des jeunes des Rives")
    assert structure.live and structure.slug == "maison-des-jeunes-des-rives", _messages(page)

    # A promeneur in it: several structures in the coordination's tree, so the structure is chosen first.
    page.goto(listing)
    _click_and_wait(page, page.get_by_role("link", name="Ajouter un promeneur"))
    page.locator("#id_parent").select_option(value=str(structure.pk))
    _click_and_wait(page, page.get_by_role("button", name="Continuer"))
    page.locator("#id_first_name").fill("Camille")
    page.locator("#id_title").fill("Camille, animatrice jeunesse")
    page.locator("#id_job_title").fill("Animatrice jeunesse")
    page.get_by_label("Jeunesse", exact=True).check()
    page.get_by_label(LOISIRS, exact=True).check()
    page.locator("#id_status").select_option(value="actif")
    _publish(page)
    promeneur = PromeneurPage.objects.get(first_name="Camille")
    assert promeneur.live and promeneur.slug == "camille-animatrice-jeunesse", _messages(page)
    assert "non visible" not in _messages(page)

    # Public: on the Cher's annuaire, and its own page answers.
    annuaire = page.context.new_page()
    annuaire.goto(f"{world.cher_url}/annuaire/")
    assert annuaire.get_by_role("link", name="Camille").count() >= 1
    response = annuaire.goto(promeneur.full_url)
    assert response.status == 200

    # Ten more saves (nine drafts, then a publication): the theme stays whole.
    edit = f"{world.base_url}/admin/pages/{promeneur.pk}/edit/"
    page.goto(edit)
    for n in range(10):
        # « Enregistrer le brouillon » comes back to the edit form as the server renders it after the save:
        # each turn checks that form, no extra load needed.
        assert page.url == edit, f"save {n}: {page.url}"
        assert page.get_by_label(LOISIRS, exact=True).is_checked(), f"save {n}"
        assert page.locator("#id_other_themes").input_value() == "", f"save {n}"
        page.locator("#id_presentation").fill(f"Présentation, version {n + 1}.")
        if n < 9:
            _click_and_wait(page, page.locator('footer button[type="submit"]:not([name])').first)
        else:
            _publish(page)
    promeneur = PromeneurPage.objects.get(pk=promeneur.pk)
    assert promeneur.presentation == "Présentation, version 10."
    assert [tag.name for tag in promeneur.themes.all()] == [LOISIRS]
    assert not ThemeTag.objects.filter(name__in=["Loisirs,", "Loisirs", "sports et culture"]).exists()

    annuaire.goto(f"{world.cher_url}/annuaire/")
    annuaire.locator("main form details summary").first.click()  # the filters, folded behind « Filtres (n) »
    filter_text = annuaire.locator("main form").inner_text()
    assert filter_text.count(LOISIRS) == 1
    assert "sports et culture" not in filter_text.replace(LOISIRS, "")
    assert not errors, f"JavaScript errors: {errors}"
