"""The indicators page and the yearly workbook give the figures the reports add up to: a test recomputes
them from the reports themselves. A period without reports says so, with no chart."""

import datetime
from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from activity.factories import make_report, make_year_of_reports
from activity.models import ActivityReport

from .conftest import LAST_YEAR


def _year(world):
    promeneurs = [world.pages["promeneur_a"].specific, world.pages["promeneur_b"].specific]
    make_year_of_reports(promeneurs, datetime.date(LAST_YEAR, 12, 1))
    return ActivityReport.objects.filter(month__year=LAST_YEAR)


def _expected(reports):
    young = sum(reach.young_people for report in reports for reach in report.reaches.all())
    parents = sum(reach.parents for report in reports for reach in report.reaches.all())
    return young, parents, sum(report.exchanges for report in reports)


def test_the_cher_s_year_adds_up_on_the_page_and_in_the_workbook(world, client_for):
    reports = _year(world)
    cher = list(reports.filter(department__code="18").prefetch_related("reaches"))
    young, parents, exchanges = _expected(cher)
    client = client_for("coordination_18")
    page = client.get(reverse("activity:indicators"), {"annee": LAST_YEAR})
    assert page.status_code == 200
    indicators = page.context["indicators"]
    assert (indicators.young_people, indicators.parents, indicators.exchanges) == (young, parents, exchanges)
    assert indicators.reports == 12 and len(indicators.by_month) == 12
    assert "<svg" in page.text and '<title id="chart-monthly-title">' in page.text and "<desc" in page.text

    download = client.get(reverse("activity:indicators"), {"annee": LAST_YEAR, "format": "xlsx"})
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(download.content))
    summary = {row[0]: row[1] for row in workbook["Synthèse"].iter_rows(min_row=4, values_only=True)}
    assert summary["Jeunes touchés en ligne"] == young and summary["Parents touchés en ligne"] == parents
    assert summary["Échanges"] == exchanges
    assert workbook["Synthèse"]["A1"].value.startswith("Cher (18)")
    months = list(workbook["Par mois"].iter_rows(min_row=4, values_only=True))
    assert len(months) == 12 and sum(row[1] for row in months) == young
    networks = list(workbook["Par réseau"].iter_rows(min_row=4, values_only=True))
    assert sum(row[1] + row[2] for row in networks) == young + parents


def test_the_cnaf_gets_the_network_with_a_table_by_departement(world, client_for):
    reports = list(_year(world).prefetch_related("reaches"))
    young, parents, exchanges = _expected(reports)
    client = client_for("cnaf")
    page = client.get(reverse("activity:indicators"), {"annee": LAST_YEAR})
    indicators = page.context["indicators"]
    assert (indicators.young_people, indicators.exchanges) == (young, exchanges)
    by_code = {row["department"].code: row for row in page.context["table"]}
    cher = [r for r in reports if r.department.code == "18"]
    assert by_code["18"]["exchanges"] == sum(r.exchanges for r in cher)
    workbook = load_workbook(
        BytesIO(client.get(reverse("activity:indicators"), {"annee": LAST_YEAR, "format": "xlsx"}).content)
    )
    assert "Par département" in workbook.sheetnames


def test_a_quarter_counts_its_three_months_only(world, client_for):
    promeneur = world.pages["promeneur_a"].specific
    for month, exchanges in ((3, 5), (4, 7), (6, 11), (7, 100)):
        make_report(promeneur, datetime.date(LAST_YEAR, month, 1), exchanges=exchanges)
    page = client_for("coordination_18").get(
        reverse("activity:indicators"), {"periode": "trimestre", "annee": LAST_YEAR, "trimestre": 2}
    )
    assert page.context["indicators"].exchanges == 18
    assert page.context["indicators"].previous.exchanges == 5  # the first quarter, for the change


def test_a_period_without_reports_says_so_and_draws_nothing(world, client_for):
    page = client_for("coordination_18").get(reverse("activity:indicators"), {"annee": LAST_YEAR})
    assert page.status_code == 200
    assert "Aucun rapport d'activité" in page.text and 'class="activity-chart"' not in page.text


def test_unknown_parameters_fall_back_with_a_notice(world, client_for):
    page = client_for("coordination_18").get(
        reverse("activity:indicators"), {"periode": "siecle", "annee": "abc"}
    )
    assert page.status_code == 200 and "Période non reconnue" in page.text
