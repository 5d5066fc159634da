"""Conventions with the Caf: the query-time rule on the public site, the daily command (report, reminders at
D-60 and on the day, never twice); the demo accounts."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from accounts import roles
from accounts.models import ConventionReminder
from departments.models import SiteIdentity
from directory.factories import make_promeneur, make_structure
from directory.models import PromeneurPage
from geo.factories import known_commune

TODAY = datetime.date(2026, 3, 2)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def coordinator(cher):
    user = get_user_model().objects.create_user("coord", "coordination@cher.invalid", "x")
    user.groups.add(roles.coordination_group(cher.department))
    return user


def structure(cher, title, end):
    return make_structure(cher, title=title, commune=known_commune("bourges"), convention_end=end)


def run(date=TODAY, *args):
    out = StringIO()
    call_command("check_conventions", f"--date={date.isoformat()}", *args, stdout=out)
    return out.getvalue()


def test_ended_convention_takes_its_promeneurs_off_the_public_site_at_once(cher):
    today = timezone.localdate()
    ended = structure(cher, "Centre social échu", today - datetime.timedelta(days=1))
    running = structure(cher, "Centre social conventionné", today)
    gone = make_promeneur(ended, first_name="Yanis")
    kept = make_promeneur(running, first_name="Jade")
    listed = PromeneurPage.objects.publicly_listed()
    assert not listed.filter(pk=gone.pk).exists() and listed.filter(pk=kept.pk).exists()
    client = Client(HTTP_HOST="18.localhost")
    assert (
        client.get(gone.url_path.removeprefix("/accueil/departements/cher")).status_code == 410
    )  # « plus référencée »
    assert client.get(kept.url_path.removeprefix("/accueil/departements/cher")).status_code == 200
    ids = {item["id"] for item in client.get("/api/annuaire/").json()["results"]}
    assert ids == {kept.pk}


def test_command_reports_ended_conventions(cher):
    ended = structure(cher, "Centre social échu", days(-10))
    make_promeneur(ended, first_name="Yanis")
    structure(cher, "Centre social conventionné", None)
    output = run()
    assert "Conventions terminées au 02/03/2026 : 1" in output
    assert "18 · Centre social échu · fin le 20/02/2026 · 1 promeneur(s) hors de l'annuaire public" in output


def test_reminders_sixty_days_before_and_on_the_day_once_each(cher, coordinator):
    soon = structure(cher, "MJC à 60 jours", days(60))
    today = structure(cher, "PIJ à échéance", days(0))
    structure(cher, "Centre à 61 jours", days(61))
    structure(cher, "Centre sans fin", None)
    mail.outbox.clear()

    output = run()
    assert "Rappels envoyés : 2" in output
    (message,) = mail.outbox  # one e-mail per département
    assert message.to == ["coordination@cher.invalid"]
    assert "MJC à 60 jours : fin le 01/05/2026, dans 60 jours" in message.body
    assert "PIJ à échéance : fin aujourd'hui (02/03/2026)" in message.body
    assert "61 jours" not in message.body
    assert set(ConventionReminder.objects.values_list("structure_id", "kind")) == {
        (soon.pk, "j-60"),
        (today.pk, "j0"),
    }

    # Idempotent: the same day again sends nothing; the next day, only the one now 60 days away.
    mail.outbox.clear()
    assert "Rappels envoyés : 0" in run()
    assert mail.outbox == []
    assert "Rappels envoyés : 1\n  18 · Centre à 61 jours · j-60" in run(days(1))
    assert "Rappels envoyés : 0" in run(days(1))
    assert len(mail.outbox) == 1
    mail.outbox.clear()

    # On the day of the first one's end, its second reminder.
    run(days(60))
    assert len(mail.outbox) == 1 and "MJC à 60 jours : fin aujourd'hui" in mail.outbox[0].body


def test_a_new_end_date_means_new_reminders(cher, coordinator):
    renewed = structure(cher, "Centre renouvelé", days(30))
    run()
    renewed.convention_end = days(400)
    renewed.save_revision().publish()
    mail.outbox.clear()
    run(days(340))
    assert len(mail.outbox) == 1 and "Centre renouvelé" in mail.outbox[0].body
    assert ConventionReminder.objects.filter(structure=renewed).count() == 2


def test_missed_days_are_caught_up_and_coordination_address_is_the_fallback(cher):
    late = structure(cher, "Centre oublié", days(20))
    identity = SiteIdentity.for_site(cher.site)
    identity.coordination_email = "contact@coordination-cher.invalid"
    identity.save()
    mail.outbox.clear()
    run()
    assert mail.outbox[0].to == ["contact@coordination-cher.invalid"]
    assert ConventionReminder.objects.get(structure=late).kind == "j-60"


def test_dry_run_sends_and_stores_nothing(cher, coordinator):
    structure(cher, "MJC à 60 jours", days(60))
    mail.outbox.clear()
    assert "Rappels à envoyer : 1" in run(TODAY, "--dry-run")
    assert mail.outbox == [] and not ConventionReminder.objects.exists()


# Demo accounts --------------------------------------------------------------------------------------------


def test_demo_accounts(cher, seine_saint_denis):
    from accounts.demo import DEMO_PASSWORD, create_demo_accounts

    first_18 = make_structure(cher, title="Première structure du Cher", commune=known_commune("bourges"))
    make_structure(cher, title="Seconde structure du Cher", commune=known_commune("vierzon"))
    first_93 = make_structure(
        seine_saint_denis, title="Première structure du 93", commune=known_commune("bobigny")
    )
    lines = create_demo_accounts()
    assert create_demo_accounts() == lines  # idempotent
    User = get_user_model()
    usernames = ["admin", "cnaf", "coordination-18", "structure-18", "coordination-93", "structure-93"]
    assert [line.split(" : ")[1].split(" / ")[0] for line in lines] == usernames
    for username in usernames:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.filter(username="cnaf", groups=roles.cnaf_group()).exists()
    assert User.objects.filter(
        username="coordination-93", groups=roles.coordination_group(seine_saint_denis.department)
    ).exists()
    assert User.objects.filter(username="structure-18", groups=roles.structure_group(first_18)).exists()
    assert User.objects.filter(username="structure-93", groups=roles.structure_group(first_93)).exists()
    assert User.objects.filter(username__in=usernames).count() == 6

    # Signed in as coordination-18, the national home and the 93 cannot be opened for editing.
    client = Client()
    client.force_login(User.objects.get(username="coordination-18"))
    assert client.get(f"/admin/pages/{cher.home.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{seine_saint_denis.home.pk}/edit/").status_code == 302
    assert client.get(f"/admin/pages/{cher.home.get_parent().get_parent().pk}/edit/").status_code == 302


@override_settings(DEBUG=False, SETTINGS_MODULE="config.settings.production")
def test_demo_accounts_refused_outside_development(db, monkeypatch):
    from accounts.demo import create_demo_accounts

    monkeypatch.delenv("PYTEST_CURRENT_TEST", raising=False)
    with pytest.raises(ImproperlyConfigured):
        create_demo_accounts()


@pytest.mark.django_db
def test_a_coordinator_can_download_the_csv_export(cher):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from accounts.roles import coordination_group

    user = get_user_model().objects.create_user("coord-export", password="x")
    user.groups.add(coordination_group(cher.department))
    client = Client(HTTP_HOST="18.localhost")
    assert client.get("/annuaire/export.csv").status_code in (302, 403)
    client.force_login(user)
    response = client.get("/annuaire/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
