"""A small fictional annuaire for the directory tests: the Cher (18.localhost) and the Seine-Saint-Denis
(93.localhost), structures in real towns (so distances are real), promeneurs of both missions, and people
who must never show up publicly (suspended, candidate, under an ended convention).

Building it publishes about fifteen pages (several seconds on a loaded machine), so it is built once per
test module inside a transaction that is rolled back at the end of the module; each test runs in its own
savepoint on top of it (pytest-django's ``db``) and gets fresh instances of the pages (``world``)."""

import datetime
from types import SimpleNamespace

import pytest
from django.test import Client

from directory.factories import make_photo, make_promeneur, make_structure
from directory.models import PromeneurStatus, StructureType
from geo.factories import known_commune
from network.provisioning import create_department_site, ensure_national_site
from tests.worlds import rolled_back_world


def instagram(handle):
    return {"platform": "instagram", "handle": f"@{handle}", "url": f"https://www.instagram.com/{handle}/"}


def facebook(name):
    return {"platform": "facebook", "handle": name, "url": f"https://www.facebook.com/{name}"}


@pytest.fixture(scope="module")
def _world_module(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), rolled_back_world():
        yield build_world()


@pytest.fixture
def world(_world_module, db):
    """The module's annuaire, re-read from the database so that a test's changes never leak."""
    fresh = {}
    for name, value in vars(_world_module).items():
        fresh[name] = type(value).objects.get(pk=value.pk) if hasattr(value, "pk") else value
    return SimpleNamespace(**fresh)


def build_world():
    national_home = ensure_national_site(hostname="localhost", port=80)
    cher = create_department_site("18", hostname="18.localhost")
    seine_saint_denis = create_department_site("93", hostname="93.localhost")
    bourges = make_structure(
        cher,
        title="Centre social des Tilleuls",
        structure_type=StructureType.SOCIAL_CENTRE,
        commune=known_commune("bourges"),
    )
    vierzon = make_structure(
        cher,
        title="MJC du Vieux Moulin",
        structure_type=StructureType.YOUTH_CENTRE,
        commune=known_commune("vierzon"),
    )
    saint_amand = make_structure(
        cher,
        title="Point information jeunesse du Canal",
        structure_type=StructureType.INFORMATION_JEUNESSE,
        commune=known_commune("saint-amand-montrond"),
    )
    ended = make_structure(
        cher,
        title="Association Les Passerelles",
        structure_type=StructureType.ASSOCIATION,
        commune=known_commune("bourges"),
        convention_start=datetime.date(2018, 1, 1),
        convention_end=datetime.date(2020, 12, 31),
    )
    bobigny = make_structure(
        seine_saint_denis,
        title="Mission locale de la Source",
        structure_type=StructureType.MISSION_LOCALE,
        commune=known_commune("bobigny"),
    )
    people = SimpleNamespace(
        national_home=national_home,
        cher_home=cher.home,
        ssd_home=seine_saint_denis.home,
        bourges=bourges,
        vierzon=vierzon,
        saint_amand=saint_amand,
        ended=ended,
        bobigny=bobigny,
        lea=make_promeneur(
            bourges,
            ["jeunesse"],
            first_name="Léa",
            last_name="Martin",
            job_title="Animatrice jeunesse",
            themes=["Santé"],
            profiles=[
                instagram("lea.pdn18"),
                {
                    "platform": "snapchat",
                    "handle": "lea-pdn18",
                    "url": "https://www.snapchat.com/add/lea-pdn18",
                },
            ],
            photo=make_photo("Léa"),
        ),  # fmt: skip
        karim=make_promeneur(
            bourges,
            ["parentalite"],
            first_name="Karim",
            job_title="Référent famille",
            profiles=[facebook("karim.pdn18")],
        ),
        ines=make_promeneur(
            vierzon,
            ["jeunesse", "parentalite"],
            first_name="Inès",
            job_title="Éducatrice spécialisée",
            themes=["Harcèlement"],
            profiles=[instagram("ines.vierzon")],
        ),
        hugo=make_promeneur(
            saint_amand, ["jeunesse"], first_name="Hugo", job_title="Informateur jeunesse", profiles=[]
        ),
        manon=make_promeneur(
            bobigny,
            ["parentalite"],
            first_name="Manon",
            job_title="Conseillère en insertion",
            profiles=[instagram("x.y")],
        ),
        # Never public: suspended, candidate, and active but under a structure whose convention ended.
        zoe=make_promeneur(
            bourges,
            ["jeunesse"],
            first_name="Zoé",
            job_title="Animatrice",
            status=PromeneurStatus.SUSPENDED,
            profiles=[instagram("zoe.suspendue")],
        ),
        nathan=make_promeneur(
            bourges,
            ["jeunesse"],
            first_name="Nathan",
            job_title="Animateur",
            status=PromeneurStatus.APPLICANT,
            profiles=[instagram("nathan.candidat")],
        ),
        yanis=make_promeneur(
            ended, ["jeunesse"], first_name="Yanis", job_title="Animateur", profiles=[instagram("yanis.fin")]
        ),
    )
    return people


def get(path, host="localhost", **kwargs):
    return Client(HTTP_HOST=host).get(path, kwargs or None)


def names(items):
    return [promeneur.first_name for promeneur in items]
