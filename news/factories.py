"""Factories for the news: articles under a news index (national or a département's). Shared by the test suite
and the demo loader; every text is fictional.

    article = make_article(news_index, title="Rencontre à Bourges", tags=["rencontre"], days_ago=3)
"""

import datetime
from collections.abc import Iterable

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from news.models import NewsArticlePage, NewsIndexPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    """A news index; provisioning gives every section one (network/provisioning.py)."""

    class Meta:
        model = NewsIndexPage

    title = "Actualités"
    slug = "actualites"


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    """An article; give it ``parent=<NewsIndexPage>`` (``make_article`` does it, with tags, and publishes)."""

    class Meta:
        model = NewsArticlePage

    title = factory.Sequence(lambda n: f"Actualité du réseau n° {n}")
    slug = factory.LazyAttribute(lambda article: slugify(article.title))
    date = factory.LazyFunction(timezone.localdate)
    summary = factory.LazyAttribute(lambda article: f"Résumé : {article.title}.")


def make_article(
    news_index: NewsIndexPage,
    *,
    tags: Iterable[str] = (),
    days_ago: int | None = None,
    publish: bool = True,
    **fields,
) -> NewsArticlePage:
    """An article under ``news_index``, dated ``days_ago`` days back (today by default), with ``tags``."""
    if days_ago is not None:
        fields["date"] = timezone.localdate() - datetime.timedelta(days=days_ago)
    article = NewsArticlePageFactory.build(**fields)
    news_index.add_child(instance=article)
    if tags:
        article.tags.add(*tags)
    if publish:
        article.save_revision().publish()
    else:
        article.live = False
        article.save()
    return article
