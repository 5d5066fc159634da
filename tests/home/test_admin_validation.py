import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from home.models import ContentPage


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("chef", "chef@example.org", "mot-de-passe-solide")
    client.force_login(user)
    return client


def test_invalid_page_is_refused_with_french_errors_and_nothing_saved(admin_client, national_home):
    url = reverse("wagtailadmin_pages:add", args=("home", "contentpage", national_home.pk))
    before = ContentPage.objects.count()
    response = admin_client.post(url, {"title": "", "slug": "", "intro": "x" * 600, "body-count": "0"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Champ requis." in html
    assert "Assurez-vous que cette valeur comporte au plus 500 caractères" in html
    assert ContentPage.objects.count() == before


def test_call_to_action_without_target_is_refused(admin_client, national_home):
    url = reverse("wagtailadmin_pages:add", args=("home", "contentpage", national_home.pk))
    response = admin_client.post(
        url,
        {
            "title": "Page test",
            "slug": "page-test",
            "body-count": "1",
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-type": "call_to_action",
            "body-0-id": "",
            "body-0-value-title": "Rejoindre le réseau",
            "body-0-value-text": "",
            "body-0-value-link_page": "",
            "body-0-value-link_url": "",
            "body-0-value-link_label": "En savoir plus",
        },
    )
    assert response.status_code == 200
    assert "Choisissez une page ou saisissez une adresse." in response.content.decode()
    assert not ContentPage.objects.filter(slug="page-test").exists()
