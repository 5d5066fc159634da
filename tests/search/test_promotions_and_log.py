"""Promoted results belong to the site of their page; searches are logged per site."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchQueryLog
from tests.search.world import client, search_html

pytestmark = pytest.mark.django_db


def promote(query_string: str, page=None, **fields) -> SearchPromotion:
    return SearchPromotion.objects.create(query=Query.get(query_string), page=page, **fields)


def promoted_section(html: str) -> str:
    if 'id="search-group-promoted"' not in html:
        return ""
    return html.split('id="search-group-promoted"')[1].split("</section>")[0]


def test_promotion_of_a_departement_page_shows_on_that_site_only(world):
    promote("Rencontre", page=world.news_18, description="Le rendez-vous des promeneurs du Cher.")
    cher = promoted_section(search_html("rencontre", host="18.localhost"))
    assert "Rencontre départementale des promeneurs" in cher
    assert "Le rendez-vous des promeneurs du Cher." in cher
    assert promoted_section(search_html("rencontre")) == ""
    assert promoted_section(search_html("rencontre", host="93.localhost")) == ""


def test_promotion_of_a_national_page_shows_on_the_national_site_only(world):
    promote("santé", page=world.page_national)
    national = search_html("Sante")  # typed without the accent, promoted with it
    assert "Santé des jeunes en ligne" in promoted_section(national)
    assert national.index('id="search-group-promoted"') < national.index('id="search-group-promeneurs"')
    assert promoted_section(search_html("sante", host="18.localhost")) == ""


def test_external_link_promotions_are_national(world):
    promote(
        "santé", external_link_url="https://www.example.invalid/sante", external_link_text="Fil santé jeunes"
    )
    assert "Fil santé jeunes" in promoted_section(search_html("santé"))
    assert promoted_section(search_html("santé", host="18.localhost")) == ""


def test_promotion_of_a_hidden_page_is_not_shown(world):
    promote("educatrice", page=world.lea)
    assert "Léa" in promoted_section(search_html("educatrice", host="18.localhost"))
    world.lea.status = "suspendu"
    world.lea.save()
    assert promoted_section(search_html("educatrice", host="18.localhost")) == ""


def test_searches_are_counted_per_site_and_day(world):
    for _ in range(2):
        search_html("Santé  des jeunes", host="18.localhost")
    search_html("santé des jeunes")
    search_html("zzzqqq", host="18.localhost")
    # Result pages of one kind (pagination, "voir les N") are not new searches.
    search_html("santé des jeunes", host="18.localhost", type="pages")

    cher = SearchQueryLog.objects.get(section_home=world.cher.home, query_string="santé des jeunes")
    assert cher.hits == 2
    national = SearchQueryLog.objects.get(section_home=world.national_home, query_string="santé des jeunes")
    assert national.hits == 1 and national.results_count >= 1
    nothing = SearchQueryLog.objects.get(query_string="zzzqqq")
    assert nothing.results_count == 0 and nothing.section_home_id == world.cher.home.pk
    # And Wagtail's installation-wide daily hits (search terms report, promotions).
    assert Query.get("santé des jeunes").hits == 3


def test_empty_searches_are_not_logged(world):
    client().get("/recherche/", {"q": "   "})
    client().get("/recherche/")
    assert not SearchQueryLog.objects.exists()


def test_purge_keeps_recent_rows(world):
    search_html("santé")
    SearchQueryLog.objects.create(
        section_home=world.national_home,
        query_string="ancienne",
        day=timezone.localdate() - datetime.timedelta(days=500),
    )
    call_command("purge_search_log", days=400, stdout=StringIO())
    assert list(SearchQueryLog.objects.values_list("query_string", flat=True)) == ["santé"]
