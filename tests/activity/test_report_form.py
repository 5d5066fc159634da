"""Bad input on the monthly report gets a French field error and loses nothing: negative numbers, a month
not yet begun, a month after the promeneur's withdrawal, a second report for the same month, and more than
10,000 people in a month (saved only once confirmed). « Besoin d'un appui » e-mails the coordination."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from activity.models import ActivityReport
from directory.models import PromeneurStatus

from .conftest import LAST_YEAR


def post(client, promeneur, month, **changes):
    data = {"promeneur": str(promeneur.pk), "month": month, "hours_online": "6", "exchanges": "12",
            "in_person_meetings": "1", "projects_started": "0", "young_instagram": "10", "parents_instagram": "2"}  # fmt: skip
    data.update(changes)
    return client.post(reverse("activity:create"), data)


def errors(response) -> dict:
    return {name: " ".join(messages) for name, messages in response.context["form"].errors.items()}


def test_negative_numbers_are_refused_in_french_and_the_input_is_kept(world, client_for):
    response = post(client_for("structure_a"), world.pages["promeneur_a"], f"{LAST_YEAR}-04",
                    exchanges="-3", young_instagram="-1", comment="Gardé")  # fmt: skip
    assert response.status_code == 200
    found = errors(response)
    assert (
        "supérieure ou égale à 0" in found["exchanges"]
        and "supérieure ou égale à 0" in found["young_instagram"]
    )
    assert "Gardé" in response.text and 'value="-3"' in response.text
    assert not ActivityReport.objects.exists()


def test_a_month_not_yet_begun_is_refused(world, client_for):
    future = (timezone.localdate().replace(day=1) + datetime.timedelta(days=40)).strftime("%Y-%m")
    response = post(client_for("structure_a"), world.pages["promeneur_a"], future)
    assert "pas encore commencé" in errors(response)["month"]
    assert not ActivityReport.objects.exists()


def test_a_month_that_is_not_one_is_refused(world, client_for):
    response = post(client_for("structure_a"), world.pages["promeneur_a"], "mars")
    assert "AAAA-MM" in errors(response)["month"]


def test_months_after_a_withdrawal_are_refused(world, client_for):
    promeneur = world.pages["promeneur_a"].specific
    type(promeneur).objects.filter(pk=promeneur.pk).update(
        status=PromeneurStatus.WITHDRAWN,
        status_changed_at=timezone.make_aware(datetime.datetime(LAST_YEAR, 6, 15)),
    )
    client = client_for("structure_a")
    assert "retiré du réseau" in errors(post(client, promeneur, f"{LAST_YEAR}-07"))["month"]
    assert (
        post(client, promeneur, f"{LAST_YEAR}-06").status_code == 302
    )  # the month of the withdrawal still counts


def test_more_than_ten_thousand_people_needs_a_confirmation(world, client_for):
    client = client_for("structure_a")
    promeneur = world.pages["promeneur_a"]
    response = post(client, promeneur, f"{LAST_YEAR}-04", young_instagram="9000", young_tiktok="1500")
    assert "Je confirme ces chiffres" in errors(response)["confirm_large"]
    assert not ActivityReport.objects.exists()
    response = post(
        client, promeneur, f"{LAST_YEAR}-04", young_instagram="9000", young_tiktok="1500", confirm_large="on"
    )
    assert response.status_code == 302
    report = ActivityReport.objects.get()
    assert report.young_people == 10_500


def test_one_report_per_promeneur_and_month(world, client_for):
    client = client_for("structure_a")
    assert post(client, world.pages["promeneur_a"], f"{LAST_YEAR}-04").status_code == 302
    response = post(client, world.pages["promeneur_a"], f"{LAST_YEAR}-04")
    assert "existe déjà" in errors(response)["month"]
    assert ActivityReport.objects.count() == 1


def test_the_report_records_the_promeneurs_facts(world, client_for):
    post(
        client_for("structure_a"),
        world.pages["promeneur_a"],
        f"{LAST_YEAR}-04",
        request_kinds=["sante", "logement"],
    )
    report = ActivityReport.objects.get()
    structure = world.pages["structure_a"].specific
    assert (report.department_id, report.structure_id, report.commune_id) == (
        structure.department_id, structure.pk, structure.commune_id)  # fmt: skip
    assert report.promeneur_name == world.pages["promeneur_a"].specific.public_name
    assert sorted(report.request_kinds) == ["logement", "sante"]
    assert (report.young_people, report.parents) == (10, 2)


def test_asking_for_support_emails_the_coordination_once(
    world, client_for, django_capture_on_commit_callbacks
):
    world.users["coordination_18"].email = "coord18@example.org"
    world.users["coordination_18"].save()
    client = client_for("structure_a")
    with django_capture_on_commit_callbacks(execute=True):
        post(
            client,
            world.pages["promeneur_a"],
            f"{LAST_YEAR}-04",
            needs_support="on",
            comment="Situation à suivre",
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["coord18@example.org"] and "Situation à suivre" in mail.outbox[0].body
    report = ActivityReport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("activity:report", args=[report.pk]), {
            "hours_online": "6", "exchanges": "13", "in_person_meetings": "1", "projects_started": "0",
            "needs_support": "on"})  # fmt: skip
    assert len(mail.outbox) == 1  # already asked: not sent again
