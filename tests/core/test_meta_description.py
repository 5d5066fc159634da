"""Every public page has a meta description: its search description, else its summary or intro, else the
site's default sentence (core/meta.py, `{% meta_description %}` in base.html)."""

import html
import re

from django.test import Client

from core.meta import MAX_LENGTH, clean_description
from news.factories import make_article
from news.models import NewsIndexPage


def description(path, host="localhost"):
    page = Client(HTTP_HOST=host).get(path).content.decode()
    found = re.findall(r'<meta name="description" content="([^"]*)">', page)
    assert len(found) == 1, found
    return html.unescape(found[0])


def test_search_description_first_then_intro(db, national_home):
    national_home.intro = "Des professionnels présents sur les réseaux sociaux."
    national_home.search_description = ""
    national_home.save_revision().publish()
    assert description("/") == "Des professionnels présents sur les réseaux sociaux."
    national_home.search_description = "Le réseau des Promeneurs du Net en France."
    national_home.save_revision().publish()
    assert description("/") == "Le réseau des Promeneurs du Net en France."


def test_news_article_uses_its_summary(db, national_home):
    index = NewsIndexPage.objects.child_of(national_home).get()
    article = make_article(index, title="Rencontre", summary="Une <b>rencontre</b> des promeneurs à Bourges.")
    assert description(article.url) == "Une rencontre des promeneurs à Bourges."


def test_default_sentence_names_the_department(db, cher):
    cher.home.intro = ""
    cher.home.search_description = ""
    cher.home.save_revision().publish()
    text = description("/", host="18.localhost")
    assert text.startswith("Les Promeneurs du Net du Cher : ")


def test_views_without_a_page_get_the_default(db, national_home):
    assert description("/verifier/").startswith("Les Promeneurs du Net : ")


def test_cleaned_to_one_line_of_at_most_160_characters():
    long = "<p>Un texte</p>\n<p>" + "très long " * 40 + "</p>"
    cleaned = clean_description(long)
    assert "\n" not in cleaned and "<" not in cleaned
    assert len(cleaned) <= MAX_LENGTH and cleaned.endswith("…")
