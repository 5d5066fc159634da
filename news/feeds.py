"""RSS 2.0 and Atom feeds of a news index, with Django's syndication framework. The items are the index's own
listing (``NewsIndexPage.articles()``), so the national feed includes the départements' flagged articles."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

#: Articles a feed carries, the newest first.
FEED_ITEMS = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, section):
        super().__init__()
        self.index = index
        self.section = section

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        return f"{index.title} – {self.section.name}"

    def link(self, index):
        return index.get_full_url(self.request)

    def description(self, index):
        return index.intro or _("Les actualités du réseau des Promeneurs du Net.")

    def feed_url(self, index):
        return self.request.build_absolute_uri()

    def items(self, index):
        return index.articles()[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return datetime.datetime.combine(
            article.date, datetime.time(8, 0), tzinfo=timezone.get_current_timezone()
        )

    def item_updateddate(self, article):
        return article.last_published_at or self.item_pubdate(article)

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index):
        return self.description(index)
