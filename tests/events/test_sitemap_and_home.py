"""The agenda's pages are in each site's sitemap, and a section's home shows its next events (never a past
one, never a draft); the library's resources are in the sitemap too."""

from resources.factories import library_of, make_resource
from tests.events.conftest import get


def test_the_sitemap_lists_the_agenda_and_its_events(agenda_world):
    sitemap = get("/sitemap.xml", "18.localhost").content.decode()
    assert "http://18.localhost/agenda/</loc>" in sitemap
    assert "/agenda/reunion-departementale-du-cher/</loc>" in sitemap
    assert "/agenda/brouillon/" not in sitemap


def test_the_sitemap_lists_the_resources(agenda_world):
    make_resource(library_of(agenda_world.cher.get_parent().specific), title="Fiche du Cher pour le plan")
    sitemap = get("/sitemap.xml", "18.localhost").content.decode()
    assert "/ressources/fiche-du-cher-pour-le-plan/</loc>" in sitemap


def test_the_home_shows_the_next_events(agenda_world):
    home = get("/", "18.localhost").content.decode()
    assert "Prochains événements" in home
    assert "Formation aux réseaux sociaux" in home  # in 5 days
    assert "Atelier passé" not in home and "Brouillon" not in home
