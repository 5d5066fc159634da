"""A news index shows NEWS_PER_PAGE articles a page, newest first, with links to the previous and next pages
that keep the tag; a page number that is not a number never fails."""

from news.factories import make_article
from news.models import NEWS_PER_PAGE
from tests.news.conftest import get, titles


def fill(index, count, **fields):
    # Article n is n days old: the newest first is "Article 0", "Article 1", ...
    return [make_article(index, title=f"Article {n}", days_ago=n, **fields) for n in range(count)]


def test_the_first_page_holds_the_newest_articles(cher, cher_news):
    fill(cher_news, NEWS_PER_PAGE + 2)

    response = get("/actualites/", host="18.localhost")

    assert titles(response) == [f"Article {n}" for n in range(NEWS_PER_PAGE)]
    html = response.content.decode()
    assert "Page 1 sur 2" in html
    assert 'href="?page=2" rel="next"' in html
    assert 'rel="prev"' not in html


def test_the_second_page_holds_the_rest(cher, cher_news):
    fill(cher_news, NEWS_PER_PAGE + 2)

    response = get("/actualites/", host="18.localhost", page="2")

    assert titles(response) == [f"Article {NEWS_PER_PAGE}", f"Article {NEWS_PER_PAGE + 1}"]
    html = response.content.decode()
    assert "Page 2 sur 2" in html
    assert 'href="?page=1" rel="prev"' in html
    assert 'rel="next"' not in html


def test_one_page_has_no_pagination(cher, cher_news):
    fill(cher_news, 3)

    response = get("/actualites/", host="18.localhost")

    assert len(titles(response)) == 3
    assert 'class="pagination"' not in response.content.decode()


def test_a_page_number_that_is_not_a_number_shows_the_first_page(cher, cher_news):
    fill(cher_news, NEWS_PER_PAGE + 1)

    for page in ["abc", "", "-1", "1.5", "9" * 40]:
        response = get("/actualites/", host="18.localhost", page=page)
        assert response.status_code == 200
        assert response.context["page_obj"].number in {1, 2}  # first page, or the last for out-of-range
        assert len(titles(response)) in {NEWS_PER_PAGE, 1}
    assert titles(get("/actualites/", host="18.localhost", page="abc"))[0] == "Article 0"


def test_the_pages_cover_every_article_once(national_news, cher_news):
    articles = fill(national_news, NEWS_PER_PAGE) + [
        make_article(cher_news, title=f"Article du Cher {n}", days_ago=n, show_in_national_news=True)
        for n in range(3)
    ]

    first, second = (titles(get("/actualites/", page=str(page))) for page in (1, 2))

    assert len(first) == NEWS_PER_PAGE
    assert len(first) + len(second) == NEWS_PER_PAGE + 3
    assert sorted(first + second) == sorted(article.title for article in articles)
