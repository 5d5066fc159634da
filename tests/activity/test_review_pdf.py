"""The review as a PDF (?format=pdf on the indicators page): a real PDF, named after its scope and period, whose
text (read back with pypdf) carries the figures that the test recomputes from the reports; the network's PDF
has the table by département; the page's access rules; an empty period says so; no 500 without WeasyPrint."""

import datetime
from collections import defaultdict
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from activity.factories import make_year_of_reports
from activity.models import ActivityReport
from tests.activity.test_permission_matrix import cells, denied

from .conftest import LAST_YEAR


def _year(world):
    promeneurs = [world.pages["promeneur_a"].specific, world.pages["promeneur_b"].specific]
    make_year_of_reports(promeneurs, datetime.date(LAST_YEAR, 12, 1))
    return list(ActivityReport.objects.filter(month__year=LAST_YEAR).prefetch_related("reaches"))


def _reach(reports):
    young = sum(reach.young_people for report in reports for reach in report.reaches.all())
    parents = sum(reach.parents for report in reports for reach in report.reaches.all())
    return young, parents


def _n(value) -> str:
    """A whole number as the PDF prints it, French grouping (its non-breaking space read as a space)."""
    return f"{value:,}".replace(",", " ")


def _pdf(client, **params):
    response = client.get(reverse("activity:indicators"), {**params, "format": "pdf"})
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(BytesIO(response.content))
    # Every run of whitespace (line breaks between table cells, non-breaking spaces) as one space.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return response, reader, text


def test_the_cher_s_yearly_pdf_carries_the_figures_of_its_reports(world, client_for):
    reports = [report for report in _year(world) if report.department.code == "18"]
    young, parents = _reach(reports)
    exchanges = sum(report.exchanges for report in reports)
    assert young > 0 and len(reports) == 12

    response, reader, text = _pdf(client_for("coordination_18"), annee=LAST_YEAR)
    assert response["Content-Disposition"] == f'attachment; filename="bilan-activite-18-cher-{LAST_YEAR}.pdf"'
    title = f"Bilan d'activité – Cher (18) – {LAST_YEAR}"
    assert reader.metadata.title == title
    assert text.startswith(title)
    assert "comité de pilotage" in text
    assert f"Jeunes touchés en ligne {_n(young)} " in text
    assert f"Parents touchés en ligne {_n(parents)} " in text
    assert f"Échanges {_n(exchanges)} " in text
    assert "Rapports reçus 12 " in text
    # The monthly table, month by month, as the reports add up.
    by_month = defaultdict(lambda: [0, 0, 0])
    for report in reports:
        month_young, month_parents = _reach([report])
        row = by_month[report.month.month]
        row[0] += month_young
        row[1] += month_parents
        row[2] += report.exchanges
    assert f"mars {LAST_YEAR} {_n(by_month[3][0])} {_n(by_month[3][1])} {_n(by_month[3][2])} " in text
    assert f"décembre {LAST_YEAR} {_n(by_month[12][0])} {_n(by_month[12][1])} {_n(by_month[12][2])} " in text
    # The monthly chart is drawn in the PDF: its axis labels are text of the page.
    assert f"01/{LAST_YEAR % 100:02d}" in text and f"12/{LAST_YEAR % 100:02d}" in text
    # A coordination's review is its département's only.
    assert "Seine-Saint-Denis" not in text and "Par département" not in text


def test_the_cnaf_s_network_pdf_has_the_table_by_departement(world, client_for):
    reports = _year(world)
    response, reader, text = _pdf(client_for("cnaf"), annee=LAST_YEAR)
    assert response["Content-Disposition"] == f'attachment; filename="bilan-activite-reseau-{LAST_YEAR}.pdf"'
    assert reader.metadata.title == f"Bilan d'activité – Réseau national – {LAST_YEAR}"
    young, parents = _reach(reports)
    assert f"Jeunes touchés en ligne {_n(young)} " in text
    assert "Par département" in text
    for code, name in (("18", "Cher"), ("93", "Seine-Saint-Denis")):
        mine = [report for report in reports if report.department.code == code]
        dep_young, dep_parents = _reach(mine)
        exchanges = sum(report.exchanges for report in mine)
        assert f"{code} – {name} 1 {_n(dep_young)} {_n(dep_parents)} {_n(exchanges)} " in text
    exchanges = sum(report.exchanges for report in reports)
    assert f"Ensemble du réseau 2 {_n(young)} {_n(parents)} {_n(exchanges)} " in text


INDICATOR_CELLS = [cell for cell in cells() if cell.values[1] == "indicators"]


@pytest.mark.parametrize(("obj", "action", "role", "allowed"), INDICATOR_CELLS)
def test_the_pdf_follows_the_indicators_page_s_rules(world, reports, client_for, obj, action, role, allowed):
    response = client_for(role).get(
        reverse("activity:indicators"), {"annee": reports["report_a"].month.year, "format": "pdf"}
    )
    if allowed:
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    else:
        assert denied(response), response.status_code
        assert not response.content.startswith(b"%PDF")


def test_an_empty_period_gives_a_pdf_that_says_so(world, client_for):
    response, _reader, text = _pdf(
        client_for("coordination_18"), periode="trimestre", annee=LAST_YEAR, trimestre=2
    )
    assert (
        response["Content-Disposition"] == f'attachment; filename="bilan-activite-18-cher-{LAST_YEAR}-T2.pdf"'
    )
    assert text.startswith(f"Bilan d'activité – Cher (18) – 2e trimestre {LAST_YEAR}")
    assert f"Aucun rapport d'activité pour 2e trimestre {LAST_YEAR} dans ce périmètre" in text
    assert "Jeunes touchés en ligne" not in text


def test_without_weasyprint_the_page_comes_back_with_a_message(world, reports, client_for, monkeypatch):
    from activity import pdf

    def unavailable():
        raise pdf.PdfUnavailable

    monkeypatch.setattr(pdf, "_weasyprint", unavailable)
    client = client_for("coordination_18")
    response = client.get(reverse("activity:indicators"), {"annee": LAST_YEAR, "format": "pdf"})
    assert response.status_code == 302
    assert "format=" not in response["Location"] and f"annee={LAST_YEAR}" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Le bilan PDF ne peut pas être produit" in page.text
