import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Site

from activity.models import ActivityReport
from directory.models import PromeneurPage, StructurePage
from news.models import NewsArticlePage
from resources.models import ResourcePage


def snapshot():
    return (
        Page.objects.count(),
        Site.objects.count(),
        StructurePage.objects.count(),
        PromeneurPage.objects.count(),
        NewsArticlePage.objects.count(),
        ActivityReport.objects.count(),
    )


@pytest.mark.django_db(transaction=False)
def test_load_demo_builds_the_network_and_is_idempotent():
    call_command("load_demo", "--skip-index", port=8000, verbosity=0)
    first = snapshot()
    pages, sites, structures, promeneurs, articles, activity_reports = first
    assert sites == 6  # national + 04, 17, 18, 62, 93
    assert structures >= 10 and promeneurs >= 40
    assert {"jeunesse", "parentalite"} <= set(PromeneurPage.objects.values_list("missions__slug", flat=True))
    # Twelve months of activity for each active promeneur: what coordination-18's indicators show.
    active = PromeneurPage.objects.filter(status="actif", locale__language_code="fr").count()
    assert activity_reports == 12 * active and ActivityReport.objects.filter(department__code="18").exists()
    call_command("load_demo", "--skip-index", port=8000, verbosity=0)
    assert snapshot() == first

    national = Client(HTTP_HOST="localhost:8000")
    assert national.get("/").status_code == 200
    departements = national.get("/departements/").content.decode()
    for name in [
        "Alpes-de-Haute-Provence",
        "Charente-Maritime",
        "Cher",
        "Pas-de-Calais",
        "Seine-Saint-Denis",
    ]:
        assert name in departements
    cher = Client(HTTP_HOST="18.localhost:8000").get("/").content.decode()
    assert "Cher" in cher and "coordination@pdn18.example.org" in cher
    assert "Rencontre départementale des promeneurs – Cher" in cher

    # The agenda: the national one with the départements' flagged events, the Cher's with its own.
    national_agenda = national.get("/agenda/")
    assert national_agenda.status_code == 200
    national_titles = {event.title for event in national_agenda.context["events"]}
    assert "Journée nationale des Promeneurs du Net" in national_titles
    assert any(title.startswith("Formation : la présence éducative") for title in national_titles)
    cher_agenda = Client(HTTP_HOST="18.localhost:8000").get("/agenda/")
    cher_titles = {event.title for event in cher_agenda.context["events"]}
    assert any(title.startswith("Réunion départementale des promeneurs") for title in cher_titles)
    assert not any("Seine-Saint-Denis" in title for title in cher_titles)
    # The library: about thirty resources, the charte on every site.
    assert ResourcePage.objects.live().count() >= 30
    for host in ("localhost:8000", "18.localhost:8000", "93.localhost:8000"):
        assert "Charte des Promeneurs du Net" in Client(HTTP_HOST=host).get("/ressources/").content.decode()
