"""What a visitor types becomes plain folded words, whatever they type."""

import pytest

from search.query import MAX_QUERY_LENGTH, MAX_TERMS, SearchQuery


@pytest.mark.parametrize(
    "typed, terms",
    [
        ("Éducatrice", ("educatrice",)),
        ("  SANTÉ  ", ("sante",)),
        ("l'éducatrice", ("educatrice",)),
        ("L’Éducation d’abord", ("education", "abord")),
        ("Instagram La Rochelle", ("instagram", "rochelle")),
        ('"santé" AND (emploi OR logement*)', ("sante", "emploi", "logement")),
        ("'; DROP TABLE wagtailcore_page; --", ("drop", "table", "wagtailcore", "page")),
        ("title:foo^3 ~bar", ("title", "foo", "3", "bar")),
        ("Ｅｄｕｃａｔｒｉｃｅ", ("educatrice",)),  # full-width letters (NFKC)
        ("18000", ("18000",)),
        ("Seine-Saint-Denis", ("seine", "saint", "denis")),
    ],
)
def test_query_becomes_folded_words(typed, terms):
    assert SearchQuery.parse(typed).terms == terms


def test_stop_words_are_kept_when_they_are_all_there_is():
    assert SearchQuery.parse("la").terms == ("la",)
    assert SearchQuery.parse("le la les").terms == ("le", "la", "les")


@pytest.mark.parametrize(
    "typed", ["", "   ", "***", '""', "🙂🙂", "\x00\x1b\x07", "\u200b\u202e", None, ["q"]]
)
def test_nothing_searchable_is_an_empty_query(typed):
    query = SearchQuery.parse(typed)
    assert query.is_empty
    assert not query


def test_long_queries_are_capped():
    query = SearchQuery.parse("santé " * 1000)
    assert len(query.display) <= MAX_QUERY_LENGTH
    assert query.terms == ("sante",)
    many = SearchQuery.parse(" ".join(f"mot{n}" for n in range(50)))
    assert len(many.terms) == MAX_TERMS


def test_control_characters_never_reach_the_display():
    query = SearchQuery.parse("sant\x00é\r\n\tjeunes\x7f")
    assert query.display == "sant é jeunes"
    assert query.terms == ("sant", "e", "jeunes")
