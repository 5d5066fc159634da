"""The « Thèmes » and « Permanences » columns: themes of the suggested list (commas inside a theme kept,
a list written with commas read theme by theme), office hours as « jour HH:MM-HH:MM (réseau) »; an unknown
theme or an unreadable slot is a French row error and nothing is imported; a file without these columns
leaves them as they are; the export writes them so that it imports back unchanged. Photos: the preview says
they are not imported."""

import datetime
from html import unescape

from directory.factories import make_promeneur, make_structure
from directory.models import Permanence, PromeneurPage, ThemeTag
from geo.factories import known_commune
from tests.imports.helpers import csv_bytes, promeneur_row
from tests.imports.test_import_roundtrip import IMPORT_18, import_file, preview

LOISIRS = "Loisirs, sports et culture"


def themes_of(page) -> list[str]:
    return sorted(tag.name for tag in page.themes.all())


def test_themes_and_office_hours_are_imported(client_18, cher):
    rows = [
        promeneur_row(
            1,
            themes="Santé ; Loisirs, sports et culture",
            permanences="mercredi 14:00-17:00 (Instagram)",
        ),
        promeneur_row(2, themes="santé, loisirs, sports et culture, Emploi", permanences="Samedi 10h-12h30"),
    ]
    counts = import_file(client_18, csv_bytes(rows), publication="publier")
    assert counts["promeneurs_created"] == 2
    first = PromeneurPage.objects.get(first_name="Prénom1")
    assert themes_of(first) == [LOISIRS, "Santé"]
    assert [(p.weekday, p.start_time, p.end_time, p.platform) for p in first.permanences.all()] == [
        (2, datetime.time(14), datetime.time(17), "instagram")
    ]
    second = PromeneurPage.objects.get(first_name="Prénom2")
    assert themes_of(second) == ["Emploi", LOISIRS, "Santé"]  # read at its commas, theme by theme
    assert [(p.weekday, p.start_time, p.end_time, p.platform) for p in second.permanences.all()] == [
        (5, datetime.time(10), datetime.time(12, 30), "")
    ]
    # One theme, not "Loisirs" and "sports et culture".
    assert list(ThemeTag.objects.filter(name__icontains="sports").values_list("name", flat=True)) == [LOISIRS]


def test_an_unknown_theme_or_slot_is_a_row_error_and_nothing_is_imported(client_18, cher):
    rows = [
        promeneur_row(1, themes="Santé ; Astrologie"),
        promeneur_row(2, permanences="mercredi après-midi"),
        promeneur_row(3, permanences="lundi 17:00-14:00"),
        promeneur_row(4, permanences="mardi 10:00-12:00 (Minitel)"),
        promeneur_row(5, permanences="jeudi 10:00-12:00 ; jeudi 11:00-13:00"),
    ]
    response = preview(client_18, csv_bytes(rows))
    plan = response.context["plan"]
    assert [(row.number, [column for column, _ in row.errors]) for row in plan.errors] == [
        (2, ["Thèmes"]),
        (3, ["Permanences"]),
        (4, ["Permanences"]),
        (5, ["Permanences"]),
        (6, ["Permanences"]),
    ]
    html = unescape(response.content.decode())
    assert "Ligne 2, colonne « Thèmes » : Thème inconnu : « Astrologie ». Thèmes possibles : Santé ;" in html
    assert "Permanence illisible « mercredi après-midi »" in html
    assert "l'heure de fin doit être après l'heure de début" in html
    assert "Réseau inconnu « Minitel »" in html
    assert "chevauche un autre créneau du même jour" in html
    assert response.context["confirm_form"] is None
    assert not PromeneurPage.objects.exists()


def test_export_then_import_keeps_themes_and_office_hours_unchanged(client_18, cher):
    structure = make_structure(cher, title="Centre social des Tilleuls", commune=known_commune("bourges"))
    promeneur = make_promeneur(
        structure,
        ["jeunesse"],
        first_name="Léa",
        job_title="Animatrice",
        themes=[LOISIRS, "Cuisine, pâtisserie"],
    )
    promeneur.permanences = [
        Permanence(weekday=0, start_time=datetime.time(18), end_time=datetime.time(19, 30))
    ]
    promeneur.save_revision().publish()
    exported = client_18.get("/admin/import-annuaire/18/export.csv")
    assert exported.status_code == 200
    text = exported.content.decode("utf-8-sig")
    assert "lundi 18:00-19:30" in text and LOISIRS in text
    counts = import_file(client_18, exported.content)
    # « Cuisine, pâtisserie » is not in the suggested list, but it is already this promeneur's theme.
    assert (counts["creations"], counts["modifications"]) == (0, 0)
    promeneur.refresh_from_db()
    assert themes_of(promeneur) == sorted([LOISIRS, "Cuisine, pâtisserie"])


def test_a_file_without_these_columns_leaves_them_alone(client_18, cher):
    import_file(
        client_18,
        csv_bytes([promeneur_row(1, themes="Santé", permanences="lundi 9h-10h")]),
        "publier",
    )
    headers = [h for h in csv_bytes([]).decode().strip().split(";") if h not in ("Thèmes", "Permanences")]
    counts = import_file(client_18, csv_bytes([promeneur_row(1)], headers=headers), "publier")
    assert counts["modifications"] == 0
    page = PromeneurPage.objects.get(first_name="Prénom1")
    assert themes_of(page) == ["Santé"] and page.permanences.count() == 1


def test_the_preview_says_photos_are_not_imported(client_18, cher):
    html = unescape(preview(client_18, csv_bytes([promeneur_row(1)])).content.decode())
    assert "Les photos ne s'importent pas depuis un tableur" in html
    assert client_18.get(IMPORT_18).status_code == 200
