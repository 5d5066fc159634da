"""/api/annuaire/ (public JSON) and /annuaire/export.csv (coordinators only)."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from directory.factories import make_promeneur
from tests.directory.conftest import get


def api(host="localhost", **params):
    response = get("/api/annuaire/", host=host, **params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_url_names():
    assert reverse("directory:api") == "/api/annuaire/"
    assert reverse("directory:export") == "/annuaire/export.csv"
    assert reverse("directory:verify") == "/verifier/"


def test_api_item_shape(world):
    data = api(q="Léa")
    assert data["count"] == 1
    assert data["next"] is None and data["previous"] is None
    assert data["notices"] == []
    (item,) = data["results"]
    assert item == {
        "id": world.lea.pk,
        "url": "http://18.localhost/annuaire/centre-social-des-tilleuls/" + world.lea.slug + "/",
        "first_name": "Léa",
        "job_title": "Animatrice jeunesse",
        "structure": {"name": "Centre social des Tilleuls", "town": "Bourges"},
        "department_code": "18",
        "missions": ["jeunesse"],
        "themes": ["Santé"],
        "networks": [
            {"platform": "instagram", "handle": "@lea.pdn18", "url": "https://www.instagram.com/lea.pdn18/"},
            {"platform": "snapchat", "handle": "lea-pdn18", "url": "https://www.snapchat.com/add/lea-pdn18"},
        ],
    }
    assert "last_name" not in item


def test_api_distance_and_order_with_pres_de(world):
    data = api(pres_de="18000", rayon="50", mission="jeunesse")
    assert [item["first_name"] for item in data["results"]] == ["Léa", "Inès", "Hugo"]
    assert [item["distance_km"] for item in data["results"]] == pytest.approx([0, 29.5, 40.6], abs=0.1)
    assert data["near"] == {"commune": "Bourges", "insee_code": "18033", "radius_km": 50}


def test_api_is_scoped_to_the_site(world):
    national = {item["first_name"] for item in api()["results"]}
    cher = {item["first_name"] for item in api(host="18.localhost")["results"]}
    seine_saint_denis = {item["first_name"] for item in api(host="93.localhost")["results"]}
    assert national == {"Léa", "Karim", "Inès", "Hugo", "Manon"}
    assert cher == {"Léa", "Karim", "Inès", "Hugo"}
    assert seine_saint_denis == {"Manon"}


def test_api_pagination(world):
    first = api(page_size="2", mission="jeunesse")
    assert first["count"] == 3 and first["num_pages"] == 2 and len(first["results"]) == 2
    assert first["next"] == "http://localhost/api/annuaire/?mission=jeunesse&page=2&page_size=2"
    second = Client(HTTP_HOST="localhost").get(first["next"]).json()
    assert [item["first_name"] for item in second["results"]] == ["Inès"]
    assert second["previous"] == "http://localhost/api/annuaire/?mission=jeunesse&page=1&page_size=2"


@pytest.mark.parametrize("raw, size", [("500", 100), ("0", 1), ("abc", 20)])
def test_api_page_size_is_bounded_with_a_notice(world, raw, size):
    data = api(page_size=raw)
    assert data["page_size"] == size
    assert len(data["notices"]) == 1


def test_api_reports_bad_input_as_notices(world):
    data = api(mission="aventure", pres_de="Vierz")
    assert len(data["notices"]) == 2
    assert data["suggestions"] == [{"commune": "Vierzon", "postcode": "18100", "insee_code": "18279"}]
    assert all("distance_km" not in item for item in data["results"])


def test_api_refuses_other_methods(world):
    assert Client(HTTP_HOST="localhost").post("/api/annuaire/").status_code == 405


# --- CSV export -------------------------------------------------------------------------------------------


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user("coordination18", password="motdepasse-long-18")
    user.user_permissions.add(Permission.objects.get(codename="change_promeneurpage"))
    return user


def export(user=None, host="localhost", **params):
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
    return client.get("/annuaire/export.csv", params)


def rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_export_requires_sign_in(world):
    response = export(mission="jeunesse")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/annuaire/export.csv%3Fmission%3Djeunesse")


def test_export_refused_without_permission(world, django_user_model):
    user = django_user_model.objects.create_user("curieux", password="motdepasse-long-00")
    assert export(user).status_code == 403


def test_export_for_a_coordinator(world, coordinator):
    response = export(coordinator, host="18.localhost", pres_de="18000", rayon="50")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="annuaire-18-' in response["Content-Disposition"]
    header, *lines = rows(response)
    assert header[:3] == ["Identifiant", "Prénom", "Métier"]
    assert [line[1] for line in lines] == ["Karim", "Léa", "Inès", "Hugo"]
    lea = lines[1]
    assert lea[3:8] == ["Centre social des Tilleuls", "Bourges", "18", "Jeunesse", "Santé"]
    assert "Instagram : @lea.pdn18 (https://www.instagram.com/lea.pdn18/)" in lea[8]
    assert lea[9] == "0,0"
    assert lea[10].startswith("http://18.localhost/annuaire/")


def test_export_for_a_superuser_national(world, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", password="motdepasse-long-01")
    names = [line[1] for line in rows(export(admin))[1:]]
    assert sorted(names) == ["Hugo", "Inès", "Karim", "Léa", "Manon"]


def test_export_neutralises_spreadsheet_formulas(world, coordinator):
    formula = make_promeneur(
        world.bourges, first_name='=HYPERLINK("http://x.invalid")', job_title="+33 animateur", profiles=[]
    )
    (line,) = [line for line in rows(export(coordinator))[1:] if line[0] == str(formula.pk)]
    assert line[1:3] == ['\'=HYPERLINK("http://x.invalid")', "'+33 animateur"]


def test_api_count_capped_flag(world, monkeypatch):
    assert api()["count_capped"] is False
    monkeypatch.setattr("directory.annuaire.MAX_LISTED_RESULTS", 2)
    data = api()
    assert data["count"] == 2 and data["count_capped"] is True


def test_export_is_never_capped(world, coordinator, monkeypatch):
    monkeypatch.setattr("directory.annuaire.MAX_LISTED_RESULTS", 2)
    assert len(rows(export(coordinator))) == 1 + 5
