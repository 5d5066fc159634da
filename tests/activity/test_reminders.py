"""`send_activity_reminders`: one e-mail per structure whose promeneurs have not sent the month's report, to
its managers, once per structure and month; nothing for a closed month or a structure whose reports are in."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from activity.factories import make_report
from activity.models import ClosedMonth, ReminderSent
from tests.activity.conftest import LAST_YEAR

MONTH = datetime.date(LAST_YEAR, 5, 1)


@pytest.fixture
def managers_with_addresses(world, db):
    for role in ("structure_a", "structure_b"):
        user = world.users[role]
        user.email = f"{role}@structures.example.org"
        user.save()


def run(*args) -> str:
    out = StringIO()
    call_command("send_activity_reminders", "--mois", f"{MONTH:%Y-%m}", *args, stdout=out)
    return out.getvalue()


def test_each_late_structure_gets_one_reminder_listing_its_promeneurs(world, managers_with_addresses):
    make_report(world.pages["promeneur_b"].specific, MONTH)  # Seine-Saint-Denis is up to date
    output = run()
    assert len(mail.outbox) == 1
    (message,) = mail.outbox
    assert message.to == ["structure_a@structures.example.org"]
    assert message.subject == f"Rapports d'activité de mai {LAST_YEAR} à remplir"
    assert "- Aline (Animatrice)" in message.body and "Bilal" not in message.body
    assert f"/admin/activite/?mois={MONTH:%Y-%m}" in message.body
    assert "Structure A du Cher" in output

    # Once per structure and month, however often it runs.
    run()
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.filter(month=MONTH).count() == 1


def test_a_dry_run_sends_and_records_nothing(world, managers_with_addresses):
    output = run("--dry-run")
    assert "à envoyer : 2" in output
    assert mail.outbox == [] and not ReminderSent.objects.exists()


def test_a_closed_month_and_a_structure_without_address_get_nothing(world, db):
    ClosedMonth.objects.create(department=world.cher.department, month=MONTH)
    world.users["structure_b"].email = ""
    world.users["structure_b"].save()
    output = run()
    assert mail.outbox == []
    # Seine-Saint-Denis's manager has no address: listed, not marked as reminded (it will be once it has one).
    assert "Structure B de Seine-Saint-Denis" in output and "rien d'envoyé" in output
    assert not ReminderSent.objects.exists()


@pytest.mark.parametrize("value", ["2026-13", "demain", "2999-01"])
def test_an_invalid_month_is_refused_in_french(db, value):
    with pytest.raises(CommandError, match="Mois invalide"):
        call_command("send_activity_reminders", "--mois", value, stdout=StringIO())
