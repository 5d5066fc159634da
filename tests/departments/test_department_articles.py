"""Every sentence names a département with its article: « du Cher », « dans le Cher », « en Seine-Saint-Denis »,
« à La Réunion » (departments/grammar.py, Department.of_name / in_name / with_article)."""

import csv

import pytest

from departments import grammar
from departments.models import Department
from departments.reference import DATA_DIR

EXPECTED = {
    # code: (of_name, in_name, with_article)
    "18": ("du Cher", "dans le Cher", "le Cher"),
    "93": ("de la Seine-Saint-Denis", "en Seine-Saint-Denis", "la Seine-Saint-Denis"),
    "04": ("des Alpes-de-Haute-Provence", "dans les Alpes-de-Haute-Provence", "les Alpes-de-Haute-Provence"),
    "01": ("de l’Ain", "dans l’Ain", "l’Ain"),
    "59": ("du Nord", "dans le Nord", "le Nord"),
    "78": ("des Yvelines", "dans les Yvelines", "les Yvelines"),
    "974": ("de La Réunion", "à La Réunion", "La Réunion"),
    "976": ("de Mayotte", "à Mayotte", "Mayotte"),
    "971": ("de la Guadeloupe", "en Guadeloupe", "la Guadeloupe"),
    "75": ("de Paris", "à Paris", "Paris"),
    "34": ("de l’Hérault", "dans l’Hérault", "l’Hérault"),
    "38": ("de l’Isère", "en Isère", "l’Isère"),
    "31": ("de la Haute-Garonne", "en Haute-Garonne", "la Haute-Garonne"),
    "51": ("de la Marne", "dans la Marne", "la Marne"),
    "90": ("du Territoire de Belfort", "dans le Territoire de Belfort", "le Territoire de Belfort"),
    "2A": ("de la Corse-du-Sud", "en Corse-du-Sud", "la Corse-du-Sud"),
    "95": ("du Val-d'Oise", "dans le Val-d'Oise", "le Val-d'Oise"),
}


def reference_rows():
    with open(DATA_DIR / "departements.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_department_of_the_reference_data_has_its_forms():
    codes = {row["code"] for row in reference_rows()}
    assert len(codes) == 101
    assert codes == set(grammar.FORMS)
    for article, locative in grammar.FORMS.values():
        assert article in {grammar.LE, grammar.LA, grammar.LES, grammar.L_APOSTROPHE, grammar.NONE}
        assert locative in {grammar.DANS, grammar.EN, grammar.A}


def test_elision_matches_the_name():
    # « l’ » before a vowel or a mute h, never before a consonant; « le/la/les » never before a vowel.
    for row in reference_rows():
        article, _locative = grammar.FORMS[row["code"]]
        starts_with_vowel = row["name"][0].lower() in "aeiouyéèêîh" and not row["name"].startswith(
            ("Haut", "Hauts")
        )
        if article == grammar.L_APOSTROPHE:
            assert starts_with_vowel, row["name"]
        elif article in (grammar.LE, grammar.LA):
            assert not starts_with_vowel, row["name"]


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_the_model_names_the_department_in_a_sentence(db, code):
    department = Department.objects.get(code=code)  # filled by the data migration
    of_name, in_name, with_article = EXPECTED[code]
    assert department.of_name == of_name
    assert department.in_name == in_name
    assert department.with_article == with_article


def test_the_migration_filled_all_101(db):
    assert Department.objects.count() == 101
    for department in Department.objects.all():
        assert (department.article, department.locative) == grammar.FORMS[department.code], department.name
