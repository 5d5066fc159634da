"""Bad files and bad rows: French errors with row and column, nothing imported."""

import io

from openpyxl import Workbook

from directory.factories import annuaire_of, make_promeneur, make_structure
from directory.models import PromeneurPage, StructurePage
from imports import tabular
from imports.columns import HEADERS
from tests.imports.helpers import csv_bytes, promeneur_row, row, upload

IMPORT_18 = "/admin/import-annuaire/18/"


def post(client, content, name="annuaire.csv"):
    response = client.post(IMPORT_18, {"fichier": upload(content, name)})
    assert response.status_code == 200
    return response


def file_error(response):
    return response.context["form"].errors["fichier"][0]


def test_neither_csv_nor_xlsx(client_18):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50
    assert "ni un fichier CSV ni un classeur XLSX" in file_error(post(client_18, png, "photo.png"))
    assert "ni un fichier CSV ni un classeur XLSX" in file_error(post(client_18, b"a;b\n", "vieux.xls"))
    broken = post(client_18, b"PK\x03\x04" + b"\x00" * 100, "annuaire.xlsx")
    assert "illisible" in file_error(broken)


def test_too_big_and_too_many_rows(client_18, monkeypatch):
    big = csv_bytes([promeneur_row(1)]) + b"x" * (10 * 1024 * 1024)
    assert file_error(post(client_18, big)) == "Le fichier dépasse 10 Mo : découpez-le en plusieurs fichiers."
    many = csv_bytes([promeneur_row(n) for n in range(5001)])
    assert "plus de 5 000 lignes" in file_error(post(client_18, many))
    monkeypatch.setattr(tabular, "MAX_ROWS", 3)
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for n in range(4):
        workbook.active.append([promeneur_row(n).get(header, "") for header in HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "plus de 5 000 lignes" in file_error(post(client_18, buffer.getvalue(), "a.xlsx"))
    assert not StructurePage.objects.exists()


def test_latin1_semicolons_and_utf8_bom_commas(client_18):
    rows = [promeneur_row(1, commune="Saint-Amand-Montrond", prenom="Léa", missions="Parentalité")]
    for content in (
        csv_bytes(rows, delimiter=";", encoding="cp1252"),
        csv_bytes(rows, delimiter=";", encoding="latin-1"),
        b"\xef\xbb\xbf" + csv_bytes(rows, delimiter=","),
    ):
        plan = post(client_18, content).context["plan"]
        assert plan.is_valid, plan.errors
        assert plan.rows[0].promeneur_name == "Léa"
        assert plan.rows[0].status == "creation"


def test_missing_columns(client_18):
    response = post(client_18, "Nom;Ville\nLéa;Bourges\n".encode())
    assert "Colonnes obligatoires absentes" in response.content.decode()
    assert response.context["confirm_form"] is None


def test_formula_cells_are_refused_never_evaluated(client_18):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    values = [promeneur_row(1).get(header, "") for header in HEADERS]
    values[HEADERS.index("Métier")] = '=HYPERLINK("https://pirate.invalid","Animatrice")'
    sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = post(client_18, buffer.getvalue(), "annuaire.xlsx")
    plan = response.context["plan"]
    assert [(r.number, r.errors[0][0]) for r in plan.errors] == [(2, "Métier")]
    assert "les formules ne sont jamais calculées" in response.content.decode()
    assert "pirate.invalid" not in response.content.decode()
    # In a CSV, a value starting with "=" is a formula too; an apostrophe-prefixed one is plain text.
    plan = post(client_18, csv_bytes([promeneur_row(1, metier="=1+1")])).context["plan"]
    assert plan.errors[0].errors[0][0] == "Métier"
    plan = post(client_18, csv_bytes([promeneur_row(1, nom="'-Martin")])).context["plan"]
    assert plan.is_valid and plan.structures[0].promeneurs["prenom1"].values["last_name"] == "-Martin"


def test_rows_aimed_at_another_departement_and_bad_cells(client_18, cher, communes):
    other = make_structure(annuaire_of(cher), title="Maison des jeunes", commune=communes["bourges"])
    make_promeneur(
        other,
        first_name="Aline",
        profiles=[
            {"platform": "instagram", "handle": "@deja.pris", "url": "https://www.instagram.com/deja.pris/"}
        ],
    )
    rows = [
        promeneur_row(1, departement="93"),
        promeneur_row(2, commune="Bobigny"),
        promeneur_row(3, profils="https://www.instagram.com/deja.pris/"),
        promeneur_row(4, statut="Labellisé"),
        promeneur_row(5, type="Boulangerie"),
        promeneur_row(6, code_postal="93000"),
        promeneur_row(7, debut="31/12/2025", fin="01/01/2025"),
        promeneur_row(8, charte="demain"),
        promeneur_row(9, profils="https://www.instagram.com/import.pdn8/"),
        promeneur_row(1),
        row(structure="Centre social des Tilleuls", commune="Bourges", type="MJC, maison ou foyer de jeunes"),
        promeneur_row(10, site="pas un site"),
        promeneur_row(11, profils="https://www.instagram.com/"),
        row(structure="Sans prénom", commune="Bourges", metier="Animateur"),
    ]
    response = post(client_18, csv_bytes(rows))
    plan = response.context["plan"]
    errors = {r.number: r.errors for r in plan.errors}
    html = response.content.decode()
    assert errors[2][0][0] == "Département" and "vise le département 93" in errors[2][0][1]
    assert errors[3][0][0] == "Commune" and "Bobigny est dans le département 93" in errors[3][0][1]
    assert errors[4] == [
        (
            "Profils en ligne",
            "Le profil « https://www.instagram.com/deja.pris/ » est déjà celui d'un autre promeneur actif.",
        )
    ]
    assert errors[5][0][0] == "Statut"
    assert errors[6][0][0] == "Type de structure"
    assert errors[7][0][0] == "Code postal"
    assert errors[8] == [("Fin de la convention", "La fin de la convention précède son début.")]
    assert errors[9][0][0] == "Charte signée le"
    assert errors[10][0][0] == "Profils en ligne" and "ligne 9" in errors[10][0][1]
    assert any(column == "Prénom" and "ligne 2" in message for column, message in errors[11])
    assert errors[12][0][0] == "Type de structure" and "autrement ligne" in errors[12][0][1]
    assert errors[13][0][0] == "Site web"
    assert 14 in errors
    assert errors[15][0][0] == "Prénom"
    assert "Ligne 3, colonne « Commune »" in html
    assert response.context["confirm_form"] is None
    assert PromeneurPage.objects.count() == 1
