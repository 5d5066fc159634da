"""Shared by tests/directory/test_photos_*.py: a promeneur of the Cher whose photo a coordinator uploaded
through the Wagtail admin as ``nommee-Dupont.png``, the public pages that show it, the media URLs found
in them, and a static file handler answering for MEDIA_ROOT as the web server does in production."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import Client, RequestFactory
from django.views.static import serve
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from accounts import roles
from directory.factories import make_promeneur, make_structure
from geo.factories import known_commune

UPLOADED_NAME = "nommee-Dupont.png"
HIDDEN_LAST_NAME = "Dupont"
MEDIA_URL_PATTERN = re.compile(r"""/media/[^"'\s,<>)]+""")


@dataclass
class PhotoWorld:
    cher: object
    structure: object
    promeneur: object
    image: object
    coordinator: object
    admin: Client


def coordinator_client(cher, username="coordination-photos"):
    user = get_user_model().objects.create_user(username, f"{username}@cher.invalid", "x")
    user.groups.add(roles.coordination_group(cher.department))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return user, client


def upload_through_the_admin(client, collection, name=UPLOADED_NAME):
    """What Wagtail's upload form sends: the file, and the title its JavaScript fills from the file name."""
    image_file = get_test_image_file(filename=name)
    title = name.rsplit(".", 1)[0]
    response = client.post(
        "/admin/images/add/",
        {
            "title": title,
            "file": SimpleUploadedFile(name, image_file.file.getvalue()),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return get_image_model().objects.get(title=title)


def build(cher, **structure_fields) -> PhotoWorld:
    user, client = coordinator_client(cher)
    structure = make_structure(
        cher, title="Centre social des Photos", commune=known_commune("bourges"), **structure_fields
    )
    image = upload_through_the_admin(client, cher.collection)
    promeneur = make_promeneur(
        structure,
        first_name="Léa",
        last_name=HIDDEN_LAST_NAME,
        show_last_name=False,
        job_title="Animatrice jeunesse",
        photo=image,
    )
    return PhotoWorld(cher, structure, promeneur, image, user, client)


def public_get(path, host="18.localhost", **params):
    return Client(HTTP_HOST=host).get(path, params or None)


def public_pages(world: PhotoWorld) -> dict[str, str]:
    """Every public page that shows the promeneur's photo or data, rendered (so renditions exist)."""
    promeneur = world.promeneur
    pages = {
        "profile": public_get(promeneur.url),
        "annuaire (département)": public_get("/annuaire/"),
        "annuaire (national)": public_get("/annuaire/", host="localhost"),
        "annuaire près de Bourges": public_get("/annuaire/", pres_de="18000"),
        "structure": public_get(world.structure.url),
        "api": public_get("/api/annuaire/"),
        "api (national)": public_get("/api/annuaire/", host="localhost"),
        "search": public_get("/recherche/", q="Léa"),
        "verification": public_get("/verifier/", profil=promeneur.social_profiles.first().url),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
    return {name: response.content.decode() for name, response in pages.items()}


def media_urls(pages: dict[str, str]) -> set[str]:
    return {unquote(url) for content in pages.values() for url in MEDIA_URL_PATTERN.findall(content)}


def photo_urls(world: PhotoWorld) -> set[str]:
    """The photo's URLs: the original's and every rendition the public pages show."""
    pages = public_pages(world)
    urls = media_urls(pages)
    assert any(".fill-" in url for url in urls), "the pages show no rendition of the photo"
    return urls | {world.image.file.url}


def storage_name(url: str) -> str:
    assert url.startswith(settings.MEDIA_URL), url
    return url[len(settings.MEDIA_URL) :]


def served_status(url: str) -> int:
    """The answer of a static file handler serving MEDIA_ROOT (the web server in production)."""
    request = RequestFactory().get(url)
    try:
        response = serve(request, storage_name(url), document_root=settings.MEDIA_ROOT)
    except Http404:
        return 404
    return response.status_code


def assert_all_gone(urls):
    for url in urls:
        assert not default_storage.exists(storage_name(url)), url
        assert served_status(url) == 404, url


def assert_all_served(urls):
    for url in urls:
        assert default_storage.exists(storage_name(url)), url
        assert served_status(url) == 200, url


def status_url(promeneur, action):
    return f"/admin/annuaire/promeneurs/{promeneur.pk}/statut/{action}/"
