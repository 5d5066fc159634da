"""axe-core on the import pages as the Cher's coordination: the upload page, a preview with errors (no
« Importer »), a valid preview (with the publication choice and « Importer ») and the result page: 0
violations on a desktop viewport and on a 375 px phone. The file is chosen in the page's own file input."""

from tests.browser.harness import DESKTOP, MOBILE, assert_no_axe_violations, browser_test
from tests.browser.test_accessibility_dashboard import _log_in
from tests.browser.test_coordinator_walkthrough import _click_and_wait, _coordinator
from tests.imports.helpers import csv_bytes, promeneur_row

pytestmark = browser_test


def _check(page):
    assert page.locator("h1").count() >= 1
    assert_no_axe_violations(page)
    page.set_viewport_size(MOBILE)
    assert_no_axe_violations(page)
    page.set_viewport_size(DESKTOP)


def _upload(page, world, path):
    page.goto(f"{world.base_url}/admin/import-annuaire/18/")
    page.locator("#id_fichier").set_input_files(str(path))
    _click_and_wait(page, page.get_by_role("button", name="Voir l'aperçu"))


def test_import_pages_are_accessible(new_context, world, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    page, errors = _log_in(new_context, world, _coordinator().username)
    response = page.goto(f"{world.base_url}/admin/import-annuaire/18/")
    assert response.status == 200
    _check(page)

    rows = [promeneur_row(n, themes="Santé ; Loisirs, sports et culture") for n in range(3)]
    broken = tmp_path / "annuaire-erreurs.csv"
    broken.write_bytes(csv_bytes(rows[:2] + [{**rows[2], "Commune": "Villenulle-sur-Rien"}]))
    _upload(page, world, broken)
    assert "Ligne 4, colonne « Commune »" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Importer").count() == 0
    _check(page)

    valid = tmp_path / "annuaire.csv"
    valid.write_bytes(csv_bytes(rows))
    _upload(page, world, valid)
    assert page.get_by_role("button", name="Importer").count() == 1
    _check(page)

    _click_and_wait(page, page.get_by_role("button", name="Importer"))
    assert "3" in page.locator("main").inner_text()
    _check(page)
    assert not errors, f"JavaScript errors: {errors}"
