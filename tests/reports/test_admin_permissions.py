"""Who sees and handles which report in the admin, every cell through the real admin URLs: the listing
(does the report show?), the edit view (GET), and a forged POST of the edit form (does the status change?).
Plus the other object views (inspect, delete, history) of another département's report, and the escaping of
the visitor's texts in every view."""

import pytest
from django.urls import reverse

from reports.models import ProfileReport
from tests.accounts.world import ROLES

Y = "Y"

MATRIX = """
object     action      anonymous structure_a structure_b coordination_18 coordination_93 cnaf superuser
report_18  see         .         .           .           Y               .               Y    Y
report_18  edit        .         .           .           Y               .               .    Y
report_18  forged_post .         .           .           Y               .               .    Y
report_18  inspect     .         .           .           Y               .               Y    Y
report_18  delete      .         .           .           Y               .               .    Y
report_93  see         .         .           .           .               Y               Y    Y
report_93  edit        .         .           .           .               Y               .    Y
report_93  forged_post .         .           .           .               Y               .    Y
report_93  inspect     .         .           .           .               Y               Y    Y
report_93  delete      .         .           .           .               Y               .    Y
"""


def parse(table):
    lines = [line.split() for line in table.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert header[2:] == ROLES
    return [
        pytest.param(obj, action, role, mark == Y, id=f"{obj}-{action}-{role}")
        for obj, action, *marks in rows
        for role, mark in zip(ROLES, marks, strict=True)
    ]


@pytest.fixture
def reports(world):
    return {
        "report_18": ProfileReport.objects.create(
            profile="<script>alert('dix-huit')</script>",
            description="<b>Texte</b> du 18",
            department=world.cher.department,
            imitated_promeneur=world.pages["promeneur_a"],
        ),
        "report_93": ProfileReport.objects.create(
            profile="faux_bilal_93", description="Texte du 93", department=world.seine_saint_denis.department
        ),
    }


def denied(response):
    # Anonymous: the login redirect; outside the scope: 404; a role without the permission: 403, or
    # Wagtail's redirect to the dashboard with "you do not have permission".
    if response.status_code == 302:
        return response["Location"].startswith(("/admin/login/", "/admin/?", "/admin/")) and not response[
            "Location"
        ].startswith("/admin/signalements/")
    return response.status_code in (403, 404)


@pytest.mark.parametrize(("obj", "action", "role", "allowed"), parse(MATRIX))
def test_cell(client_for, reports, obj, action, role, allowed):
    report = reports[obj]
    client = client_for(role)
    label = f"Signalement n° {report.pk}"
    if action == "see":
        response = client.get(reverse("signalements:index"))
        if allowed:
            assert response.status_code == 200
            assert label in response.content.decode()
        else:
            assert denied(response) or label not in response.content.decode()
    elif action == "edit":
        response = client.get(reverse("signalements:edit", args=[report.pk]))
        assert (response.status_code == 200) if allowed else denied(response)
    elif action == "forged_post":
        response = client.post(
            reverse("signalements:edit", args=[report.pk]),
            {
                "status": "traite",
                "coordination_comment": "Compte signalé au réseau social.",
                "profile": "changé",
            },
        )
        report.refresh_from_db()
        if allowed:
            assert response.status_code == 302, response.content.decode()[:2000]
            assert report.status == "traite"
            assert report.coordination_comment == "Compte signalé au réseau social."
        else:
            assert denied(response)
            assert report.status == "nouveau" and report.coordination_comment == ""
        # Only the status and the comment can be changed, whoever posts.
        assert report.profile != "changé"
    elif action == "inspect":
        response = client.get(reverse("signalements:inspect", args=[report.pk]))
        assert (response.status_code == 200) if allowed else denied(response)
    elif action == "delete":
        response = client.post(reverse("signalements:delete", args=[report.pk]))
        exists = ProfileReport.objects.filter(pk=report.pk).exists()
        if allowed:
            assert response.status_code == 302 and not exists
        else:
            assert denied(response) and exists


@pytest.mark.parametrize("role", ["coordination_18", "cnaf", "structure_a"])
def test_other_object_views_of_another_department_are_refused(client_for, reports, role):
    client = client_for(role)
    pk = reports["report_93"].pk
    for name in ("edit", "delete", "history", "usage"):
        assert denied(client.get(reverse(f"signalements:{name}", args=[pk]))), name


def test_nobody_adds_a_report_from_the_admin(client_for, reports):
    for role in ("coordination_18", "cnaf", "superuser"):
        client = client_for(role)
        assert denied(client.get(reverse("signalements:add")))
        assert denied(client.post(reverse("signalements:add"), {"profile": "x", "status": "nouveau"}))
    assert ProfileReport.objects.count() == 2


def test_the_visitor_texts_are_escaped_in_the_admin(client_for, reports):
    client = client_for("coordination_18")
    report = reports["report_18"]
    for url in (
        reverse("signalements:index"),
        reverse("signalements:edit", args=[report.pk]),
        reverse("signalements:inspect", args=[report.pk]),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert('dix-huit')</script>" not in html, url
        assert "<b>Texte</b>" not in html, url
        assert "&lt;script&gt;alert(" in html, url  # shown, escaped


def test_filters_by_status_and_department(client_for, reports):
    reports["report_18"].status = "traite"
    reports["report_18"].save()
    client = client_for("superuser")
    html = client.get(reverse("signalements:index"), {"status": "traite"}).content.decode()
    assert f"Signalement n° {reports['report_18'].pk}" in html
    assert f"Signalement n° {reports['report_93'].pk}" not in html
    department = reports["report_93"].department_id
    html = client.get(reverse("signalements:index"), {"department": department}).content.decode()
    assert f"Signalement n° {reports['report_18'].pk}" not in html
    assert f"Signalement n° {reports['report_93'].pk}" in html


def test_menu_item_for_the_roles(client_for, reports):
    assert "Signalements" in client_for("coordination_18").get("/admin/").content.decode()
    assert "/admin/signalements/" not in client_for("structure_a").get("/admin/").content.decode()


def test_search_finds_a_handle_within_the_scope(client_for, reports):
    html = client_for("coordination_18").get(reverse("signalements:index"), {"q": "bilal"}).content.decode()
    assert f"Signalement n° {reports['report_93'].pk}" not in html
    html = client_for("coordination_93").get(reverse("signalements:index"), {"q": "bilal"}).content.decode()
    assert f"Signalement n° {reports['report_93'].pk}" in html
