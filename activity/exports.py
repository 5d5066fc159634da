"""The yearly review as a workbook: a sheet per indicator, titled with the scope and the period. Built from
activity.indicators.compute, like the page."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font


def _sheet(workbook, title: str, heading: str, columns: list[str], rows: list[list]):
    sheet = workbook.create_sheet(title[:31])
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(columns)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, _column in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + index)].width = 28 if index == 0 else 16
    return sheet


def review_workbook(indicators, scope_label: str, departments_table: list[dict] | None = None) -> bytes:
    heading = f"{scope_label} – {indicators.period.label}"
    workbook = Workbook()
    workbook.remove(workbook.active)
    rate = indicators.conformity_rate
    _sheet(workbook, _("Synthèse"), heading, [_("Indicateur"), _("Valeur")], [
        [_("Rapports reçus"), indicators.reports],
        [_("Promeneurs ayant rendu un rapport"), indicators.promeneurs_reporting],
        [_("Jeunes touchés en ligne"), indicators.young_people],
        [_("Parents touchés en ligne"), indicators.parents],
        [_("Échanges"), indicators.exchanges],
        [_("Rencontres en présentiel après un contact en ligne"), indicators.in_person_meetings],
        [_("Projets engagés"), indicators.projects_started],
        [_("Heures de présence en ligne"), indicators.hours_online],
        [_("Demandes d'appui à la coordination"), indicators.support_requests],
        [_("Promeneurs publiés"), indicators.listed_promeneurs],
        [_("Fiches conformes à la charte"), indicators.complete_promeneurs],
        [_("Taux de conformité des fiches"), round(rate * 100, 1) if rate is not None else ""],
        [_("Communes ayant une structure"), indicators.communes_with_a_structure],
        *_coverage_rows(indicators),
    ])  # fmt: skip
    _sheet(workbook, _("Par mois"), heading, [_("Mois"), _("Jeunes"), _("Parents"), _("Échanges"), _("Rencontres")],
           [[row["label"], row["young"], row["parents"], row["exchanges"], row["meetings"]] for row in indicators.by_month])  # fmt: skip
    _sheet(workbook, _("Par réseau"), heading, [_("Réseau"), _("Jeunes"), _("Parents"), _("Promeneurs")],
           [[row["label"], row["young"], row["parents"], row["promeneurs"]] for row in indicators.by_network])  # fmt: skip
    _sheet(workbook, _("Par mission"), heading, [_("Mission"), _("Promeneurs"), _("Jeunes"), _("Parents"), _("Échanges")],
           [[row["label"], row["promeneurs"], row["young"], row["parents"], row["exchanges"]] for row in indicators.by_mission])  # fmt: skip
    _sheet(workbook, _("Par type de structure"), heading, [_("Type de structure"), _("Promeneurs"), _("Jeunes"), _("Parents"), _("Échanges")],
           [[row["label"], row["promeneurs"], row["young"], row["parents"], row["exchanges"]] for row in indicators.by_structure_type])  # fmt: skip
    _sheet(workbook, _("Par commune"), heading, [_("Commune"), _("Promeneurs"), _("Jeunes"), _("Parents"), _("Échanges")],
           [[row["name"], row["promeneurs"], row["young"], row["parents"], row["exchanges"]] for row in indicators.by_commune])  # fmt: skip
    _sheet(workbook, _("Types de demandes"), heading, [_("Type de demande"), _("Rapports")],
           [[row["label"], row["reports"]] for row in indicators.request_kinds])  # fmt: skip
    _sheet(workbook, _("Participation"), heading,
           [_("Type d'événement"), _("Événements"), _("Participants"), _("Sans nombre de participants")],
           [[row["label"], row["events"], row["participants"], row["uncounted"]]
            for row in getattr(indicators, "participation", [])])  # fmt: skip
    if departments_table is not None:
        _sheet(workbook, _("Par département"), heading,
               [_("Département"), _("Promeneurs"), _("Jeunes"), _("Parents"), _("Échanges"), _("Rencontres"), _("Heures en ligne")],
               [[row["name"], row["promeneurs"], row["young"], row["parents"], row["exchanges"], row["meetings"], row["hours"]]
                for row in departments_table])  # fmt: skip
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _coverage_rows(indicators) -> list[list]:
    coverage = getattr(indicators, "coverage", None)
    if coverage is None:
        return []
    label = _("Population à moins de %(km)s km d'un promeneur") % {"km": coverage.radius_km}
    return [
        [label + " (%)", coverage.percent if coverage.percent is not None else "—"],
        [_("Habitants couverts"), coverage.covered_population],
        [_("Habitants du périmètre"), coverage.population],
    ]
