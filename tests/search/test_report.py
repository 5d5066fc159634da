"""Admin report "Recherches sans résultat": each coordinator sees their own site's searches."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission

from tests.search.world import search_html

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/recherches-sans-resultat/"


def admin_user(username: str, *, superuser: bool = False, edits=None):
    User = get_user_model()
    user = User.objects.create_user(username, f"{username}@example.invalid", "mot-de-passe-de-test")
    user.is_superuser = superuser
    user.save()
    group = Group.objects.create(name=f"Éditeurs {username}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    if edits is not None:
        for permission_type in ("add", "change", "publish"):
            GroupPagePermission.objects.create(group=group, page=edits, permission_type=permission_type)
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def searched(world):
    search_html("piscine municipale", host="18.localhost")
    search_html("piscine municipale", host="18.localhost")
    search_html("covoiturage", host="93.localhost")
    search_html("colonie de vacances")  # national
    search_html("educatrice", host="18.localhost")  # has results: not in the report
    return world


def test_report_is_registered_under_reports():
    assert reverse("search_no_results") == REPORT_URL


def test_superuser_sees_every_site(searched):
    html = admin_user("cnaf", superuser=True).get(REPORT_URL).content.decode()
    assert "Recherches sans résultat" in html
    for query in ("piscine municipale", "covoiturage", "colonie de vacances"):
        assert query in html
    assert "educatrice" not in html


def test_coordinator_sees_their_departement_only(searched):
    coordinator = admin_user("coord18", edits=searched.cher.home)
    response = coordinator.get(REPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "piscine municipale" in html
    assert "covoiturage" not in html and "colonie de vacances" not in html
    # Hits of the same query on the same site are added up.
    assert ">2<" in html.replace(" ", "").replace("\n", "")


def test_national_editor_sees_the_whole_network(searched):
    html = admin_user("national", edits=searched.national_home).get(REPORT_URL).content.decode()
    for query in ("piscine municipale", "covoiturage", "colonie de vacances"):
        assert query in html


def test_report_needs_page_editing_rights(searched):
    response = admin_user("lecteur").get(REPORT_URL)
    assert response.status_code in (302, 403)


def test_report_exports_csv(searched):
    response = admin_user("cnaf", superuser=True).get(REPORT_URL, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    assert "piscine municipale" in body
