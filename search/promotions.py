"""Promoted results ("Sélection de la coordination"), per site.

Wagtail's SearchPromotion is installation-wide: a promotion is a (query, page or external link) pair with no
site. Here a promotion belongs to the site of its page: it is shown on a département's search only when its
page is in that département's tree, and on the national search only when its page is a national page (not in
any département). So a coordinator who promotes their own pages never changes what other sites show.
External links have no site: they are shown on the national search only (the roles configuration should keep
their creation to national editors).

Queries are compared folded ("Santé" promoted, "sante" typed) because visitors rarely type accents.
"""

from wagtail.contrib.search_promotions.models import SearchPromotion

from core.text import fold
from departments.models import DepartmentHomePage
from search.kinds import KINDS, Scope
from search.query import SearchQuery

MAX_PROMOTIONS = 5


def _same_query(promotion: SearchPromotion, query: SearchQuery) -> bool:
    return SearchQuery.parse(promotion.query.query_string).terms == query.terms or fold(
        promotion.query.query_string
    ) == fold(query.display)


def _in_national_section(page) -> bool:
    return not DepartmentHomePage.objects.ancestor_of(page, inclusive=True).exists()


def promotions_for(scope: Scope, query: SearchQuery, *, is_national: bool) -> list[SearchPromotion]:
    if query.is_empty:
        return []
    # The table holds a few promotions per site: comparing folded queries in Python stays cheap.
    promotions = [
        promotion
        for promotion in SearchPromotion.objects.select_related("query", "page").order_by("sort_order", "pk")
        if _same_query(promotion, query)
    ]
    if not promotions:
        return []
    page_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    visible_ids = set(KINDS.visible_pages(scope).filter(id__in=page_ids).values_list("id", flat=True))
    shown = []
    for promotion in promotions:
        if promotion.page_id:
            keep = promotion.page_id in visible_ids and (
                not is_national or _in_national_section(promotion.page)
            )
        else:
            keep = is_national and bool(promotion.external_link_url)
        if keep:
            shown.append(promotion)
    return shown[:MAX_PROMOTIONS]
