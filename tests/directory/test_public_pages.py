"""The annuaire page, a promeneur's profile and a structure's page, as the public sees them."""

import datetime
import html
import json
import re

import pytest
from django.utils import timezone

from directory.factories import set_status
from directory.models import Permanence, PromeneurStatus
from directory.pages import permanence_rows
from tests.directory.conftest import get

UTC = datetime.UTC


def text(response):
    return html.unescape(response.content.decode())


def card_names(page_html):
    return re.findall(r'class="promeneur-card__name"><a href="[^"]+">([^<]+)</a>', page_html)


# --- annuaire page --------------------------------------------------------------------------------------


def test_national_annuaire_lists_cards_with_count(world):
    response = get("/annuaire/")
    assert response.status_code == 200
    page = text(response)
    assert card_names(page) == ["Manon", "Karim", "Léa", "Hugo", "Inès"]
    assert re.search(r'role="status">\s*5 promeneurs trouvés', page)
    assert 'alt="Photo de Léa"' in page
    assert "Animatrice jeunesse" in page and "Centre social des Tilleuls" in page and "Bourges (18)" in page
    assert '<span class="badge badge--parentalite">Parentalité</span>' in page


def test_departement_annuaire_shows_its_own_promeneurs(world):
    page = text(get("/annuaire/", host="18.localhost"))
    assert sorted(card_names(page)) == ["Hugo", "Inès", "Karim", "Léa"]
    assert 'name="departement"' not in page  # the filter only exists nationally


def test_form_is_labelled_and_keeps_the_query(world):
    page = text(get("/annuaire/", q="Léa", mission="jeunesse", pres_de="18000", rayon="35"))
    for field_id in ["annuaire-q", "annuaire-pres-de", "annuaire-rayon", "annuaire-mission", "annuaire-theme",
                     "annuaire-reseau", "annuaire-type", "annuaire-departement"]:  # fmt: skip
        assert f'<label for="{field_id}">' in page
    assert "<fieldset" in page and "<legend>" in page
    assert 'value="Léa"' in page and 'value="35"' in page
    assert '<option value="jeunesse" selected>' in page


def test_distance_search_shows_distances_nearest_first(world):
    page = text(get("/annuaire/", pres_de="18000", rayon="50"))
    assert card_names(page) == ["Karim", "Léa", "Inès", "Hugo"]
    assert "à moins de 1 km" in page and "à 29 km" in page and "à 41 km" in page
    assert "à moins de 50 km de Bourges" in page


def test_results_map_data_is_a_json_script_and_hidden_without_js(world):
    page = get("/annuaire/", pres_de="18000").content.decode()
    assert re.search(r"<section class=\"annuaire-map\" data-annuaire-map hidden", page)
    data = json.loads(
        re.search(r'<script id="annuaire-map-data" type="application/json">(.*?)</script>', page)[1]
    )
    assert [point["name"] for point in data] == ["Karim", "Léa"]
    assert data[0]["lat"] == pytest.approx(47.081) and data[0]["url"].endswith("/")
    assert "directory/vendor/leaflet/leaflet.js" in page


def test_empty_state_offers_a_wider_radius_and_the_coordination(world):
    from departments.models import SiteIdentity

    identity = SiteIdentity.objects.get(site__hostname="18.localhost")
    identity.coordination_email = "coordination@cher.invalid"
    identity.save()
    page = text(
        get("/annuaire/", host="18.localhost", pres_de="18000", rayon="5", mission="jeunesse", type="mjc")
    )
    assert "Aucun promeneur trouvé" in page
    assert "Élargir la recherche à 20 km" in page
    assert "rayon=20" in page
    assert "coordination@cher.invalid" in page
    assert "Chercher dans l’annuaire national" in page


def test_unknown_filters_show_notices(world):
    page = text(get("/annuaire/", mission="aventure", reseau="myspace"))
    assert "Mission inconnue « aventure »" in page
    assert "Réseau social inconnu « myspace »" in page
    assert "5 promeneurs trouvés" in page


def test_commune_not_found_offers_suggestions_as_links(world):
    page = text(get("/annuaire/", pres_de="Vierz", mission="jeunesse"))
    assert "Commune introuvable : « Vierz »" in page
    assert 'aria-invalid="true"' in page
    assert re.search(r'<a href="\?mission=jeunesse&pres_de=Vierzon\+%2818100%29">Vierzon \(18100\)</a>', page)
    # Following the suggestion works.
    assert card_names(text(get("/annuaire/", pres_de="Vierzon (18100)", mission="jeunesse"))) == ["Inès"]


def test_pagination_links_keep_the_filters(world, monkeypatch):
    monkeypatch.setattr("directory.pages.RESULTS_PER_PAGE", 2)
    page = get("/annuaire/", mission="jeunesse").content.decode()
    assert "Page 1 sur 2" in page
    assert 'href="?mission=jeunesse&amp;page=2"' in page
    assert card_names(text(get("/annuaire/", mission="jeunesse", page="2"))) == ["Inès"]


# --- promeneur profile ----------------------------------------------------------------------------------


