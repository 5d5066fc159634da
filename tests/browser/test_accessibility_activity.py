"""axe-core on the activity pages (issue #16): the indicators of the Cher's coordination, with its charts and
their tables, the report form of a structure manager, and the public « le réseau en chiffres » block of the
national home: 0 violations on a desktop viewport and on a 375 px phone; every chart has a text alternative."""

import datetime

from django.utils import timezone

from tests.browser.harness import browser_test, check_page
from tests.browser.test_accessibility_dashboard import _check, _log_in, _user

pytestmark = browser_test


def _reports():
    """A year of reports for the Cher's listed promeneurs of the world (Léa, Karim, Inès), and the accounts."""
    from accounts import roles
    from activity.factories import make_year_of_reports
    from activity.indicators import add_months
    from activity.models import first_of_month
    from departments.models import Department
    from directory.models import PromeneurPage, StructurePage

    cher = Department.objects.get(code="18")
    promeneurs = PromeneurPage.objects.filter(department=cher, status="actif").prefetch_related(
        "social_profiles"
    )
    last_month = add_months(first_of_month(timezone.localdate()), -1)
    assert make_year_of_reports(promeneurs, last_month) > 0
    structure = StructurePage.objects.filter(department=cher).order_by("pk").first()
    return _user("coordination-activite", roles.coordination_group(cher)), _user(
        "structure-activite", roles.structure_group(structure)
    )


def test_indicators_are_accessible_with_a_text_alternative_for_every_chart(new_context, world):
    coordinator, _manager = _reports()
    page, errors = _log_in(new_context, world, coordinator.username)
    year = timezone.localdate().year
    response = page.goto(f"{world.base_url}/admin/activite/indicateurs/?periode=annee&annee={year}")
    assert response.status == 200
    charts = page.locator("main svg[role=img]")
    assert charts.count() >= 3
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.get_attribute("aria-labelledby") or chart.locator("title").count() == 1
    assert page.locator("main table").count() >= 3  # each chart's data beside it
    _check(page, errors, "activity-indicators")


def test_the_report_form_is_accessible(new_context, world):
    _coordinator, manager = _reports()
    page, errors = _log_in(new_context, world, manager.username)
    month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    response = page.goto(f"{world.base_url}/admin/activite/?mois={month}")
    assert response.status == 200
    _check(page, errors, "activity-index")


def test_the_public_figures_block_is_accessible(page, world):
    _reports()
    check_page(page, world.url("national_home"), 200, "network-figures")
    block = page.locator("section.network-figures")
    assert block.count() == 1 and "promeneur" in block.inner_text()
