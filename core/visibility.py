"""What may appear on a public surface. Apps whose pages can be live yet hidden (a promeneur not publicly
listed) register their rule here, in their AppConfig.ready; every public surface of the core (the sitemap, the
links of another language's 404) asks this module, so it never needs to know those apps."""

from collections.abc import Callable

from django.db.models import QuerySet

_queryset_rules: list[Callable[[QuerySet], QuerySet]] = []
_page_rules: list[Callable[[object], bool]] = []


def register(queryset_rule: Callable[[QuerySet], QuerySet], page_rule: Callable[[object], bool]) -> None:
    """``queryset_rule(pages)``: the pages of a queryset that may be shown; ``page_rule(page)``: the same for
    one live, specific page. Both must agree."""
    if queryset_rule not in _queryset_rules:
        _queryset_rules.append(queryset_rule)
    if page_rule not in _page_rules:
        _page_rules.append(page_rule)


def shown_publicly(pages: QuerySet) -> QuerySet:
    for rule in _queryset_rules:
        pages = rule(pages)
    return pages


def is_shown_publicly(page) -> bool:
    return all(rule(page) for rule in _page_rules)
