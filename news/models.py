from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import ContentStreamBlock
from core.models import BasePage
from core.sections import section_for_page

NEWS_PER_PAGE = 12


class SectionNewsMixin:
    """For section homes (national, département): the latest news of the section in the context."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index = context["section"].news_index
        context["latest_news"] = list(news_index.specific.articles()[:3]) if news_index else []
        return context


class NewsIndexPage(RoutablePageMixin, BasePage):
    """Actualités of the national site or of a département. The national index also shows the
    départements' articles their editors flagged for the national news. ``rss/`` and ``atom/`` are its feeds
    (news/feeds.py)."""

    intro = models.TextField(_("chapô"), blank=True)

    parent_page_types = ["home.NationalHomePage", "departments.DepartmentHomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("index des actualités")
        verbose_name_plural = _("index des actualités")

    @property
    def is_national(self) -> bool:
        # Only the national home sits at depth 2 (right under the tree's root), in every language.
        return self.depth == 3

    def articles(self):
        articles = NewsArticlePage.objects.live().public().filter(locale=self.locale)
        if self.is_national:
            articles = articles.filter(
                models.Q(path__startswith=self.path) | models.Q(show_in_national_news=True)
            )
        else:
            articles = articles.descendant_of(self)
        return articles.select_related("image").order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        tag = request.GET.get("tag", "").strip()[:100]
        if tag:
            articles = articles.filter(tags__slug=tag)
            context["active_tag"] = tag
        # get_page: the first page for a number that is not one, the last for one past the end.
        page_obj = Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        context["page_obj"] = page_obj
        context["articles"] = page_obj.object_list
        return context

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from news.feeds import NewsRssFeed

        return NewsRssFeed(self, section_for_page(self, request))(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed(self, section_for_page(self, request))(request)


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticlePage(BasePage):
    date = models.DateField(_("date de publication"), default=timezone.localdate)
    summary = models.TextField(
        _("résumé"), max_length=300, help_text=_("Affiché dans les listes (300 caractères).")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = models.CharField(
        _("texte alternatif de l'image"),
        max_length=200,
        blank=True,
        help_text=_("Laissez vide si l'image est décorative."),
    )
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("contenu"))
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True, verbose_name=_("mots-clés"))
    show_in_national_news = models.BooleanField(
        _("afficher aussi dans les actualités nationales"),
        default=False,
        help_text=_("Pour un article départemental d'intérêt national."),
    )

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("tags"), FieldPanel("show_in_national_news")],
            heading=_("Publication"),
        ),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        ordering = ["-date"]
