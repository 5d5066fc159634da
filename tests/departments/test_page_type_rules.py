import pytest

from departments.models import DepartmentHomePage, DepartmentsIndexPage
from directory.models import AnnuairePage
from home.models import ContentPage, LegalPage, NationalHomePage
from news.models import NewsArticlePage, NewsIndexPage


@pytest.mark.parametrize(
    "child, parent, allowed",
    [
        (DepartmentsIndexPage, NationalHomePage, True),
        (DepartmentHomePage, DepartmentsIndexPage, True),
        (DepartmentHomePage, NationalHomePage, False),
        (DepartmentHomePage, ContentPage, False),
        (ContentPage, NationalHomePage, True),
        (ContentPage, DepartmentHomePage, True),
        (ContentPage, ContentPage, True),
        (ContentPage, NewsIndexPage, False),
        (NewsIndexPage, NationalHomePage, True),
        (NewsIndexPage, DepartmentHomePage, True),
        (NewsIndexPage, ContentPage, False),
        (NewsArticlePage, NewsIndexPage, True),
        (NewsArticlePage, DepartmentHomePage, False),
        (LegalPage, DepartmentHomePage, True),
        (LegalPage, ContentPage, False),
        (AnnuairePage, NationalHomePage, True),
        (AnnuairePage, DepartmentHomePage, True),
        (AnnuairePage, ContentPage, False),
        (NationalHomePage, DepartmentsIndexPage, False),
    ],
)
def test_page_type_rules(child, parent, allowed):
    both_ways = parent in child.allowed_parent_page_models() and child in parent.allowed_subpage_models()
    assert both_ways is allowed


def test_one_news_index_per_section(cher):
    # create_department_site made one: a second is refused.
    assert not NewsIndexPage.can_create_at(cher.home)
    assert not AnnuairePage.can_create_at(cher.home)
