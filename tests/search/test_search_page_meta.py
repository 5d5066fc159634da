"""The search page keeps the <head> that base.html gives every page (its meta description, said with the
département's article on a département's site) and adds `noindex`: search engines should not index result
pages, but they still read the description of the page they are told to skip."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def head(host: str, query: dict) -> str:
    response = Client(HTTP_HOST=host).get("/recherche/", query)
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


@pytest.mark.parametrize("query", [{"q": "harcelement"}, {}], ids=["query", "empty"])
@pytest.mark.parametrize(
    ("host", "description"),
    [
        ("localhost", "Les Promeneurs du Net : des professionnels de la jeunesse et de la parentalité"),
        ("18.localhost", "Les Promeneurs du Net du Cher : des professionnels de la jeunesse"),
    ],
)
def test_the_search_page_keeps_its_description_and_is_not_indexed(cher, host, description, query):
    html = head(host, query)
    descriptions = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(descriptions) == 1 and descriptions[0].startswith(description), descriptions
    assert html.count('<meta name="robots" content="noindex">') == 1
