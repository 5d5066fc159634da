"""The national news index lists the national articles and the départements' articles flagged "afficher aussi
dans les actualités nationales", newest first; a département's index lists its own articles only."""

from news.factories import make_article
from tests.news.conftest import get, titles


def test_national_news_rolls_up_the_flagged_departement_articles(national_news, cher_news, ssd_news):
    make_article(national_news, title="Journée nationale", days_ago=4)
    make_article(cher_news, title="Rencontre à Bourges", days_ago=1, show_in_national_news=True)
    make_article(cher_news, title="Atelier local du Cher", days_ago=2)
    make_article(ssd_news, title="Forum à Bobigny", days_ago=3, show_in_national_news=True)

    assert titles(get("/actualites/")) == ["Rencontre à Bourges", "Forum à Bobigny", "Journée nationale"]


def test_a_departement_lists_only_its_own_articles(national_news, cher_news, ssd_news):
    make_article(national_news, title="Journée nationale", days_ago=1)
    make_article(cher_news, title="Rencontre à Bourges", days_ago=2, show_in_national_news=True)
    make_article(ssd_news, title="Forum à Bobigny", days_ago=3, show_in_national_news=True)

    assert titles(get("/actualites/", host="18.localhost")) == ["Rencontre à Bourges"]
    assert titles(get("/actualites/", host="93.localhost")) == ["Forum à Bobigny"]
    # The national copy of the Cher's site shows the same list.
    assert titles(get("/departements/cher/actualites/")) == ["Rencontre à Bourges"]


def test_unpublishing_a_flagged_article_removes_it_from_the_national_news(national_news, cher_news):
    article = make_article(cher_news, title="Rencontre à Bourges", show_in_national_news=True)
    assert titles(get("/actualites/")) == ["Rencontre à Bourges"]

    article.unpublish()

    assert titles(get("/actualites/")) == []


def test_the_national_tag_filter_covers_the_rolled_up_articles(national_news, cher_news):
    make_article(national_news, title="Journée nationale", tags=["Rencontre"], days_ago=2)
    make_article(
        cher_news, title="Rencontre à Bourges", tags=["Rencontre"], days_ago=1, show_in_national_news=True
    )
    make_article(cher_news, title="Rencontre interne", tags=["Rencontre"], days_ago=3)

    assert titles(get("/actualites/", tag="rencontre")) == ["Rencontre à Bourges", "Journée nationale"]


def test_the_latest_news_of_a_home_follow_the_same_rule(national_news, cher_news):
    for days_ago in range(4):
        make_article(national_news, title=f"Nationale {days_ago}", days_ago=days_ago + 1)
    make_article(cher_news, title="Rencontre à Bourges", days_ago=0, show_in_national_news=True)
    make_article(cher_news, title="Atelier local du Cher", days_ago=0)

    response = get("/")

    assert response.status_code == 200
    assert [article.title for article in response.context["latest_news"]] == [
        "Rencontre à Bourges",
        "Nationale 0",
        "Nationale 1",
    ]
