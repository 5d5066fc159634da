import pytest
from django.test import Client

from news.models import NewsArticlePage, NewsIndexPage


def get(path, host="localhost"):
    return Client(HTTP_HOST=host).get(path)


def test_national_home_is_french(national_home):
    response = get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Aller au contenu" in html
    assert national_home.title in html


def test_department_home_on_its_domain_and_under_national_path(cher):
    own = get("/", host="18.localhost")
    assert own.status_code == 200
    assert "Cher" in own.content.decode()
    national_copy = get("/departements/cher/")
    assert national_copy.status_code == 200
    assert (
        '<link rel="canonical" href="http://18.localhost/departements/cher/'
        not in national_copy.content.decode()
    )
    assert 'rel="canonical" href="http://18.localhost/"' in national_copy.content.decode()


def test_unknown_host_serves_the_national_site(cher):
    response = get("/", host="inconnu.localhost")
    assert response.status_code == 200
    assert "Réseau national" in response.content.decode()


def test_unknown_path_is_the_french_404(national_home):
    response = get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_departments_index_groups_by_region(cher, seine_saint_denis):
    html = get("/departements/").content.decode()
    assert "Centre-Val de Loire" in html and "Île-de-France" in html
    assert "http://18.localhost/" in html and "http://93.localhost/" in html


def test_legal_pages_reuse_the_national_text(cher):
    from home.models import LegalPage

    national = LegalPage.objects.get(depth=3, kind="mentions-legales")
    national.body = "<p>Texte national des mentions.</p>"
    national.save_revision().publish()
    html = get("/mentions-legales/", host="18.localhost").content.decode()
    assert "Texte national des mentions." in html


def test_robots_and_sitemap(cher):
    robots = get("/robots.txt", host="18.localhost").content.decode()
    assert "Sitemap: http://18.localhost/sitemap.xml" in robots
    sitemap = get("/sitemap.xml", host="18.localhost")
    assert sitemap.status_code == 200
    assert "http://18.localhost/actualites/" in sitemap.content.decode()


@pytest.fixture
def cher_article(cher):
    index = NewsIndexPage.objects.child_of(cher.home).get()
    article = NewsArticlePage(
        title="Rencontre départementale à Bourges", summary="Tous les promeneurs réunis."
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_department_news_only_reaches_national_news_when_flagged(cher_article):
    assert "Rencontre départementale" in get("/actualites/", host="18.localhost").content.decode()
    assert "Rencontre départementale" not in get("/actualites/").content.decode()
    cher_article.show_in_national_news = True
    cher_article.save_revision().publish()
    assert "Rencontre départementale" in get("/actualites/").content.decode()


def test_news_index_tolerates_bad_page_numbers(cher_article):
    assert get("/actualites/?page=abc", host="18.localhost").status_code == 200
    assert get("/actualites/?page=999", host="18.localhost").status_code == 200
