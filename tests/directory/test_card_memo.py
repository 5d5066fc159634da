"""The annuaire's cards are memoised (directory_cards.promeneur_cards): a second request reads them from the cache
instead of rendering them, and a card is never stale: it follows each change to what it shows, the clock (office
hours), the site asking, the language, the search carried to the profile and the list it is in."""

import datetime
import re

import time_machine
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

from directory.annuaire import with_card_relations
from directory.hours import PARIS
from directory.models import PromeneurPage, SocialProfile
from tests.directory.conftest import get

CARD_TEMPLATE = "directory/includes/promeneur_card.html"
WEDNESDAY_10H = datetime.datetime(2026, 11, 25, 10, tzinfo=PARIS)
WEDNESDAY_15H = datetime.datetime(2026, 11, 25, 15, tzinfo=PARIS)


def cards(response) -> list[str]:
    return re.findall(r'<article class="promeneur-card">.*?</article>', response.content.decode(), re.S)


def cards_rendered(response) -> int:
    return sum(template.name == CARD_TEMPLATE for template in response.templates)


def lea_card(response) -> str:
    return next(card for card in cards(response) if ">Léa</a>" in card)


def test_a_second_request_reads_the_cards_from_the_memo(world):
    first = get("/annuaire/", host="18.localhost")
    second = get("/annuaire/", host="18.localhost")
    assert cards_rendered(first) == 4  # Léa, Karim, Inès and Hugo
    assert cards_rendered(second) == 0
    assert cards(second) == cards(first)


def test_a_card_follows_the_changes_of_the_promeneur_and_of_its_structure(world):
    get("/annuaire/", host="18.localhost")
    lea = world.lea
    lea.job_title = "Coordinatrice jeunesse"
    lea.save_revision().publish()
    card = lea_card(get("/annuaire/", host="18.localhost"))
    assert "Coordinatrice jeunesse" in card

    SocialProfile.objects.create(
        promeneur=PromeneurPage.objects.get(pk=lea.pk),
        platform="tiktok",
        handle="@lea.tiktok",
        url="https://www.tiktok.com/@lea.tiktok",
    )
    assert "@lea.tiktok" in lea_card(get("/annuaire/", host="18.localhost"))

    bourges = world.bourges
    bourges.title = "Centre social des Grands Tilleuls"
    bourges.save_revision().publish()
    assert "Centre social des Grands Tilleuls" in lea_card(get("/annuaire/", host="18.localhost"))


def test_a_card_follows_the_clock(world):
    with time_machine.travel(WEDNESDAY_10H, tick=False):
        assert "Prochaine permanence : aujourd’hui 14 h – 17 h" in lea_card(
            get("/annuaire/", host="18.localhost")
        )
    with time_machine.travel(WEDNESDAY_15H, tick=False):
        card = lea_card(get("/annuaire/", host="18.localhost"))
        assert "En ligne maintenant" in card
        assert "Prochaine permanence" not in card


def test_each_site_search_and_list_has_its_own_card(world):
    cher = lea_card(get("/annuaire/", host="18.localhost"))
    national = lea_card(get("/annuaire/", host="localhost"))
    searched = lea_card(get("/annuaire/", host="localhost", q="animatrice"))
    # On its own site, its own address and no département; nationally, the national address, « (18) » and
    # the search to come back to.
    assert (
        'href="/annuaire/centre-social-des-tilleuls/' in cher and "(18)" not in cher and "depuis" not in cher
    )
    assert 'href="/departements/cher/annuaire/' in national and "(18)" in national
    assert "depuis=%2Fannuaire%2F%3Fq%3Danimatrice" in searched and "animatrice" not in national
    structure = get(world.bourges.url, host="18.localhost").content.decode()
    assert '<h3 class="promeneur-card__name"><a href="/annuaire/' in structure and "(18)" not in structure


def test_each_language_has_its_own_card(world):
    template = Template("{% load directory_cards %}{% promeneur_cards promeneurs %}")
    request = RequestFactory().get("/annuaire/", HTTP_HOST="18.localhost")
    promeneurs = list(with_card_relations(PromeneurPage.objects.filter(pk=world.lea.pk)))

    def render(language):
        with translation.override(language), time_machine.travel(WEDNESDAY_10H, tick=False):
            return template.render(RequestContext(request, {"promeneurs": promeneurs}))

    french, english, french_again = render("fr"), render("en"), render("fr")
    assert "Jeunesse" in french and "Prochaine permanence" in french
    assert "Youth" in english and "Next office hours" in english
    assert french_again == french
