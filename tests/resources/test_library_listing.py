"""/ressources/ on each site: its own resources and the national ones (the charte, the model convention), filtered
by type, theme, audience and age as GET parameters (no JavaScript); unknown values give a French notice."""

from tests.resources.conftest import get, titles

NATIONAL = ["Charte des Promeneurs du Net", "Convention type"]


def test_each_departement_lists_its_own_and_the_national_resources(library_world):
    cher = ["Affiche du réseau du Cher", *NATIONAL, "Guide des réseaux sociaux pour les parents"]
    assert titles(get("/ressources/", host="18.localhost")) == sorted(cher)
    assert titles(get("/departements/cher/ressources/")) == sorted(cher)
    assert titles(get("/ressources/", host="93.localhost")) == sorted(
        [*NATIONAL, "Vidéo : le harcèlement en ligne"]
    )
    assert titles(get("/ressources/")) == NATIONAL


def test_the_charte_shows_on_every_site_marked_national(library_world):
    for host in ("localhost", "18.localhost", "93.localhost"):
        body = get("/ressources/", host=host).content.decode()
        assert "Charte des Promeneurs du Net" in body
    assert "Ressource nationale" in get("/ressources/", host="93.localhost").content.decode()


def test_filters_by_type_theme_audience_and_age(library_world):
    assert titles(get("/ressources/", host="18.localhost", type="charte")) == ["Charte des Promeneurs du Net"]
    assert titles(get("/ressources/", host="18.localhost", theme="usages-numeriques")) == [
        "Charte des Promeneurs du Net",
        "Guide des réseaux sociaux pour les parents",
    ]
    # A resource for everyone matches every audience.
    assert titles(get("/ressources/", host="18.localhost", public="parents")) == [
        "Affiche du réseau du Cher",
        "Guide des réseaux sociaux pour les parents",
    ]
    assert "Vidéo : le harcèlement en ligne" in titles(get("/ressources/", host="93.localhost", age="12"))
    assert "Vidéo : le harcèlement en ligne" not in titles(get("/ressources/", host="93.localhost", age="8"))


def test_unknown_filter_values_give_a_french_notice_never_an_error(library_world):
    response = get(
        "/ressources/", host="18.localhost", type="podcast", theme="cuisine", public="x" * 500, age="douze"
    )
    assert response.status_code == 200
    notices = response.context["notices"]
    assert "Type de ressource inconnu « podcast » : ce filtre a été ignoré." in notices
    assert "Thème inconnu « cuisine » : ce filtre a été ignoré." in notices
    assert any(notice.startswith("Public inconnu « xxxx") and len(notice) < 200 for notice in notices)
    assert "Âge non reconnu « douze » (un nombre d'années) : ce filtre a été ignoré." in notices
    assert len(response.context["resources"]) == 4


def test_a_resource_page_offers_its_document_or_link(library_world):
    body = get("/ressources/charte-des-promeneurs-du-net/").content.decode()
    assert "Télécharger (TXT" in body and "/documents/" in body
    body = get(
        "/ressources/guide-des-reseaux-sociaux-pour-les-parents/", host="18.localhost"
    ).content.decode()
    assert 'href="https://ressources.example.org/guide-des-reseaux-sociaux-pour-les-parents"' in body
    assert "Famille et relations familiales" in body
