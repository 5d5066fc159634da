"""core.text.collation_key: French dictionary order without locale or ICU."""

from core.text import collation_key, french_order


def ordered(*names):
    return sorted(names, key=collation_key)


def test_accented_capitals_sort_with_their_letter():
    assert ordered("Provence-Alpes-Côte d'Azur", "Île-de-France", "Normandie", "Hauts-de-France") == [
        "Hauts-de-France",
        "Île-de-France",
        "Normandie",
        "Provence-Alpes-Côte d'Azur",
    ]
    assert collation_key("Île-de-France") < collation_key("Provence-Alpes-Côte d'Azur")


def test_etudes_among_the_e():
    assert ordered("Scolarité", "Études", "Emploi", "Harcèlement", "Estime de soi") == [
        "Emploi",
        "Estime de soi",
        "Études",
        "Harcèlement",
        "Scolarité",
    ]


def test_case_and_accents_only_break_ties():
    assert ordered("cote", "Côte", "côte", "Cote") == ["cote", "Cote", "côte", "Côte"]
    assert ordered("Œuvre", "Oeuf", "Ordre") == ["Oeuf", "Œuvre", "Ordre"]
    assert collation_key("") == ("", "", "")


def test_french_order_collates_only_where_icu_is(db):
    from django.db.models.functions import Collate

    from core.text import icu_collation_available

    term = french_order("name").expression  # the ORDER BY term's expression
    if icu_collation_available():
        assert isinstance(term, Collate) and term.collation == "fr-x-icu"
    else:
        assert not isinstance(term, Collate)
