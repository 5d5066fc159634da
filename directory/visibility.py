"""The exposure rule of the annuaire for surfaces that list pages of any type (the sitemap, its hreflang
alternates, any future feed or listing of the page tree).

A promeneur page may be shown publicly only when ``PromeneurPage.objects.publicly_listed()`` holds it (live,
public, status actif, live structure whose convention has not ended). A page being live and public is not
enough: a candidat, a suspended or withdrawn promeneur, or one whose structure was unpublished or whose
convention ended keeps a live page. Surfaces that list promeneurs only use ``publicly_listed()`` itself;
surfaces that list pages of every type pass their queryset through ``without_unlisted_promeneurs``, and code
that routes a path to a page (to link to it) asks ``is_shown_publicly``.

``tests/security/test_exposure.py`` enumerates the public URLs and the sitemap classes and checks that none
shows a promeneur who is not publicly listed.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet


def without_unlisted_promeneurs(pages: QuerySet, on: datetime.date | None = None) -> QuerySet:
    """``pages`` (a queryset of Page or of any page type) less the promeneur pages that are not publicly
    listed on ``on`` (default: today). Other page types are left as they are."""
    from directory.models import PromeneurPage

    is_promeneur = pages.type_q(PromeneurPage)
    listed = PromeneurPage.objects.publicly_listed(on).order_by().values("pk")
    return pages.filter(~is_promeneur | Q(pk__in=listed))


def is_shown_publicly(page) -> bool:
    """Whether a live page (as routed, specific) may be shown or linked to publicly: not a promeneur page
    that is not publicly listed (its URL answers 404, and nothing may reveal that it exists)."""
    from directory.models import PromeneurPage

    return not isinstance(page, PromeneurPage) or page.is_publicly_listed
