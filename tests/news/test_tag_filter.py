"""?tag= on a news index lists only the articles with that tag (by slug), says which tag is active and links
back to every article; an unknown or oversized tag lists nothing and never fails."""

from news.factories import make_article
from tests.news.conftest import get, titles


def test_a_tag_keeps_only_its_articles(cher, cher_news):
    make_article(cher_news, title="Rencontre à Bourges", tags=["Rencontre", "Cher"], days_ago=1)
    make_article(cher_news, title="Formation à la modération", tags=["Formation"], days_ago=2)
    make_article(cher_news, title="Rencontre à Vierzon", tags=["Rencontre"], days_ago=3)

    response = get("/actualites/", host="18.localhost", tag="rencontre")

    assert titles(response) == ["Rencontre à Bourges", "Rencontre à Vierzon"]
    assert response.context["active_tag"] == "rencontre"
    html = response.content.decode()
    assert "Actualités avec le mot-clé « rencontre »." in html
    assert "Voir toutes les actualités" in html


def test_without_a_tag_every_article_is_listed(cher, cher_news):
    make_article(cher_news, title="Rencontre à Bourges", tags=["Rencontre"], days_ago=1)
    make_article(cher_news, title="Sans mot-clé", days_ago=2)

    response = get("/actualites/", host="18.localhost")

    assert titles(response) == ["Rencontre à Bourges", "Sans mot-clé"]
    assert "active_tag" not in response.context


def test_an_article_links_to_its_tags_on_its_index(cher, cher_news):
    article = make_article(cher_news, title="Rencontre à Bourges", tags=["Vie pratique"])

    response = get(f"/actualites/{article.slug}/", host="18.localhost")

    assert response.status_code == 200
    assert 'href="/actualites/?tag=vie-pratique"' in response.content.decode()
    assert titles(get("/actualites/", host="18.localhost", tag="vie-pratique")) == ["Rencontre à Bourges"]


def test_a_tag_of_another_departement_lists_nothing_here(cher, cher_news, ssd_news):
    make_article(ssd_news, title="Forum à Bobigny", tags=["Forum"])
    make_article(cher_news, title="Rencontre à Bourges", tags=["Rencontre"])

    assert titles(get("/actualites/", host="18.localhost", tag="forum")) == []
    assert titles(get("/actualites/", host="93.localhost", tag="forum")) == ["Forum à Bobigny"]


def test_an_unknown_or_oversized_tag_lists_nothing(cher, cher_news):
    make_article(cher_news, title="Rencontre à Bourges", tags=["Rencontre"])

    for tag in ["inconnu", "x" * 5000, "<script>alert(1)</script>", "rencontre' OR 1=1 --"]:
        response = get("/actualites/", host="18.localhost", tag=tag)
        assert titles(response) == []
        assert "Aucune actualité pour le moment." in response.content.decode()
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_unpublished_article_is_not_listed_under_its_tag(cher, cher_news):
    make_article(cher_news, title="Brouillon", tags=["Rencontre"], publish=False)
    make_article(cher_news, title="Publiée", tags=["Rencontre"])

    assert titles(get("/actualites/", host="18.localhost", tag="rencontre")) == ["Publiée"]
