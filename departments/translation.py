"""Départements stay French: which pages a translation must never reach."""

from wagtail.models import Page

from departments.models import DepartmentHomePage, DepartmentsIndexPage


def reaches_departements(page: Page, include_subtree: bool = False) -> bool:
    """Whether translating `page` (with its subtree) would copy département pages into another language.
    Départements stay French (wagtail-localize#386): the admin's "Translate this page" with "Include
    subtree" on the national home would copy every département's site. For admin guards
    (accounts/localize_guard.py) and demo/translation.py.

    The départements index itself holds no département content: translated alone (the national site's menu
    in English), it copies none; with its subtree, every département."""
    types = (DepartmentsIndexPage, DepartmentHomePage)
    if Page.objects.ancestor_of(page, inclusive=True).type(DepartmentHomePage).exists():
        return True
    if Page.objects.ancestor_of(page).type(DepartmentsIndexPage).exists():
        return True
    return include_subtree and Page.objects.descendant_of(page).type(*types).exists()
