"""Moderation of the structures' changes (workflow "Validation par la coordination", e-mails both ways) and
suspension / reactivation / withdrawal of a promeneur, checked on the public site (profile page, annuaire
page, JSON API) and in the audit log."""

from django.core import mail
from django.test import Client
from wagtail.models import PageLogEntry, TaskState

from directory.models import PromeneurPage, PromeneurStatus
from tests.accounts.test_permission_matrix import page_form


def public(path, host="18.localhost"):
    return Client(HTTP_HOST=host).get(path)


def profile_is_public(page):
    page = PromeneurPage.objects.get(pk=page.pk)
    return public(page.url_path[len("/accueil/departements/cher") :]).status_code == 200


def api_ids(host="18.localhost"):
    return {item["id"] for item in public("/api/annuaire/?page_size=100", host).json()["results"]}


def live(page):
    return PromeneurPage.objects.get(pk=page.pk)


# Moderation --------------------------------------------------------------------------------------------------


def submit_change(client, page, job_title):
    data = page_form(live(page), live(page).title)
    data["job_title"] = job_title
    data["action-submit"] = "action-submit"
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def test_structure_change_stays_invisible_until_the_coordination_approves(world, client_for):
    promeneur = world.pages["promeneur_a"]
    mail.outbox.clear()
    task_state = submit_change(client_for("structure_a"), promeneur, "Éducatrice numérique")

    # Submitted: the coordination of the 18 is told, nobody else; the public card is unchanged.
    assert [message.to for message in mail.outbox] == [["coord_18@exemple.invalid"]]
    assert live(promeneur).job_title == "Animatrice"
    assert profile_is_public(promeneur)
    card = public(live(promeneur).url_path[len("/accueil/departements/cher") :]).content.decode()
    assert "Animatrice" in card and "Éducatrice numérique" not in card
    assert public("/api/annuaire/").content.decode().count("Éducatrice numérique") == 0

    # Approved by the coordination: live at once, and the structure manager is told.
    mail.outbox.clear()
    client_for("coordination_18").post(
        f"/admin/pages/workflow/action/{promeneur.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    assert live(promeneur).job_title == "Éducatrice numérique"
    assert "Éducatrice numérique" in public("/api/annuaire/").content.decode()
    assert [message.to for message in mail.outbox] == [["structure_a@exemple.invalid"]]


def test_rejection_comes_back_with_its_comment(world, client_for):
    promeneur = world.pages["promeneur_a"]
    task_state = submit_change(client_for("structure_a"), promeneur, "Job douteux")
    mail.outbox.clear()
    client_for("coordination_18").post(
        f"/admin/pages/workflow/action/{promeneur.pk}/reject/{task_state.pk}/",
        {"comment": "Le métier doit être celui du contrat."},
    )
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_REJECTED
    assert live(promeneur).job_title == "Animatrice"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["structure_a@exemple.invalid"]
    assert "Le métier doit être celui du contrat." in mail.outbox[0].body


def test_another_coordination_cannot_approve(world, client_for):
    promeneur = world.pages["promeneur_a"]
    task_state = submit_change(client_for("structure_a"), promeneur, "Autre métier")
    response = client_for("coordination_93").post(
        f"/admin/pages/workflow/action/{promeneur.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (302, 403)
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    assert live(promeneur).job_title == "Animatrice"


def test_each_departement_annuaire_has_its_own_workflow(world):
    for site, code in ((world.cher, "18"), (world.seine_saint_denis, "93")):
        annuaire = world.pages[f"annuaire_{code}"]
        workflow = annuaire.get_workflow()
        assert workflow.name.startswith("Validation par la coordination")
        (task,) = [task.specific for task in workflow.tasks]
        assert [group.name for group in task.groups.all()] == [
            f"Coordination {code} – {site.department.name}"
        ]
    assert world.pages["promeneur_b"].get_workflow() != world.pages["promeneur_a"].get_workflow()


# Suspension --------------------------------------------------------------------------------------------------


def status_url(page, action):
    return f"/admin/annuaire/promeneurs/{page.pk}/statut/{action}/"


def test_suspension_needs_a_reason_and_hides_the_promeneur_everywhere_at_once(world, client_for):
    promeneur = world.pages["promeneur_a"]
    coordination = client_for("coordination_18")
    assert profile_is_public(promeneur) and promeneur.pk in api_ids()
    assert "Aline" in public("/annuaire/").content.decode()

    assert coordination.get(status_url(promeneur, "suspendre")).status_code == 200
    response = coordination.post(status_url(promeneur, "suspendre"), {"reason": "  "})
    assert response.status_code == 200 and "motif" in response.content.decode()
    assert live(promeneur).status == PromeneurStatus.ACTIVE

    coordination.post(status_url(promeneur, "suspendre"), {"reason": "Décision du comité de pilotage."})
    suspended = live(promeneur)
    assert suspended.status == PromeneurStatus.SUSPENDED
    assert suspended.status_reason == "Décision du comité de pilotage."
    assert suspended.status_changed_at is not None
    assert not PromeneurPage.objects.publicly_listed().filter(pk=promeneur.pk).exists()
    assert not profile_is_public(promeneur)
    assert promeneur.pk not in api_ids()
    assert "Aline" not in public("/annuaire/").content.decode()
    assert promeneur.pk not in {
        item["id"] for item in public("/api/annuaire/", "localhost").json()["results"]
    }

    entry = PageLogEntry.objects.get(page=promeneur, action="directory.suspend")
    assert entry.user == world.users["coordination_18"]
    assert entry.data["reason"] == "Décision du comité de pilotage."
    assert entry.formatter.label == "Suspension du promeneur"
    assert "Décision du comité de pilotage." in entry.message
    history = coordination.get(f"/admin/pages/{promeneur.pk}/history/").content.decode()
    assert "Décision du comité de pilotage." in history

    # A later publication of the latest revision does not bring it back silently.
    live(promeneur).get_latest_revision().publish()
    assert live(promeneur).status == PromeneurStatus.SUSPENDED

    coordination.post(status_url(promeneur, "reactiver"), {"reason": ""})
    assert live(promeneur).status == PromeneurStatus.ACTIVE
    assert profile_is_public(promeneur) and promeneur.pk in api_ids()
    assert PageLogEntry.objects.filter(page=promeneur, action="directory.reactivate").exists()


def test_withdrawal(world, client_for):
    promeneur = world.pages["promeneur_a"]
    client_for("coordination_18").post(
        status_url(promeneur, "retirer"), {"reason": "Départ de la structure."}
    )
    assert live(promeneur).status == PromeneurStatus.WITHDRAWN
    assert not profile_is_public(promeneur)
    assert PageLogEntry.objects.filter(page=promeneur, action="directory.withdraw").exists()


def test_suspension_of_a_page_in_moderation_survives_its_approval(world, client_for):
    promeneur = world.pages["promeneur_a"]
    task_state = submit_change(client_for("structure_a"), promeneur, "Animatrice réseau")
    coordination = client_for("coordination_18")
    coordination.post(status_url(promeneur, "suspendre"), {"reason": "Enquête en cours."})
    coordination.post(
        f"/admin/pages/workflow/action/{promeneur.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    approved = live(promeneur)
    assert approved.job_title == "Animatrice réseau"
    assert approved.status == PromeneurStatus.SUSPENDED


def test_structure_manager_cannot_change_a_status_even_through_the_edit_form(world, client_for):
    promeneur = world.pages["promeneur_a"]
    structure = client_for("structure_a")
    for action in ("suspendre", "retirer"):
        response = structure.post(status_url(promeneur, action), {"reason": "Je me suspends."})
        assert response.status_code in (302, 403)
    assert live(promeneur).status == PromeneurStatus.ACTIVE
    assert not PageLogEntry.objects.filter(page=promeneur, action__startswith="directory.").exists()

    client_for("coordination_18").post(status_url(promeneur, "suspendre"), {"reason": "Comité."})
    data = page_form(live(promeneur), "Aline, promeneuse A")
    data.update(status=PromeneurStatus.ACTIVE, status_reason="")
    structure.post(f"/admin/pages/{promeneur.pk}/edit/", {**data, "action-submit": "action-submit"})
    revision = live(promeneur).get_latest_revision()
    assert revision.user == world.users["structure_a"]
    assert revision.content["status"] == PromeneurStatus.SUSPENDED
    assert revision.content["status_reason"] == "Comité."


def test_other_coordination_and_cnaf_cannot_suspend(world, client_for):
    promeneur = world.pages["promeneur_a"]
    for role in ("coordination_93", "cnaf", "anonymous"):
        client_for(role).post(status_url(promeneur, "suspendre"), {"reason": "Abus."})
    assert live(promeneur).status == PromeneurStatus.ACTIVE


def test_status_buttons_only_for_those_who_may_use_them(world, client_for):
    promeneur = world.pages["promeneur_a"]
    url = status_url(promeneur, "suspendre")
    assert url in client_for("coordination_18").get(f"/admin/pages/{promeneur.pk}/edit/").content.decode()
    assert url not in client_for("structure_a").get(f"/admin/pages/{promeneur.pk}/edit/").content.decode()


# The "Promeneurs" listing ---------------------------------------------------------------------------------


def listing(client, query=""):
    response = client.get("/admin/annuaire/promeneurs/" + query)
    return response.status_code, response.content.decode()


def test_promeneurs_listing_shows_only_what_the_user_may_edit(world, client_for):
    status, html = listing(client_for("coordination_18"))
    assert status == 200
    assert "Aline, promeneuse A" in html and "Prune" in html and "Bilal" not in html
    status, html = listing(client_for("structure_b"))
    assert status == 200 and "Bilal, promeneur B" in html and "Aline" not in html
    assert listing(client_for("cnaf"))[0] == 302
    assert listing(client_for("anonymous"))[0] == 302


def test_promeneurs_listing_filters_and_completeness(world, client_for):
    coordination = client_for("coordination_18")
    _, html = listing(coordination)
    # make_promeneur gives a network, a permanence and a signed charte, no photo: 5 of 6 items of the charte.
    assert "5/6" in html and "Photo" in html
    _, html = listing(coordination, "?status=suspendu")
    assert "Aline" not in html
    _, html = listing(coordination, "?status=actif&completeness=incomplete")
    assert "Aline" in html
    _, html = listing(coordination, "?completeness=complete")
    assert "Aline" not in html
    _, html = listing(coordination, f"?structure={world.pages['structure_a2'].pk}")
    assert "Aline" not in html
    _, html = listing(coordination, "?mission=" + str(live(world.pages["promeneur_a"]).missions.first().pk))
    assert "Aline" in html
    # A structure of another département is not a valid choice.
    _, html = listing(coordination, f"?structure={world.pages['structure_b'].pk}")
    assert "Bilal" not in html


def test_the_edit_form_shows_the_status_to_the_coordination_only(world, client_for):
    promeneur = world.pages["promeneur_a"]
    url = f"/admin/pages/{promeneur.pk}/edit/"
    coordination = client_for("coordination_18").get(url).content.decode()
    structure = client_for("structure_a").get(url).content.decode()
    assert 'name="status"' in coordination and 'name="status_reason"' in coordination
    assert 'name="status"' not in structure and 'name="status_reason"' not in structure
    # Both see how complete the card is against the charte's minimum.
    assert "Complétude de la fiche" in coordination and "Complétude de la fiche" in structure
