import pytest
from django.test import Client

from news.models import NewsIndexPage


def news_index_of(home) -> NewsIndexPage:
    return NewsIndexPage.objects.child_of(home).get()


@pytest.fixture
def national_news(national_home):
    return news_index_of(national_home)


@pytest.fixture
def cher_news(cher):
    return news_index_of(cher.home)


@pytest.fixture
def ssd_news(seine_saint_denis):
    return news_index_of(seine_saint_denis.home)


def titles(response) -> list[str]:
    """The titles of the articles listed on a news index page, in their order."""
    assert response.status_code == 200
    return [article.title for article in response.context["articles"]]


def get(path, host="localhost", **params):
    return Client(HTTP_HOST=host).get(path, params or None)
