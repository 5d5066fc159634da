"""The annuaire's parameters are read by a Django form (directory.annuaire.AnnuaireForm): every value that
does not validate is ignored and explained, in the order of the parameters, and no input is ever refused."""

from django.http import QueryDict

from core.sections import section_for_page
from directory.annuaire import AnnuaireForm
from directory.factories import annuaire_of


def form(section, query: str) -> AnnuaireForm:
    return AnnuaireForm(QueryDict(query), section)


def national_section(world):
    from directory.models import AnnuairePage

    return section_for_page(AnnuairePage.objects.child_of(world.national_home).get())


def test_every_ignored_value_is_explained_in_the_order_of_the_parameters(world):
    checked = form(
        national_section(world), "type=chateau&mission=aventure&theme=inconnu&pres_de=18000&rayon=0"
    )
    assert checked.notices == [
        "Mission inconnue « aventure » : ce filtre a été ignoré.",
        "Thème inconnu « inconnu » : ce filtre a été ignoré.",
        "Type de structure inconnu « chateau » : ce filtre a été ignoré.",
        "Le rayon doit être compris entre 1 et 200 km : rayon de 1 km utilisé.",
    ]
    params = checked.params()
    assert (params.mission, params.theme, params.type, params.rayon) == ("", None, "", 1)
    assert params.commune is not None and params.pres_de == "18000"


def test_values_are_read_cleaned_and_in_their_case(world):
    params = form(
        national_section(world), "mission=JEUNESSE&departement=93&reseau=Instagram&q=%20L%C3%A9a%00"
    ).params()
    assert (params.mission, params.reseau, params.q) == ("jeunesse", "instagram", "Léa")
    assert params.departement.code == "93"


def test_a_departement_site_ignores_any_other_departement_known_or_not(world):
    cher = section_for_page(annuaire_of(world.cher_home))
    for code in ("93", "99"):
        checked = form(cher, f"departement={code}&mission=aventure")
        assert checked.params().departement is None
        assert checked.notices[0].startswith("Mission inconnue")
        assert checked.notices[1].startswith("Cet annuaire ne présente que les promeneurs du Cher :")
    assert form(cher, "departement=18").notices == []


def test_the_radius_is_read_only_near_a_town(world):
    checked = form(national_section(world), "rayon=abc")
    assert checked.notices == [] and checked.params().rayon == 20
