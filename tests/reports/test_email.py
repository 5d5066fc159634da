"""The e-mail to the coordination about a new report: its users and the site's coordination contact,
French plain text, a link to the report in the admin built on WAGTAILADMIN_BASE_URL."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings

from accounts.roles import coordination_group
from departments.models import SiteIdentity
from reports.models import ProfileReport
from tests.reports.conftest import valid_data

pytestmark = pytest.mark.django_db

URL = "/signaler/"


def member(username, department, *, active=True, email=None):
    user = get_user_model().objects.create_user(
        username=username,
        email=email if email is not None else f"{username}@exemple.invalid",
        is_active=active,
    )
    user.groups.add(coordination_group(department))
    return user


@pytest.fixture
def coordination_18(cher, seine_saint_denis):
    member("coord18a", cher.department)
    member("coord18b", cher.department)
    member("ancien18", cher.department, active=False)
    member("sansmail18", cher.department, email="")
    member("coord93", seine_saint_denis.department)
    identity = SiteIdentity.for_site(cher.site)
    identity.coordination_email = "contact@pdn18.exemple.invalid"
    identity.save()


@override_settings(WAGTAILADMIN_BASE_URL="https://admin.promeneurs.exemple.fr/", ALLOWED_HOSTS=["*"])
def test_the_coordination_is_emailed(coordination_18, cher):
    # The link leads to the admin on the département's own domain, as the coordination's other e-mails do.
    cher.site.hostname, cher.site.port = "promeneurs18.exemple.fr", 443
    cher.site.save()
    response = Client(HTTP_HOST="promeneurs18.exemple.fr", secure=True).post(
        URL, valid_data(profil="<b>faux</b>_camille", email="parent@exemple.fr")
    )
    assert response.status_code == 302
    report = ProfileReport.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == [
        "contact@pdn18.exemple.invalid",
        "coord18a@exemple.invalid",
        "coord18b@exemple.invalid",
    ]
    assert message.subject == "Nouveau signalement de profil – Cher"
    assert f"https://promeneurs18.exemple.fr/admin/signalements/edit/{report.pk}/" in message.body
    assert "localhost" not in message.body
    assert "Profil signalé : <b>faux</b>_camille" in message.body  # plain text: as typed, not escaped
    assert "Réseau : Instagram" in message.body
    assert "attend une réponse" in message.body
    assert "parent@exemple.fr" not in message.body  # the reply address stays in the admin


def test_without_any_address_the_report_is_kept(cher):
    assert Client(HTTP_HOST="18.localhost").post(URL, valid_data()).status_code == 302
    assert ProfileReport.objects.count() == 1
    assert mail.outbox == []


def test_a_mail_server_failure_is_not_the_visitors_problem(coordination_18):
    with mock.patch("reports.notifications.send_mail", side_effect=OSError("SMTP down")):
        response = Client(HTTP_HOST="18.localhost").post(URL, valid_data())
    assert response.status_code == 302
    assert ProfileReport.objects.count() == 1


def test_a_look_alike_emails_the_imitated_promeneurs_coordination(coordination_18, seine_saint_denis):
    from directory.factories import make_promeneur, make_structure

    structure = make_structure(seine_saint_denis, title="Maison des jeunes", slug="mdj")
    promeneur = make_promeneur(structure, first_name="Yanis", title="Yanis, éducateur")
    Client(HTTP_HOST="18.localhost").post(URL, valid_data(imite=str(promeneur.pk)))
    assert mail.outbox[0].to == ["coord93@exemple.invalid"]
    assert "Imite la fiche de : Yanis, éducateur" in mail.outbox[0].body
