"""Who may manage whose account: coordination 18 × the accounts of other roles × every account action, through
the real admin URLs with forged POSTs (a valid CSRF token of the coordinator's own session does not help:
the test client skips CSRF checks, so only the server's rule stands between the POST and its effect).

Only the managers of the 18's own structures are in reach; an account that also holds any role outside
them (a structure of the 93, a coordination, the Cnaf) or a superuser is refused with 403 and nothing
changes. accounts.roles.manageable_accounts is the one rule; every view and the listing use it."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts import roles

User = get_user_model()

# Target accounts: the 18's own structure manager (the positive control), the 93's structure manager, a
# person managing structures of both départements, the 93's coordination, the Cnaf, a superuser.
ALLOWED = {"structure_a": True, "structure_b": False, "dual": False, "coordination_93": False}
ALLOWED |= {"cnaf": False, "superuser": False}
ACTIONS = ["invite", "deactivate", "reactivate", "change_groups", "resend", "see_in_listing"]


@pytest.fixture
def targets(world):
    dual = User.objects.create_user("dual_manager", "dual@exemple.invalid", "x" * 12)
    dual.groups.set(
        [roles.structure_group(world.pages["structure_a"]), roles.structure_group(world.pages["structure_b"])]
    )
    accounts = {name: world.users[name] for name in ALLOWED if name != "dual"}
    accounts["dual"] = dual
    return {name: User.objects.get(pk=account.pk) for name, account in accounts.items()}


def snapshot(account):
    account = User.objects.get(pk=account.pk)
    return account.is_active, sorted(account.groups.values_list("pk", flat=True)), account.password


def perform(client, world, action, account):
    structure_a2 = world.pages["structure_a2"]
    if action == "invite":
        return client.post(
            "/admin/comptes/inviter/",
            {"structure": structure_a2.pk, "email": account.email.upper(), "first_name": "Nom"},
        )
    if action == "deactivate":
        return client.post(f"/admin/comptes/{account.pk}/actif/", {"active": "0"})
    if action == "reactivate":
        User.objects.filter(pk=account.pk).update(is_active=False)
        return client.post(f"/admin/comptes/{account.pk}/actif/", {"active": "1"})
    if action == "change_groups":
        return client.post(f"/admin/comptes/{account.pk}/structures/", {"structures": [structure_a2.pk]})
    if action == "resend":
        account.set_unusable_password()
        account.save()
        mail.outbox.clear()
        return client.post(f"/admin/comptes/{account.pk}/renvoyer/")
    raise AssertionError(action)


@pytest.mark.parametrize("target", list(ALLOWED))
@pytest.mark.parametrize("action", ACTIONS)
def test_coordination_18_manages_only_its_own_structure_managers(world, targets, client_for, target, action):
    client = client_for("coordination_18")
    account = targets[target]
    allowed = ALLOWED[target]
    if action == "see_in_listing":
        html = client.get("/admin/comptes/").content.decode()
        assert (account.email in html) is allowed
        return
    if action in ("reactivate", "resend"):
        before = None  # these actions set up their own precondition first
    else:
        before = snapshot(account)
    response = perform(client, world, action, account)
    after = snapshot(account)

    if allowed:
        assert response.status_code == 302, response.content.decode()[:500]
        changed = {
            "invite": roles.structure_group(world.pages["structure_a2"]).pk in after[1],
            "deactivate": after[0] is False,
            "reactivate": after[0] is True,
            "change_groups": after[1] == [roles.structure_group(world.pages["structure_a2"]).pk],
            "resend": len(mail.outbox) == 1 and "/compte/activer/" in mail.outbox[0].body,
        }[action]
        assert changed, action
        return

    if action == "invite":
        # The form again, with one message that says nothing about the account.
        assert response.status_code == 200
        html = response.content.decode()
        assert "Cette adresse ne peut pas être invitée depuis votre coordination" in html
        for revealing in ("administrateur de la plateforme.", "désactivé", "Seine-Saint-Denis", "Cnaf"):
            if revealing != "administrateur de la plateforme.":
                assert revealing not in html.split("errorlist")[-1][:400], revealing
    else:
        assert response.status_code == 403
    if before is not None:
        assert snapshot(account) == before
    if action == "reactivate":
        assert User.objects.get(pk=account.pk).is_active is False
    if action == "resend":
        assert mail.outbox == []


def test_an_unknown_account_id_is_refused_like_a_foreign_one(client_for):
    client = client_for("coordination_18")
    assert client.post("/admin/comptes/999999/actif/", {"active": "0"}).status_code == 403
    assert client.get("/admin/comptes/999999/structures/").status_code == 403


def test_the_rule_is_one_function(world, targets):
    coordinator = world.users["coordination_18"]
    for name, account in targets.items():
        assert roles.may_manage_account(coordinator, account) is ALLOWED[name], name
    manageable = set(roles.manageable_accounts(coordinator).values_list("username", flat=True))
    assert manageable == {"structure_a"}


@pytest.mark.parametrize("role", ["structure_a", "cnaf", "anonymous"])
def test_roles_without_a_coordination_reach_no_account_view(world, targets, client_for, role):
    client = client_for(role)
    account = targets["structure_a"]
    before = snapshot(account)
    for url, data in [
        (f"/admin/comptes/{account.pk}/actif/", {"active": "0"}),
        (f"/admin/comptes/{account.pk}/structures/", {"structures": [world.pages["structure_a2"].pk]}),
        (f"/admin/comptes/{account.pk}/renvoyer/", {}),
    ]:
        response = client.post(url, data)
        assert response.status_code in (302, 403), url  # anonymous: to the login page
        if role != "anonymous":
            assert response.status_code == 403 or "/admin/login/" not in response.get("Location", "")
    assert snapshot(account) == before


def test_wagtail_user_admin_is_closed_to_coordinators(world, targets, client_for):
    client = client_for("coordination_18")
    account = targets["structure_b"]
    before = snapshot(account)
    response = client.post(
        f"/admin/users/edit/{account.pk}/",
        {"username": account.username, "email": account.email, "is_active": "", "groups": []},
    )
    assert response.status_code in (302, 403)
    assert snapshot(account) == before
