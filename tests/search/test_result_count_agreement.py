"""The results page agrees its counts in French: « 0 résultat », « 1 résultat », « 2 résultats »."""

import pytest

from tests.search.world import search_html

pytestmark = pytest.mark.django_db


def count_line(html: str) -> str:
    start = html.index('<p class="search-count" role="status">')
    return " ".join(html[start : html.index("</p>", start)].split()[3:])


def test_zero_one_and_many_results(world):
    assert count_line(search_html("zzzqqqwww")) == "0 résultat"
    assert count_line(search_html("karim")) == "1 résultat"
    assert count_line(search_html("educatrice")).endswith("résultats")
    assert count_line(search_html("zzzqqqwww", type="promeneurs")) == "0 résultat dans « promeneurs »"
    assert count_line(search_html("karim", type="promeneurs")) == "1 résultat dans « promeneurs »"
