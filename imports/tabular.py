"""Reading and writing the spreadsheet files of the import (CSV and XLSX, with openpyxl).

Nothing here knows about structures or promeneurs: a file becomes a header and a list of rows of strings,
and rows of strings become a file. Formulas are never evaluated: openpyxl reads them as their text (the
cell's type says "formula") and the import refuses them; on export every value a spreadsheet would read as
a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) is prefixed with an apostrophe, which the
import strips again so that an exported file imports back unchanged.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA = object()  # marks an XLSX cell holding a formula


class FileError(Exception):
    """The file as a whole cannot be read: a French message for the coordinator."""


@dataclass
class Table:
    headers: list[str]
    # (line number in the file, values by header); formula cells hold FORMULA.
    rows: list[tuple[int, dict]] = field(default_factory=list)


def neutralise(value: str) -> str:
    """What an export writes: a value a spreadsheet would evaluate gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unneutralise(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def read_upload(upload) -> Table:
    if upload.size > MAX_BYTES:
        raise FileError(_("Le fichier dépasse 10 Mo : découpez-le en plusieurs fichiers."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileError(_("Le fichier dépasse 10 Mo : découpez-le en plusieurs fichiers."))
    name = (upload.name or "").lower()
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data)
    if name.endswith((".xlsx", ".xls", ".ods", ".xlsm")) or b"\x00" in data[:4096]:
        raise FileError(
            _("Ce fichier n'est ni un fichier CSV ni un classeur XLSX. Enregistrez-le au format CSV ou XLSX.")
        )
    return read_csv(data)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # what French Excel writes ("CSV (séparateur : point-virgule)")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_csv(data: bytes) -> Table:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    if first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        lines = []
        for values in reader:
            lines.append(values)
            if len(lines) > MAX_ROWS + 1:
                raise FileError(
                    _("Le fichier compte plus de 5 000 lignes : découpez-le en plusieurs fichiers.")
                )
    except csv.Error as error:
        raise FileError(_("Ce fichier CSV est mal formé (%(error)s).") % {"error": error}) from None
    return _table(lines, _csv_value)


def _csv_value(value: str):
    value = value.strip()
    if value.startswith("="):
        return FORMULA  # what a spreadsheet would evaluate when opening the file
    return unneutralise(value)


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise FileError(
            _("Ce classeur XLSX est illisible (%(error)s). Enregistrez-le à nouveau au format XLSX ou CSV.")
            % {"error": error.__class__.__name__}
        ) from None
    try:
        sheet = workbook.worksheets[0]
        lines = []
        for row in sheet.iter_rows():
            values = [_cell(cell) for cell in row]
            if not any(value for value in values if value is not FORMULA) and FORMULA not in values:
                lines.append([])
            else:
                lines.append(values)
            if len(lines) > MAX_ROWS + 1 and any(lines[-1]):
                raise FileError(
                    _("Le fichier compte plus de 5 000 lignes : découpez-le en plusieurs fichiers.")
                )
    finally:
        workbook.close()
    return _table(lines, lambda value: value)


def _cell(cell):
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")):
        return FORMULA
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unneutralise(str(value).strip())


def _table(lines: list[list], clean) -> Table:
    while lines and not any(lines[-1]):
        lines.pop()
    if not lines or not any(lines[0]):
        raise FileError(_("Le fichier est vide : la première ligne doit contenir les en-têtes de colonnes."))
    headers = [str(value).strip().lstrip("\ufeff") if value is not FORMULA else "" for value in lines[0]]
    table = Table(headers=headers)
    for number, values in enumerate(lines[1:], start=2):
        if not any(values):
            continue
        row = {}
        for index, header in enumerate(headers):
            if not header:
                continue
            value = values[index] if index < len(values) else ""
            row[header] = value if value is FORMULA else clean(str(value))
        table.rows.append((number, row))
    if len(table.rows) > MAX_ROWS:
        raise FileError(_("Le fichier compte plus de 5 000 lignes : découpez-le en plusieurs fichiers."))
    return table


def write_csv(headers: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with a BOM and semicolons: what French Excel opens correctly by a double click."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(headers: list[str], rows: list[list[str]], help_rows: list[list[str]] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = _("Annuaire")
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.data_type = "s"  # text, never a formula nor a number
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
            14, len(header) + 4
        )
    if help_rows:
        help_sheet = workbook.create_sheet(_("Mode d'emploi"))
        for row in help_rows:
            help_sheet.append([neutralise(value) for value in row])
        help_sheet.column_dimensions["A"].width = 30
        help_sheet.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
