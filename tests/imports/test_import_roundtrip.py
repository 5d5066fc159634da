"""The import of a département's list: preview, all-or-nothing import, stable keys, export round-trip."""

import io

from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from directory.factories import annuaire_of, make_promeneur, make_structure
from directory.models import PromeneurPage, PromeneurStatus, StructurePage
from tests.imports.helpers import csv_bytes, promeneur_row, upload

IMPORT_18 = "/admin/import-annuaire/18/"
CONFIRM_18 = "/admin/import-annuaire/18/importer/"


def preview(client, content, name="annuaire.csv"):
    response = client.post(IMPORT_18, {"fichier": upload(content, name)})
    assert response.status_code == 200
    return response


def import_file(client, content, publication="brouillon", name="annuaire.csv"):
    response = preview(client, content, name)
    assert response.context["plan"].is_valid, response.context["plan"].errors
    token = response.context["confirm_form"].initial["jeton"]
    # A large file is imported in the background: follow its status page to the result.
    done = client.post(CONFIRM_18, {"jeton": token, "publication": publication}, follow=True)
    assert done.status_code == 200
    return done.context["counts"]


def three_hundred_rows():
    # 300 promeneurs in 30 structures of three communes of the Cher.
    towns = ["Bourges", "Vierzon", "Saint-Amand-Montrond"]
    return [
        promeneur_row(n, structure=f"Centre social n° {n // 10}", commune=towns[(n // 10) % 3])
        for n in range(300)
    ]


def test_three_bad_rows_import_nothing_then_the_fixed_file_creates_300(client_18, cher):
    rows = three_hundred_rows()
    rows[9] = {**rows[9], "Commune": "Villenulle-sur-Rien"}
    rows[99] = {**rows[99], "E-mail de la structure": "pas-une-adresse"}
    rows[199] = {**rows[199], "Missions": "Jeunesse, Sport"}
    response = preview(client_18, csv_bytes(rows))
    plan = response.context["plan"]
    assert [(row.number, [column for column, _ in row.errors]) for row in plan.errors] == [
        (11, ["Commune"]),
        (101, ["E-mail de la structure"]),
        (201, ["Missions"]),
    ]
    html = response.content.decode()
    assert "Ligne 11, colonne « Commune » : Commune inconnue : « Villenulle-sur-Rien »." in html
    assert "Ligne 101, colonne « E-mail de la structure » : Adresse e-mail invalide" in html
    assert "Ligne 201, colonne « Missions » : Mission inconnue : « Sport »" in html
    assert response.context["confirm_form"] is None  # no "Importer" while an error remains
    assert 'action="/admin/import-annuaire/18/importer/"' not in html
    assert not PromeneurPage.objects.exists()

    counts = import_file(client_18, csv_bytes(three_hundred_rows()))
    assert counts["creations"] == 300 and counts["promeneurs_created"] == 300
    assert counts["structures_created"] == 30
    annuaire = annuaire_of(cher)
    assert PromeneurPage.objects.descendant_of(annuaire).count() == 300
    assert StructurePage.objects.child_of(annuaire).count() == 30
    lea = PromeneurPage.objects.get(first_name="Prénom7")
    assert not lea.live and lea.latest_revision is not None  # drafts, with a revision
    assert lea.get_parent().specific.title == "Centre social n° 0"
    assert lea.department == cher.department
    assert sorted(lea.missions.names()) == ["Jeunesse", "Parentalité"]
    assert lea.status == PromeneurStatus.ACTIVE
    assert [p.url for p in lea.social_profiles.all()] == ["https://www.instagram.com/import.pdn7/"]
    assert PageLogEntry.objects.filter(page=lea, action="wagtail.create").exists()

    # The same file again: matched on the stable keys, nothing created, nothing changed.
    response = preview(client_18, csv_bytes(three_hundred_rows()))
    counts = response.context["counts"]
    assert (counts["creations"], counts["modifications"], counts["unchanged"]) == (0, 0, 300)


def test_second_import_updates_instead_of_duplicating_and_publishes(client_18, cher):
    rows = [promeneur_row(n) for n in range(3)]
    import_file(client_18, csv_bytes(rows), publication="publier")
    first = PromeneurPage.objects.get(first_name="Prénom1")
    assert first.live and first.is_publicly_listed
    rows[1] = {**rows[1], "Métier": "Éducatrice spécialisée", "Prénom": "prénom1"}
    response = preview(client_18, csv_bytes(rows))
    plan = response.context["plan"]
    assert [row.status for row in plan.rows] == ["inchange", "modification", "inchange"]
    assert plan.rows[1].changed == ["Métier"]
    counts = import_file(client_18, csv_bytes(rows), publication="publier")
    assert counts["promeneurs_updated"] == 1 and counts["promeneurs_created"] == 0
    assert PromeneurPage.objects.count() == 3
    first.refresh_from_db()
    assert first.job_title == "Éducatrice spécialisée"
    assert PageLogEntry.objects.filter(page=first, action="wagtail.publish").count() == 2


def test_export_then_import_reports_nothing_to_do(client_18, cher, communes):
    annuaire = annuaire_of(cher)
    tilleuls = make_structure(
        annuaire,
        title="Centre social des Tilleuls",
        commune=communes["bourges"],
        website="https://tilleuls.invalid/",
    )
    make_structure(annuaire, title='=HYPERLINK("https://pirate.invalid")', commune=communes["vierzon"])
    make_promeneur(tilleuls, missions=["jeunesse", "parentalite"], first_name="Léa", last_name="-Martin")
    make_promeneur(tilleuls, missions=["parentalite"], first_name="Karim", profiles=[])
    draft = make_promeneur(tilleuls, first_name="Inès")
    draft.job_title = "Médiatrice numérique (brouillon)"
    draft.save_revision()

    csv_export = client_18.get("/admin/import-annuaire/18/export.csv")
    assert csv_export.status_code == 200
    text = csv_export.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";'-Martin;" in text  # formulas neutralised
    assert "Médiatrice numérique (brouillon)" in text  # the latest revision, as the editor sees it
    counts = preview(client_18, csv_export.content).context["counts"]
    assert (counts["rows"], counts["creations"], counts["modifications"], counts["errors"]) == (4, 0, 0, 0)

    xlsx_export = client_18.get("/admin/import-annuaire/18/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_export.content)).worksheets[0]
    titles = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert '\'=HYPERLINK("https://pirate.invalid")' in titles
    assert all(
        cell.value is None or cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row
    )
    counts = preview(client_18, xlsx_export.content, "annuaire-18.xlsx").context["counts"]
    assert (counts["rows"], counts["creations"], counts["modifications"], counts["errors"]) == (4, 0, 0, 0)


def test_the_template_is_downloadable_with_its_french_headers(client_18):
    response = client_18.get("/admin/import-annuaire/modele.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in workbook.worksheets[0][1]]
    assert headers[:3] == ["Département", "Structure", "Type de structure"]
    assert workbook.sheetnames[1] == "Mode d'emploi"
    csv_template = client_18.get("/admin/import-annuaire/modele.csv").content.decode("utf-8-sig")
    assert csv_template.startswith("Département;Structure;")
    page = client_18.get(IMPORT_18).content.decode()
    assert "modele.xlsx" in page and "Profils en ligne" in page
