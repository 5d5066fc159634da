"""The structure manager's dashboard (their structure, named; the state of each promeneur), the approval from
the dashboard through Wagtail's own workflow action URL, and forged approvals from another département."""

import re

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from directory.factories import make_promeneur

pytestmark = pytest.mark.django_db


def states(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-promeneur="(\d+)" data-state="([\w-]+)"', html))


def test_structure_manager_sees_their_structure_and_the_state_of_each_promeneur(world, client_for):
    pages = world.pages
    rejected = make_promeneur(
        pages["structure_a"], first_name="Rémi", job_title="Animateur", title="Rémi", slug="remi", profiles=[]
    )
    rejected.title = "Rémi, à revoir"
    rejected.save_revision(user=world.users["structure_a"])
    rejected.get_workflow().start(rejected, world.users["structure_a"])
    state = TaskState.objects.get(workflow_state__object_id=str(rejected.pk), status="in_progress")
    state.task.specific.on_action(state, world.users["coordination_18"], "reject")

    html = client_for("structure_a").get(reverse("wagtailadmin_home")).content.decode()
    assert "Votre structure : Structure A du Cher" in html
    found = states(html)
    assert found[str(pages["promeneur_a"].pk)] == "public"
    assert found[str(pages["promeneur_pending"].pk)] == "en-attente"
    assert found[str(rejected.pk)] == "modifications-demandees"
    assert "Modifications demandées" in html and "En attente de validation" in html and "Publique" in html
    # Nothing of another structure, no figures of the coordination.
    assert str(pages["promeneur_b"].pk) not in found
    assert "Structure B" not in html
    assert 'data-department="18"' not in html


def test_approve_and_publish_from_the_dashboard(world, client_for):
    pending = world.pages["promeneur_pending"]
    client = client_for("coordination_18")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[pending.pk, "approve", world.task_state.pk]
    )
    assert approve_url in html
    # The title opens the comparison with the live version.
    assert (
        reverse(
            "wagtailadmin_pages:revisions_compare", args=[pending.pk, "live", world.task_state.revision_id]
        )
        in html
    )
    response = client.post(approve_url, {"next": reverse("wagtailadmin_home")})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.title == "Prune, changement en attente" and pending.live
    world.task_state.refresh_from_db()
    assert world.task_state.status == TaskState.STATUS_APPROVED


@pytest.mark.parametrize("role", ["coordination_93", "structure_a", "cnaf"])
def test_forged_approval_is_refused(world, client_for, role):
    pending = world.pages["promeneur_pending"]
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[pending.pk, "approve", world.task_state.pk]
    )
    response = client_for(role).post(approve_url, {"next": reverse("wagtailadmin_home")})
    assert response.status_code in (302, 403)
    world.task_state.refresh_from_db()
    assert world.task_state.status == TaskState.STATUS_IN_PROGRESS
    pending.refresh_from_db()
    assert pending.title == "Prune, en attente"


def test_coordination_dashboard_replaces_wagtails_review_panel(world, client_for):
    html = client_for("coordination_18").get(reverse("wagtailadmin_home")).content.decode()
    assert html.count(f'data-review="{world.pages["promeneur_pending"].pk}"') == 1
    assert 'id="awaiting-review' not in html
    assert html.index("Approuver et publier") < html.index("Voir les modifications")


def test_superuser_sees_the_network_table(world, client_for):
    html = client_for("superuser").get(reverse("wagtailadmin_home")).content.decode()
    assert "data-network-table" in html
    assert '<tr data-department="93">' in html
