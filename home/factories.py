"""Factories for the pages of home: the national home, content pages and legal texts. Shared by the test suite
and the demo loader; every text is fictional.

    page = make_content_page(cher.home, title="Devenir promeneur")
"""

import factory
import wagtail_factories
from django.utils.text import slugify

from home.models import ContentPage, LegalPage, NationalHomePage


class NationalHomePageFactory(wagtail_factories.PageFactory):
    """The national home; provisioning makes the one the network uses (network/provisioning.py)."""

    class Meta:
        model = NationalHomePage

    title = "Promeneurs du Net"
    slug = "accueil"
    intro = "Des professionnels de la jeunesse et de la parentalité présents sur les réseaux sociaux."


class ContentPageFactory(wagtail_factories.PageFactory):
    """A content page; give it ``parent=`` a section home or another content page."""

    class Meta:
        model = ContentPage

    title = factory.Sequence(lambda n: f"Page de contenu n° {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    intro = factory.LazyAttribute(lambda page: f"Introduction de {page.title}.")


class LegalPageFactory(wagtail_factories.PageFactory):
    """A legal text; provisioning gives every section its three (network/provisioning.py)."""

    class Meta:
        model = LegalPage

    kind = LegalPage.Kind.LEGAL_NOTICE
    title = "Mentions légales"
    slug = factory.LazyAttribute(lambda page: page.kind)


def make_content_page(parent, *, publish: bool = True, **fields) -> ContentPage:
    """A content page under ``parent``, published with a revision unless ``publish=False``."""
    page = ContentPageFactory.build(**fields)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page
