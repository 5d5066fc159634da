"""The review of a period as a PDF for the comité de pilotage (?format=pdf on the indicators page): the same
figures as the page and the workbook (activity.indicators.compute), the page's SVG charts embedded, each with
its table, and the table by département on the network-wide view. Laid out by WeasyPrint from
activity/templates/activity/review_pdf.html; WeasyPrint needs Pango and HarfBuzz (make pdf-libs)."""

import logging

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from activity import charts

logger = logging.getLogger(__name__)


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries are missing on this server."""


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: Pango or HarfBuzz not found by cffi
        logger.error("activity: WeasyPrint unavailable (%s); run make pdf-libs", error)
        raise PdfUnavailable from error
    return weasyprint


def review_charts(indicators) -> dict:
    """The page's charts (activity/views.py draws the same ones), keyed by their name in the template."""
    if indicators.empty:
        return {}
    return {
        "monthly_chart": charts.monthly_bars(
            "chart-monthly",
            _("Personnes touchées chaque mois"),
            indicators.by_month,
            _("Jeunes"),
            _("Parents"),
        ),
        "network_chart": charts.horizontal_bars(
            "chart-networks",
            _("Personnes touchées par réseau"),
            [
                {"label": row["label"], "value": row["young"] + row["parents"]}
                for row in indicators.by_network
            ],
            _("Personnes touchées"),
        ),
        "commune_map": charts.commune_map(
            "chart-communes", _("Personnes touchées par commune"), indicators.by_commune
        ),
    }


def review_filename(period, *, chosen=None, departments=(), network: bool = False) -> str:
    """``bilan-activite-18-cher-2025.pdf``, ``bilan-activite-reseau-2025-T2.pdf``: the scope, then the period."""
    if chosen is not None:
        named = [chosen]
    elif network:
        named = []
    else:
        named = list(departments)
    if not named:
        scope = "reseau"
    elif len(named) == 1:
        scope = f"{named[0].code}-{slugify(named[0].name)}"
    else:
        scope = "-".join(department.code for department in named)
    return f"bilan-activite-{scope.lower()}-{period.slug}.pdf"


def review_html(
    indicators, scope_label: str, departments_table: list[dict] | None = None, notice: str = ""
) -> str:
    total_row = None
    if departments_table is not None and not indicators.empty:
        total_row = {
            "promeneurs": indicators.promeneurs_reporting,
            "young": indicators.young_people,
            "parents": indicators.parents,
            "exchanges": indicators.exchanges,
            "meetings": indicators.in_person_meetings,
            "hours": indicators.hours_online,
        }
    return render_to_string(
        "activity/review_pdf.html",
        {
            "indicators": indicators,
            "period": indicators.period,
            "scope_label": scope_label,
            "table": departments_table if not indicators.empty else None,
            "total_row": total_row,
            "notice": notice,
            "generated_on": timezone.localdate(),
            **review_charts(indicators),
        },
    )


def review_pdf(
    indicators, scope_label: str, departments_table: list[dict] | None = None, notice: str = ""
) -> bytes:
    """The PDF's bytes. Raises PdfUnavailable when WeasyPrint cannot run here."""
    weasyprint = _weasyprint()
    html = review_html(indicators, scope_label, departments_table, notice)
    # Nothing is fetched: the charts are inline SVG and the stylesheet is in the template. Only data: URLs are
    # allowed, so no text typed by a user can make the server fetch a file or an address.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
