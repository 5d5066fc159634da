"""Invitations of structure managers (happy path, expired and reused links), deactivation, and the login
lockout after ten wrong passwords."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from accounts import invitations, roles
from accounts.models import Invitation
from directory.factories import make_promeneur, make_structure
from geo.factories import known_commune

User = get_user_model()
STRONG = "Balade-numerique-2024!"


@pytest.fixture
def structure(cher):
    return make_structure(cher, title="Centre social des Tilleuls", commune=known_commune("bourges"))


@pytest.fixture
def coordinator(cher):
    user = User.objects.create_user("coordinatrice", "coordinatrice@exemple.invalid", STRONG)
    user.groups.add(roles.coordination_group(cher.department))
    return user


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


def invite(client, structure, email="lea@structure.invalid"):
    return client.post(
        "/admin/comptes/inviter/",
        {"structure": structure.pk, "email": email, "first_name": "Léa", "last_name": "Martin"},
    )


def link_from(message):
    # The link is on the structure's own site (18.localhost), never localhost or the admin's base URL.
    return re.search(r"http://18\.localhost(/compte/activer/\S+/)", message.body).group(1)


def test_invitation_creates_an_account_without_password_and_sends_a_one_time_link(structure, coordinator):
    mail.outbox.clear()
    response = invite(admin_client(coordinator), structure)
    assert response.status_code == 302

    user = User.objects.get(email="lea@structure.invalid")
    assert not user.has_usable_password()
    assert user.groups.filter(pk=roles.structure_group(structure).pk).exists()
    assert Invitation.objects.get(user=user).invited_by == coordinator
    assert ModelLogEntry.objects.filter(action="accounts.invite", object_id=str(user.pk)).exists()
    (message,) = mail.outbox
    assert message.to == ["lea@structure.invalid"]
    assert "Centre social des Tilleuls" in message.subject
    assert "Bonjour Léa" in message.body

    client = Client()
    link = link_from(message)
    response = client.get(link)  # the token moves to the session, the URL loses it
    assert response.status_code == 302 and "mot-de-passe" in response["Location"]
    form_url = response["Location"]
    page = client.get(form_url).content.decode()
    assert "Activer votre compte" in page

    # Django's password validators apply.
    response = client.post(form_url, {"new_password1": "12345", "new_password2": "12345"})
    assert response.status_code == 200
    assert not User.objects.get(pk=user.pk).has_usable_password()

    response = client.post(form_url, {"new_password1": STRONG, "new_password2": STRONG})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    user.refresh_from_db()
    assert user.check_password(STRONG)
    assert Invitation.objects.get(user=user).accepted_at is not None
    assert ModelLogEntry.objects.filter(action="accounts.activate", object_id=str(user.pk)).exists()
    # Signed in, and only their structure is within reach.
    assert client.get(f"/admin/pages/{structure.pk}/edit/").status_code == 200

    # The link is dead once used.
    reused = Client().get(link, follow=True)
    assert "Ce lien d'activation a déjà servi" in reused.content.decode()


def test_expired_link_says_so(structure, coordinator, monkeypatch):
    invite(admin_client(coordinator), structure)
    link = link_from(mail.outbox[-1])
    later = datetime.datetime.now() + datetime.timedelta(days=30)
    monkeypatch.setattr(invitations.invitation_token, "_now", lambda: later)
    response = Client().get(link, follow=True)
    html = response.content.decode()
    assert "Lien d'activation invalide" in html
    assert "a expiré" in html and "renvoyer une invitation" in html
    assert 'name="new_password1"' not in html


def test_forged_link_is_refused(structure, coordinator):
    invite(admin_client(coordinator), structure)
    user = User.objects.get(email="lea@structure.invalid")
    response = Client().get(f"/compte/activer/{user.pk}/faux-jeton/", follow=True)
    assert "Lien d'activation invalide" in response.content.decode()


def test_inviting_an_existing_account_adds_the_structure(structure, coordinator, cher):
    other = make_structure(cher, title="MJC du Vieux Moulin", commune=known_commune("vierzon"))
    existing = User.objects.create_user("lea", "lea@structure.invalid", STRONG)
    existing.groups.add(roles.ensure_structure_role(structure))  # already a manager in the 18
    mail.outbox.clear()
    invite(admin_client(coordinator), other)
    assert existing.groups.filter(pk=roles.structure_group(other).pk).exists()
    assert existing.check_password(STRONG)
    assert "MJC du Vieux Moulin" in mail.outbox[0].body and "/compte/activer/" not in mail.outbox[0].body


def test_only_the_coordination_of_the_structure_can_invite(structure, seine_saint_denis):
    make_structure(
        seine_saint_denis, title="Maison des jeunes de la Source", commune=known_commune("bobigny")
    )
    other = User.objects.create_user("coord93", "coord93@exemple.invalid", STRONG)
    other.groups.add(roles.coordination_group(seine_saint_denis.department))
    response = invite(admin_client(other), structure)
    assert response.status_code == 200  # the form again: the 18's structure is not among the choices
    assert "Maison des jeunes de la Source" in response.content.decode()
    assert not User.objects.filter(email="lea@structure.invalid").exists()

    manager = User.objects.create_user("manager", "manager@exemple.invalid", STRONG)
    manager.groups.add(roles.ensure_structure_role(structure))
    assert invite(admin_client(manager), structure).status_code == 302  # to the dashboard: refused
    assert not User.objects.filter(email="lea@structure.invalid").exists()
    assert Client().get("/admin/comptes/inviter/").status_code == 302


def test_deactivation_keeps_the_content(structure, coordinator):
    invite(admin_client(coordinator), structure)
    manager = User.objects.get(email="lea@structure.invalid")
    manager.set_password(STRONG)
    manager.save()
    promeneur = make_promeneur(structure, first_name="Karim", owner=manager)

    client = admin_client(coordinator)
    assert "lea@structure.invalid" in client.get("/admin/comptes/").content.decode()
    client.post(f"/admin/comptes/{manager.pk}/actif/", {"active": "0"})
    manager.refresh_from_db()
    assert not manager.is_active
    assert ModelLogEntry.objects.filter(action="accounts.deactivate", object_id=str(manager.pk)).exists()
    promeneur.refresh_from_db()
    assert promeneur.owner == manager and promeneur.live
    login = Client().post("/admin/login/", {"username": manager.username, "password": STRONG})
    assert login.status_code == 200  # the form again: a deactivated account cannot sign in

    client.post(f"/admin/comptes/{manager.pk}/actif/", {"active": "1"})
    manager.refresh_from_db()
    assert manager.is_active


def test_a_coordinator_cannot_deactivate_another_coordinator(structure, coordinator, cher):
    colleague = User.objects.create_user("collegue", "collegue@exemple.invalid", STRONG)
    colleague.groups.add(roles.coordination_group(cher.department), roles.ensure_structure_role(structure))
    response = admin_client(coordinator).post(f"/admin/comptes/{colleague.pk}/actif/", {"active": "0"})
    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.is_active


# Login lockout -------------------------------------------------------------------------------------------------


def test_ten_wrong_passwords_lock_the_account_with_a_french_message(db):
    User.objects.create_user("camille", "camille@exemple.invalid", STRONG, is_staff=True, is_superuser=True)
    client = Client()
    for attempt in range(1, 10):
        response = client.post("/admin/login/", {"username": "camille", "password": f"faux-{attempt}"})
        assert response.status_code == 200, attempt
    response = client.post("/admin/login/", {"username": "camille", "password": "faux-10"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Connexion temporairement bloquée" in html
    assert "10 essais" in html and "30 minutes" in html
    # Even the right password is refused during the lockout.
    response = client.post("/admin/login/", {"username": "camille", "password": STRONG})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_few_wrong_passwords_do_not_lock(db):
    User.objects.create_user(
        "dominique", "dominique@exemple.invalid", STRONG, is_staff=True, is_superuser=True
    )
    client = Client()
    for attempt in range(3):
        client.post("/admin/login/", {"username": "dominique", "password": f"faux-{attempt}"})
    response = client.post("/admin/login/", {"username": "dominique", "password": STRONG})
    assert response.status_code == 302
