"""The annuaire query service: parameters, notices, filters, scope and distance."""

import pytest
from django.http import QueryDict

from core.sections import section_for_page
from directory.annuaire import annuaire_query, clean_text, search_words
from directory.factories import annuaire_of
from geo.factories import known_commune
from tests.directory.conftest import names


@pytest.fixture
def national(world):
    from directory.models import AnnuairePage

    return section_for_page(AnnuairePage.objects.child_of(world.national_home).get())


@pytest.fixture
def cher_section(world):
    return section_for_page(annuaire_of(world.cher_home))


def query(section, **params):
    data = QueryDict(mutable=True)
    data.update(params)
    return annuaire_query(data, section)


def test_national_lists_every_publicly_listed_promeneur(national):
    result = query(national)
    assert sorted(names(result.items)) == ["Hugo", "Inès", "Karim", "Léa", "Manon"]
    assert result.count == 5
    assert result.notices == []


def test_departement_section_lists_only_its_promeneurs(cher_section):
    result = query(cher_section)
    assert sorted(names(result.items)) == ["Hugo", "Inès", "Karim", "Léa"]


def test_default_order_is_town_then_first_name(national):
    assert names(query(national).items) == ["Manon", "Karim", "Léa", "Hugo", "Inès"]


def test_mission_filter(national):
    assert sorted(names(query(national, mission="parentalite").items)) == ["Inès", "Karim", "Manon"]
    assert sorted(names(query(national, mission="jeunesse").items)) == ["Hugo", "Inès", "Léa"]


def test_departement_filter_on_national_only(national, cher_section):
    assert names(query(national, departement="93").items) == ["Manon"]
    result = query(cher_section, departement="93")
    assert len(result.items) == 4
    assert any("ignoré" in notice for notice in result.notices)


def test_theme_network_and_type_filters(national):
    assert names(query(national, theme="sante").items) == ["Léa"]
    assert names(query(national, reseau="snapchat").items) == ["Léa"]
    assert names(query(national, reseau="facebook").items) == ["Karim"]
    assert names(query(national, type="mjc").items) == ["Inès"]


def test_filters_combine(national):
    assert names(query(national, mission="parentalite", departement="18", type="centre-social").items) == [
        "Karim"
    ]


@pytest.mark.parametrize(
    "param, value",
    [
        ("mission", "aventure"),
        ("departement", "99"),
        ("theme", "inconnu"),
        ("reseau", "myspace"),
        ("type", "chateau"),
    ],
)
def test_unknown_filter_values_are_ignored_with_a_notice(national, param, value):
    result = query(national, **{param: value})
    assert result.count == 5
    assert len(result.notices) == 1
    assert value.upper() in result.notices[0].upper()
    assert "ignoré" in result.notices[0]
    assert param not in result.params.as_query_dict()


def test_text_search_goes_through_the_search_backend(national):
    assert names(query(national, q="Léa").items) == ["Léa"]
    assert sorted(names(query(national, q="Vierzon").items)) == ["Inès"]
    assert names(query(national, q="éducatrice").items) == ["Inès"]
    assert names(query(national, q="Karim Tilleuls").items) == ["Karim"]
    assert query(national, q="Zoé").count == 0  # suspended


def test_text_search_with_syntax_characters_does_not_fail(national):
    for text in ['"(*)', "OR AND NOT", "-", "l'animatrice*", "\x00"]:
        assert query(national, q=text).count >= 0


def test_search_words_strips_full_text_syntax():
    assert search_words('"Léa" (Bourges)*') == "Léa Bourges"
    assert search_words("lea.pdn18 @lea") == "lea.pdn18 @lea"


def test_clean_text_removes_control_characters_and_caps_length():
    assert clean_text("  Bour\x00ges\u200b  ") == "Bourges"
    assert len(clean_text("a" * 500)) == 100
    assert clean_text(None) == ""


def test_pres_de_sorts_by_distance_and_reports_it(national):
    result = query(national, pres_de="18000", rayon="50")
    assert names(result.items) == ["Karim", "Léa", "Inès", "Hugo"]
    distances = [round(promeneur.distance_km) for promeneur in result.items]
    assert distances == [0, 0, 29, 41]
    assert result.params.commune.name == "Bourges"


def test_radius_limits_results(national):
    assert names(query(national, pres_de="Bourges", rayon="20").items) == ["Karim", "Léa"]
    assert names(query(national, pres_de="Bourges").items) == ["Karim", "Léa"]  # 20 km by default


def test_pres_de_accepts_town_name_and_insee_code(national):
    assert names(query(national, pres_de="vierzon", rayon="5").items) == ["Inès"]
    assert names(query(national, pres_de="18279", rayon="5").items) == ["Inès"]


