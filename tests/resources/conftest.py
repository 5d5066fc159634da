"""The library's world: each section's library and a few resources (the charte and the model convention
nationally), built once per test module inside a transaction rolled back at the module's end."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from core.navigation import forget as forget_navigation
from resources.factories import library_of, make_resource
from resources.models import ResourceAudience, ResourceType
from tests import network


def build_library_world() -> SimpleNamespace:
    national, cher, ssd = (
        network.national_home(),
        network.department_site("18"),
        network.department_site("93"),
    )
    world = SimpleNamespace(
        national=library_of(national), cher=library_of(cher.home), ssd=library_of(ssd.home)
    )
    world.charte = make_resource(
        world.national,
        title="Charte des Promeneurs du Net",
        resource_type=ResourceType.CHARTER,
        audience=ResourceAudience.PROFESSIONALS,
        publisher="Cnaf",
        document_text="Charte nationale (texte de test).",
        themes=["Usages numériques"],
    )
    make_resource(
        world.national,
        title="Convention type",
        resource_type=ResourceType.TEMPLATE,
        audience=ResourceAudience.PROFESSIONALS,
        publisher="Cnaf",
        document_text="Convention type (texte de test).",
    )
    make_resource(
        world.cher,
        title="Guide des réseaux sociaux pour les parents",
        resource_type=ResourceType.GUIDE,
        audience=ResourceAudience.PARENTS,
        publisher="Caf du Cher",
        themes=["Usages numériques", "Famille et relations familiales"],
    )
    make_resource(world.cher, title="Affiche du réseau du Cher", resource_type=ResourceType.POSTER)
    make_resource(
        world.ssd,
        title="Vidéo : le harcèlement en ligne",
        resource_type=ResourceType.VIDEO,
        audience=ResourceAudience.YOUNG_PEOPLE,
        age_min=11,
        age_max=17,
        themes=["Harcèlement"],
    )
    make_resource(world.cher, title="Brouillon de fiche", publish=False)
    return world


@pytest.fixture(scope="module")
def _library_world_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        network.ensure_network()
        with transaction.atomic():
            cache.clear()
            forget_navigation()
            yield build_library_world()
            transaction.set_rollback(True)
        cache.clear()
        forget_navigation()


@pytest.fixture
def library_world(_library_world_module, db):
    cache.clear()
    forget_navigation()
    return _library_world_module


def get(path, host="localhost", **params):
    return Client(HTTP_HOST=host).get(path, params or None)


def titles(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return sorted(resource.title for resource in response.context["resources"])
