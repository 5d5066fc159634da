"""axe-core on the admin dashboard as the Cher's coordination (its figures, a change awaiting approval) and as a
structure manager: 0 violations, on a desktop viewport and on a 375 px phone. Logged in through /admin/login/
in a browser context of its own (the shared page stays anonymous for the other tests)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.browser.harness import DESKTOP, MOBILE, assert_no_axe_violations, browser_test, screenshot_dir

pytestmark = browser_test

PASSWORD = "tableau-de-bord-solide-42"


def _make_data():
    from accounts import roles
    from departments.models import Department
    from directory.factories import annuaire_of, make_promeneur, make_structure
    from directory.models import StructurePage
    from geo.factories import known_commune

    cher = Department.objects.get(code="18")
    home = cher.home_pages.first()
    structure = make_structure(
        annuaire_of(home), title="Centre social des Rives", slug="rives", commune=known_commune("bourges")
    )
    StructurePage.objects.filter(pk=structure.pk).update(
        convention_end=timezone.localdate() + datetime.timedelta(days=20)
    )
    make_promeneur(
        structure, first_name="Lina", job_title="Animatrice", title="Lina, animatrice", slug="lina"
    )
    manager = _user("gestion-rives", roles.structure_group(structure))
    pending = make_promeneur(
        structure, first_name="Noé", job_title="Éducateur", title="Noé, éducateur", slug="noe", profiles=[]
    )
    pending.title = "Noé, éducateur spécialisé"
    pending.save_revision(user=manager)
    pending.get_workflow().start(pending, manager)
    coordinator = _user("coordination-cher", roles.coordination_group(cher))
    return coordinator, manager


def _user(username, group):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@exemple.invalid", password=PASSWORD, first_name="Camille"
    )
    user.groups.add(group)
    return user


def _log_in(new_context, world, username):
    page = new_context().new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{world.base_url}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    return page, errors


def _check(page, errors, name):
    assert page.locator("h1").count() >= 1
    shots = screenshot_dir()
    assert_no_axe_violations(page)
    if shots:
        page.screenshot(path=str(shots / f"{name}-1280.png"), full_page=True)
    page.set_viewport_size(MOBILE)
    assert_no_axe_violations(page)
    if shots:
        page.screenshot(path=str(shots / f"{name}-375.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    assert not errors, f"JavaScript errors: {errors}"


@pytest.mark.parametrize("role", ["coordination", "structure"])
def test_dashboard_is_accessible(new_context, world, role):
    coordinator, manager = _make_data()
    user = coordinator if role == "coordination" else manager
    page, errors = _log_in(new_context, world, user.username)
    response = page.goto(f"{world.base_url}/admin/")
    assert response.status == 200
    main = page.locator("main").inner_text()
    if role == "coordination":
        assert "Approuver et publier" in main
        assert "Conventions se terminant dans les 60 jours" in main
    else:
        assert "Votre structure : Centre social des Rives" in main
        assert "En attente de validation" in main
    _check(page, errors, f"dashboard-{role}")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/tableau-de-bord/structures/?convention=bientot",
        "/admin/tableau-de-bord/fiches-incompletes/",
    ],
)
def test_dashboard_listings_are_accessible(new_context, world, path):
    coordinator, _manager = _make_data()
    page, errors = _log_in(new_context, world, coordinator.username)
    response = page.goto(f"{world.base_url}{path}")
    assert response.status == 200
    assert page.locator("main table tbody tr").count() >= 1
    _check(page, errors, "dashboard-listing-" + path.split("/")[3])
