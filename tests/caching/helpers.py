"""A promeneur of the Cher listed on the annuaires and a coordinator who can suspend them through the admin."""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.test import Client

from accounts import roles
from directory.factories import make_promeneur, make_structure
from geo.factories import known_commune
from tests.directory.photo_helpers import status_url  # noqa: F401 (the admin's status URL, shared)

NAME = "Zéphyrine"


@dataclass
class CacheWorld:
    cher: object
    structure: object
    promeneur: object
    admin: Client


def build(cher, *, convention_end=None, permanences=None) -> CacheWorld:
    user = get_user_model().objects.create_user("coordination-cache", "cache@cher.invalid", "x")
    user.groups.add(roles.coordination_group(cher.department))
    admin = Client(HTTP_HOST="localhost")
    admin.force_login(user)
    structure = make_structure(
        cher,
        title="Maison des jeunes du Cache",
        commune=known_commune("bourges"),
        convention_end=convention_end,
    )
    promeneur = make_promeneur(
        structure, first_name=NAME, job_title="Animatrice numérique", permanences=permanences
    )
    return CacheWorld(cher, structure, promeneur, admin)


def anonymous_get(path: str, host: str = "localhost", **params):
    return Client(HTTP_HOST=host).get(path, params)


def shown(response) -> bool:
    return NAME in html.unescape(response.content.decode())


def public_pages(world: CacheWorld) -> list[tuple[str, str]]:
    """(host, path) of the pages that list the promeneur: both annuaires, a near-town search, the profile."""
    _site, root, profile = world.promeneur.get_url_parts()
    assert root.split("//")[1].split(":")[0] == "18.localhost"
    return [
        ("localhost", "/annuaire/"),
        ("18.localhost", "/annuaire/"),
        ("18.localhost", "/annuaire/?pres_de=18000"),
        ("18.localhost", profile),
    ]


PARIS = datetime.timezone(datetime.timedelta(hours=1))  # December: Paris is UTC+1
