"""A small network to search: the Cher (own site 18.localhost) and the Seine-Saint-Denis (93.localhost), each
with structures, promeneurs, news and pages, plus national pages. Fictional people only."""

from dataclasses import dataclass, fields
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from wagtail.search.backends import get_search_backend

from directory.factories import make_promeneur, make_structure
from directory.models import InterventionField, PromeneurPage, StructurePage
from geo.factories import known_commune
from home.models import ContentPage
from news.models import NewsArticlePage, NewsIndexPage


@dataclass
class World:
    national_home: object
    cher: object
    ssd: object
    structure_18: StructurePage
    structure_93: StructurePage
    lea: PromeneurPage  # Cher, "Éducatrice spécialisée"
    karim: PromeneurPage  # Cher, "Animateur jeunesse"
    ines: PromeneurPage  # Seine-Saint-Denis, "Éducatrice de prévention"
    news_18: NewsArticlePage
    page_national: ContentPage


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_world(national_home, cher, seine_saint_denis) -> World:
    structure_18 = make_structure(
        cher,
        title="Centre social des Tilleuls",
        commune=known_commune("bourges"),
        presentation="Accueil des jeunes et des familles, prévention santé.",
    )
    structure_18.intervention_fields.set(InterventionField.objects.filter(slug__in=["sante", "emploi"]))
    structure_18.save_revision().publish()
    structure_93 = make_structure(
        seine_saint_denis, title="Maison des jeunes de la Source", commune=known_commune("bobigny")
    )
    lea = make_promeneur(
        structure_18,
        first_name="Léa",
        job_title="Éducatrice spécialisée",
        title="Léa, éducatrice spécialisée",
        presentation="Je réponds aux questions des jeunes sur la santé et l'orientation.",
        missions=["jeunesse", "parentalite"],
    )
    karim = make_promeneur(
        structure_18, first_name="Karim", job_title="Animateur jeunesse", title="Karim, animateur jeunesse"
    )
    ines = make_promeneur(
        structure_93,
        first_name="Inès",
        job_title="Éducatrice de prévention",
        title="Inès, éducatrice de prévention",
    )
    news_index = NewsIndexPage.objects.child_of(cher.home).get()
    news_18 = add_page(
        news_index,
        NewsArticlePage(
            title="Rencontre départementale des promeneurs",
            slug="rencontre",
            summary="Les éducatrices et animateurs du Cher se retrouvent à Bourges.",
        ),
    )
    page_national = add_page(
        national_home,
        ContentPage(
            title="Santé des jeunes en ligne",
            slug="sante-des-jeunes",
            intro="Ressources nationales sur la santé et le numérique.",
        ),
    )
    return World(
        national_home=national_home,
        cher=cher,
        ssd=seine_saint_denis,
        structure_18=structure_18,
        structure_93=structure_93,
        lea=lea,
        karim=karim,
        ines=ines,
        news_18=news_18,
        page_national=page_national,
    )


def fresh_world(world: World) -> World:
    """The same world read again from the database: pages as they are now, the sections' sites too."""
    from tests import network

    values = {}
    for item in fields(World):
        value = getattr(world, item.name)
        if hasattr(value, "pk"):
            value = type(value).objects.get(pk=value.pk)
        elif hasattr(value, "department"):  # a DepartmentSite
            value = network.department_site(value.department.code)
        values[item.name] = value
    return World(**values)


def client(host: str = "localhost") -> Client:
    return Client(HTTP_HOST=host)


def search_html(q: str, host: str = "localhost", **params) -> str:
    response = client(host).get("/recherche/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def suggestion_titles(q: str, host: str = "localhost") -> list[str]:
    response = client(host).get("/recherche/suggestions/", {"q": q})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["results"]]


class IndexedWorld:
    """The module's search world under one search backend (``backend_config``), for test classes. The
    database backend's index is rows of the test database: rebuilt once per class, in a savepoint rolled back
    after the class, under each test's own savepoint. Elasticsearch's index does not roll back: a class sets
    ``index_per_test`` to rebuild it for each test (and ``tear_down_index`` to delete it after)."""

    backend_config: dict
    index_per_test = False

    @pytest.fixture(scope="class")
    def _indexed_world(self, _search_world_module, django_db_blocker):
        if self.index_per_test:
            yield _search_world_module
            return
        with django_db_blocker.unblock(), transaction.atomic():
            with override_settings(WAGTAILSEARCH_BACKENDS={"default": self.backend_config}):
                call_command("update_index", stdout=StringIO(), stderr=StringIO())
            yield _search_world_module
            transaction.set_rollback(True)

    @pytest.fixture
    def world(self, _indexed_world, db):
        with override_settings(WAGTAILSEARCH_BACKENDS={"default": self.backend_config}):
            if self.index_per_test:
                call_command("update_index", stdout=StringIO(), stderr=StringIO())
            self.backend = get_search_backend()
            self.settle()
            yield fresh_world(_indexed_world)
            self.tear_down_index()

    def settle(self):
        """Make indexed changes searchable (Elasticsearch refreshes about every second on its own)."""
        self.backend.refresh_indexes()

    def tear_down_index(self):
        pass