def test_profile_shows_the_public_card(world):
    response = get(world.lea.url_path.split("/cher", 1)[1], host="18.localhost")
    assert response.status_code == 200
    page = text(response)
    assert '<h1 id="profile-name">Léa</h1>' in page
    assert "Martin" not in page  # last name hidden by default
    assert 'alt="Photo de Léa"' in page and "srcset=" in page
    assert (
        '<span class="network-list__platform">Instagram</span></a> <code class="handle network-list__handle"'
        in page
        and ">@lea.pdn18</code>" in page
    )
    assert 'href="https://www.instagram.com/lea.pdn18/"' in page
    assert "<caption>" in page and '<th scope="row">Mercredi</th>' in page and "de 14 h 00 à 17 h 00" in page
    assert "vérifié par la coordination des Promeneurs du Net du Cher (18)" in page
    assert 'href="/annuaire/"' in page and "Centre social des Tilleuls" in page
    assert "Santé" in page


def test_profile_shows_last_name_when_chosen(world):
    world.lea.show_last_name = True
    world.lea.save_revision().publish()
    page = text(get(world.lea.url_path.split("/cher", 1)[1], host="18.localhost"))
    assert "Léa Martin" in page


@pytest.mark.parametrize(
    "moment, online",
    [
        (datetime.datetime(2026, 11, 25, 14, 0, tzinfo=UTC), True),  # Wednesday 15:00 in Paris (winter)
        (datetime.datetime(2026, 11, 25, 16, 0, tzinfo=UTC), False),  # 17:00 in Paris: slot over
        (datetime.datetime(2026, 7, 1, 12, 30, tzinfo=UTC), True),  # 14:30 in Paris (summer time)
        (datetime.datetime(2026, 7, 1, 11, 30, tzinfo=UTC), False),  # 13:30 in Paris
        (datetime.datetime(2026, 11, 26, 14, 0, tzinfo=UTC), False),  # Thursday
    ],
)
def test_online_now_is_computed_in_paris_time(world, moment, online):
    rows, online_now = permanence_rows(world.lea, now=moment)
    assert online_now is online
    assert [row["label"] for row in rows] == ["mercredi"]


def test_online_now_badge_on_the_page(world, monkeypatch):
    path = world.lea.url_path.split("/cher", 1)[1]
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 11, 25, 14, 0, tzinfo=UTC))
    page = text(get(path, host="18.localhost"))
    assert "En ligne maintenant" in page and "en ce moment" in page
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 11, 25, 20, 0, tzinfo=UTC))
    assert "En ligne maintenant" not in text(get(path, host="18.localhost"))


def test_weekly_table_orders_days_and_slots(world):
    world.karim.permanences = [
        Permanence(weekday=4, start_time=datetime.time(18), end_time=datetime.time(20)),
        Permanence(weekday=0, start_time=datetime.time(17), end_time=datetime.time(18)),
        Permanence(weekday=0, start_time=datetime.time(9), end_time=datetime.time(10), platform="facebook"),
    ]
    world.karim.save_revision().publish()
    rows, _online = permanence_rows(world.karim, now=datetime.datetime(2026, 11, 23, 8, 30, tzinfo=UTC))
    assert [(row["label"], [item["slot"].start_time.hour for item in row["slots"]]) for row in rows] == [
        ("lundi", [9, 17]),
        ("vendredi", [18]),
    ]
    assert rows[0]["slots"][0]["open"] is True


@pytest.mark.parametrize("who, status", [("zoe", 410), ("nathan", 404), ("yanis", 410)])
def test_profile_of_a_non_listed_promeneur_is_gone_or_not_found(world, who, status):
    # Suspended (Zoé) or convention ended (Yanis): 410 « plus référencée »; a candidate (Nathan): 404.
    promeneur = getattr(world, who)
    assert promeneur.live
    response = get(promeneur.url_path.split("/cher", 1)[1], host="18.localhost")
    assert response.status_code == status


def test_withdrawn_promeneur_is_gone_at_once(world):
    path = world.karim.url_path.split("/cher", 1)[1]
    assert get(path, host="18.localhost").status_code == 200
    set_status(world.karim, PromeneurStatus.WITHDRAWN)
    assert get(path, host="18.localhost").status_code == 410


def test_preview_of_a_non_listed_promeneur_still_works(world):
    response = world.zoe.make_preview_request()
    assert response.status_code == 200
    assert "Zoé" in response.content.decode()


# --- structure page -------------------------------------------------------------------------------------


def test_structure_page_lists_its_listed_promeneurs(world):
    page = text(get("/annuaire/centre-social-des-tilleuls/", host="18.localhost"))
    assert "Centre social" in page and "18000 Bourges" in page
    assert sorted(card_names(page)) == ["Karim", "Léa"]  # not Zoé (suspended) nor Nathan (candidate)


def test_structure_whose_convention_ended_stays_visible_without_promeneurs(world):
    response = get("/annuaire/association-les-passerelles/", host="18.localhost")
    assert response.status_code == 200
    page = text(response)
    assert card_names(page) == []
    assert "La convention de cette structure avec la Caf est arrivée à échéance" in page


def test_capped_listing_says_there_are_more(world, monkeypatch):
    monkeypatch.setattr("directory.annuaire.MAX_LISTED_RESULTS", 3)
    monkeypatch.setattr("directory.pages.RESULTS_PER_PAGE", 3)
    page = text(get("/annuaire/"))
    assert "Plus de 3 promeneurs trouvés" in page
    assert "précisez votre recherche" in page