@pytest.mark.parametrize(
    "raw, expected",
    [("0", 1), ("-5", 1), ("500", 200), ("1e9", 200), ("abc", 20), ("nan", 20), ("inf", 20)],
)
def test_radius_is_clamped_with_a_notice(national, raw, expected):
    result = query(national, pres_de="18000", rayon=raw)
    assert result.params.rayon == expected
    assert len(result.notices) == 1


def test_radius_is_rounded_silently(national):
    result = query(national, pres_de="18000", rayon="12,6")
    assert result.params.rayon == 13
    assert result.notices == []


def test_radius_within_bounds_gives_no_notice(national):
    assert query(national, pres_de="18000", rayon="35").notices == []


def test_unknown_commune_gives_suggestions_and_keeps_the_list(national):
    known_commune("saint-denis")
    result = query(national, pres_de="Saint-Den")
    assert result.commune_not_found
    assert [commune.name for commune in result.suggestions] == ["Saint-Denis"]
    assert "introuvable" in result.notices[0]
    assert result.count == 5
    assert all(promeneur.distance_km is None for promeneur in result.items)


def test_wider_radius_is_offered_when_near_a_town(national):
    result = query(national, pres_de="18000", rayon="10", mission="jeunesse")
    assert result.wider_radius == 20
    assert "rayon=20" in result.params.query_string(rayon=result.wider_radius)
    assert query(national, pres_de="18000", rayon="200").wider_radius is None


def test_query_string_keeps_only_valid_values(national):
    result = query(national, mission="parentalite", theme="inconnu", pres_de="18000", rayon="35", page="2")
    assert result.params.query_string() == "mission=parentalite&pres_de=18000&rayon=35"


def test_page_parameter_is_forgiving(national):
    for page in ["abc", "-1", "999", ""]:
        result = query(national, page=page)
        assert result.page.number in (1, result.page.paginator.num_pages)


def test_pagination(national):
    result = annuaire_query(QueryDict("page=2"), national, page_size=2)
    assert result.page.number == 2
    assert names(result.items) == ["Léa", "Hugo"]
    near = annuaire_query(QueryDict("pres_de=18000&rayon=200&page=2"), national, page_size=3)
    assert names(near.items) == ["Hugo"]
    assert near.count == 4


def test_long_listings_are_capped_and_say_so(national, monkeypatch):
    monkeypatch.setattr("directory.annuaire.MAX_LISTED_RESULTS", 3)
    result = annuaire_query(QueryDict(""), national, page_size=2)
    assert result.count == 3 and result.count_capped
    assert result.page.paginator.num_pages == 2
    exact = annuaire_query(QueryDict("mission=jeunesse"), national, page_size=2)
    assert exact.count == 3 and not exact.count_capped
    near = annuaire_query(QueryDict("pres_de=18000&rayon=200"), national, page_size=2)
    assert near.count == 4 and not near.count_capped  # bounded by the radius: always exact


def test_text_search_pages_and_counts_alike_whether_capped_or_not(national, monkeypatch):
    # "jeunesse" matches several promeneurs; capped or not, the text filter may take another form (on
    # PostgreSQL, EXISTS per row or the matches' ids) and must list the same promeneurs in the same order.
    full = query(national, q="jeunesse")
    assert full.count >= 3 and not full.count_capped
    monkeypatch.setattr("directory.annuaire.MAX_LISTED_RESULTS", 2)
    capped = annuaire_query(QueryDict("q=jeunesse"), national, page_size=full.count)
    assert capped.count == 2 and capped.count_capped
    assert names(capped.items) == names(full.items)[:2]


def test_sort_key_follows_the_structure_town_and_the_first_name(world):
    from directory.models import PromeneurPage

    assert PromeneurPage.objects.get(pk=world.lea.pk).sort_key == "bourges|lea"
    world.bourges.commune = known_commune("vierzon")
    world.bourges.postcode = ""
    world.bourges.save_revision().publish()
    assert PromeneurPage.objects.get(pk=world.lea.pk).sort_key == "vierzon|lea"
    world.karim.first_name = "Élodie"
    world.karim.save_revision().publish()
    assert PromeneurPage.objects.get(pk=world.karim.pk).sort_key == "vierzon|elodie"


def test_moving_a_promeneur_updates_structure_department_and_sort_key(world):
    from directory.models import PromeneurPage

    world.hugo.move(world.bobigny, pos="last-child")
    moved = PromeneurPage.objects.get(pk=world.hugo.pk)
    assert (moved.structure_id, moved.department.code, moved.sort_key) == (
        world.bobigny.pk,
        "93",
        "bobigny|hugo",
    )
