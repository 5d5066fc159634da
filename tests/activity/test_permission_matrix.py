"""The permission matrix of activity reports, through the real admin URLs (issue #16): a structure reads
and edits only its promeneurs' reports, a coordination reads its département's and closes its months, the
Cnaf reads all, superusers do everything; anonymous visitors get the login page. Forged POSTs included:
a refused POST changes nothing."""

import datetime

import pytest
from django.urls import reverse

from activity.models import ActivityReport, ClosedMonth
from tests.accounts.world import ROLES

Y = "Y"

MATRIX = """
object     action   anonymous structure_a structure_b coordination_18 coordination_93 cnaf superuser
report_a   see      .         Y           .           Y               .               Y    Y
report_a   edit     .         Y           .           .               .               .    Y
report_b   see      .         .           Y           .               Y               Y    Y
report_b   edit     .         .           Y           .               .               .    Y
new_a      create   .         Y           .           .               .               .    Y
month_18   close    .         .           .           Y               .               .    Y
month_93   close    .         .           .           .               Y               .    Y
network    indicators .       .           .           Y               Y               Y    Y
"""


def cells():
    lines = [line.split() for line in MATRIX.strip().splitlines()]
    roles = lines[0][2:]
    assert roles == ROLES
    for line in lines[1:]:
        obj, action, marks = line[0], line[1], line[2:]
        for role, mark in zip(roles, marks, strict=True):
            yield pytest.param(obj, action, role, mark == Y, id=f"{obj}-{action}-{role}")


def valid_post(**changes):
    data = {"hours_online": "8", "exchanges": "55", "in_person_meetings": "2", "projects_started": "1",
            "young_instagram": "9", "comment": "Modifié"}  # fmt: skip
    data.update(changes)
    return data


def denied(response) -> bool:
    return response.status_code in (403, 404) or (
        response.status_code == 302 and "/login/" in response["Location"]
    )


@pytest.mark.parametrize(("obj", "action", "role", "allowed"), list(cells()))
def test_activity_permission_matrix(world, reports, client_for, obj, action, role, allowed):
    client = client_for(role)
    if action == "see":
        report = reports[obj]
        response = client.get(reverse("activity:report", args=[report.pk]))
        assert (response.status_code == 200 and report.promeneur_name in response.text) is allowed, (
            response.status_code
        )
        listing = client.get(f"{reverse('activity:index')}?mois={report.month:%Y-%m}")
        shown = listing.status_code == 200 and reverse("activity:report", args=[report.pk]) in listing.text
        assert shown is allowed
    elif action == "edit":
        report = reports[obj]
        form = client.get(reverse("activity:report", args=[report.pk]))
        assert (form.status_code == 200 and 'name="exchanges"' in form.text) is allowed
        response = client.post(
            reverse("activity:report", args=[report.pk]), valid_post()
        )  # forged when denied
        report.refresh_from_db()
        assert (report.exchanges == 55) is allowed, response.context and response.context["form"].errors
        if not allowed:
            assert denied(response) or response.status_code == 200 and 'name="exchanges"' not in response.text
    elif action == "create":
        promeneur = world.pages["promeneur_a"]
        month = datetime.date(datetime.date.today().year - 1, 5, 1)
        data = valid_post(promeneur=str(promeneur.pk), month=f"{month:%Y-%m}")
        response = client.post(reverse("activity:create"), data)
        created = ActivityReport.objects.filter(promeneur_id=promeneur.pk, month=month).exists()
        assert created is allowed, response.status_code
        if not allowed:  # refused, or (a structure) the promeneur is not among the form's choices
            assert denied(response) or "promeneur" in response.context["form"].errors
    elif action == "close":
        department = (
            world.pages["annuaire_18" if obj == "month_18" else "annuaire_93"]
            .specific.get_parent()
            .specific.department
        )
        month = reports["report_a"].month
        response = client.post(
            reverse("activity:close_month"), {"departement": department.pk, "mois": f"{month:%Y-%m}"}
        )
        closed = ClosedMonth.objects.filter(department=department, month=month).exists()
        assert closed is allowed, response.status_code
        if not allowed:
            assert denied(response)
    elif action == "indicators":
        response = client.get(reverse("activity:indicators"), {"annee": reports["report_a"].month.year})
        assert (response.status_code == 200) is allowed
        if not allowed:
            assert denied(response)


def test_a_closed_month_cannot_be_edited_by_its_structure(world, reports, client_for):
    report = reports["report_a"]
    ClosedMonth.objects.create(department=report.department, month=report.month)
    client = client_for("structure_a")
    page = client.get(reverse("activity:report", args=[report.pk]))
    assert page.status_code == 200 and 'name="exchanges"' not in page.text and "clôturé" in page.text
    response = client.post(reverse("activity:report", args=[report.pk]), valid_post())
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.exchanges == 20


def test_coordination_sees_only_its_departement_in_the_indicators(world, reports, client_for):
    response = client_for("coordination_18").get(
        reverse("activity:indicators"), {"annee": reports["report_a"].month.year, "departement": "93"}
    )
    assert response.status_code == 200
    assert "hors de votre périmètre" in response.text
    assert "Seine-Saint-Denis (93)" not in response.text.split("<title>")[1].split("</title>")[0]
    # Bilal's 30 young people on Snapchat are the 93's: not in the Cher's figures.
    assert "Snapchat" not in response.text


def test_no_activity_url_is_public(reports, client):
    for url in (reverse("activity:index"), reverse("activity:report", args=[reports["report_a"].pk]),
                reverse("activity:indicators")):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
