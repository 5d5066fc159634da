"""A file without some columns (an older template) leaves those fields of existing pages as they are: export,
drop « Charte signée le », « Nom », « Adresse », « Téléphone de la structure » and more, import back → every
row « inchangé », nothing blanked; a new promeneur still needs a « Métier » column."""

import csv
import datetime
import io

from directory.models import PromeneurPage, StructurePage
from tests.imports.helpers import csv_bytes, promeneur_row
from tests.imports.test_import_roundtrip import import_file, preview

DROPPED = [
    "Charte signée le",
    "Nom",
    "Adresse",
    "Téléphone de la structure",
    "Code postal",
    "E-mail de la structure",
    "Site web",
    "Début de la convention",
    "Fin de la convention",
    "Type de structure",
    "Métier",
    "Missions",
    "Profils en ligne",
    "Statut",
]


def full_rows():
    return [
        promeneur_row(
            n,
            adresse="3 rue des Lilas",
            code_postal="18000",
            telephone="02 48 00 00 00",
            email="contact@tilleuls.invalid",
            site="https://tilleuls.invalid/",
            debut="01/01/2024",
            fin="31/12/2099",
            nom="Martin",
            charte="01/02/2024",
        )
        for n in range(3)
    ]


def without(content: bytes, dropped) -> bytes:
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";")
    headers = [header for header in reader.fieldnames if header not in dropped]
    return csv_bytes(list(reader), headers=headers)


def snapshot():
    structure = StructurePage.objects.get(title="Centre social des Tilleuls")
    promeneurs = {
        page.first_name: (
            page.last_name,
            page.job_title,
            page.status,
            page.charter_signed_on,
            sorted(page.missions.names()),
            [p.url for p in page.social_profiles.all()],
            page.latest_revision_id,
        )
        for page in PromeneurPage.objects.order_by("first_name")
    }
    fields = ("address", "postcode", "phone", "email", "website", "convention_start", "convention_end")
    return {name: getattr(structure, name) for name in fields}, structure.latest_revision_id, promeneurs


def test_an_export_without_some_columns_imports_back_unchanged(client_18):
    import_file(client_18, csv_bytes(full_rows()), publication="publier")
    before = snapshot()
    assert before[0]["address"] == "3 rue des Lilas" and before[0]["phone"] == "02 48 00 00 00"
    assert before[2]["Prénom1"][0] == "Martin" and before[2]["Prénom1"][3] == datetime.date(2024, 2, 1)

    exported = client_18.get("/admin/import-annuaire/18/export.csv").content
    reduced = without(exported, DROPPED)
    assert "Adresse" not in reduced.decode().splitlines()[0]
    response = preview(client_18, reduced)
    counts = response.context["counts"]
    assert (counts["creations"], counts["modifications"], counts["unchanged"]) == (0, 0, 3)
    assert "inchangé" in response.content.decode()

    counts = import_file(client_18, reduced, publication="publier")
    assert (counts["structures_updated"], counts["promeneurs_updated"]) == (0, 0)
    assert snapshot() == before  # no field blanked, not even a new revision


def test_a_changed_value_in_a_reduced_file_changes_only_that_field(client_18):
    import_file(client_18, csv_bytes(full_rows()), publication="publier")
    exported = client_18.get("/admin/import-annuaire/18/export.csv").content
    reader = csv.DictReader(io.StringIO(exported.decode("utf-8-sig")), delimiter=";")
    rows = list(reader)
    rows[0]["Métier"] = "Éducatrice spécialisée"
    headers = [h for h in reader.fieldnames if h not in ("Nom", "Charte signée le", "Adresse")]
    counts = import_file(client_18, csv_bytes(rows, headers=headers), publication="publier")
    assert counts["promeneurs_updated"] == 1 and counts["structures_updated"] == 0
    page = PromeneurPage.objects.get(first_name="Prénom0")
    assert page.job_title == "Éducatrice spécialisée"
    assert page.last_name == "Martin" and page.charter_signed_on == datetime.date(2024, 2, 1)
    assert StructurePage.objects.get().address == "3 rue des Lilas"


def test_a_new_promeneur_needs_the_job_column(client_18):
    import_file(client_18, csv_bytes(full_rows()), publication="publier")
    headers = [h for h in csv_bytes([]).decode().strip().split(";") if h != "Métier"]
    new = {
        **full_rows()[0],
        "Prénom": "Prénom7",
        "Profils en ligne": "https://www.instagram.com/import.pdn7/",
    }
    rows = full_rows() + [new]
    response = preview(client_18, csv_bytes(rows, headers=headers))
    plan = response.context["plan"]
    assert [(row.number, row.errors) for row in plan.errors] == [
        (5, [("Métier", "La colonne « Métier » manque : elle est obligatoire pour créer un promeneur.")])
    ]
    assert response.context["confirm_form"] is None
