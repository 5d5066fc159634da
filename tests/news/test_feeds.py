"""Each site's news as RSS 2.0 and Atom (Django's syndication framework), advertised on the news index; the
national feeds include the départements' flagged articles. Validated by parsing the XML for the elements each
format requires."""

import xml.etree.ElementTree as ET

import pytest

from news.factories import make_article
from tests.news.conftest import get

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def articles(national_news, cher_news):
    make_article(national_news, title="Journée nationale", days_ago=4, tags=["Rencontre"])
    make_article(cher_news, title="Rencontre à Bourges", days_ago=1, show_in_national_news=True)
    make_article(cher_news, title="Atelier local du Cher", days_ago=2)


def rss_items(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    items = channel.findall("item")
    for item in items:
        assert item.findtext("link").startswith("http://")
        assert item.findtext("pubDate") and item.findtext("guid") and item.findtext("description")
    return [item.findtext("title") for item in items]


def atom_entries(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("title", "id", "updated"):
        assert feed.findtext(f"{ATOM}{required}"), required
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("title", "id", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert entry.find(f"{ATOM}link").get("href").startswith("http://")
    return [entry.findtext(f"{ATOM}title") for entry in entries]


def test_the_national_feeds_include_the_flagged_articles(articles):
    assert rss_items(get("/actualites/rss/")) == ["Rencontre à Bourges", "Journée nationale"]
    assert atom_entries(get("/actualites/atom/")) == ["Rencontre à Bourges", "Journée nationale"]


def test_a_departement_feed_has_its_own_articles(articles):
    expected = ["Rencontre à Bourges", "Atelier local du Cher"]
    assert rss_items(get("/actualites/rss/", host="18.localhost")) == expected
    assert atom_entries(get("/actualites/atom/", host="18.localhost")) == expected
    assert rss_items(get("/actualites/rss/", host="93.localhost")) == []


def test_the_news_index_advertises_its_feeds(articles):
    body = get("/actualites/", host="18.localhost").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in body
    assert 'href="/actualites/rss/"' in body
    assert 'type="application/atom+xml"' in body and 'href="/actualites/atom/"' in body
