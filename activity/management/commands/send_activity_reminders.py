"""Monthly (the 1st, pdn-activity-reminders.timer): e-mail the structures whose promeneurs have not sent last
month's activity report. Once per structure and month, however often it runs (activity/reminders.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from activity.forms import parse_month
from activity.indicators import add_months
from activity.models import first_of_month
from activity.reminders import month_label, send_reminders


class Command(BaseCommand):
    help = "Rappelle aux structures les rapports d'activité du mois écoulé qui manquent (une fois par mois)."

    def add_arguments(self, parser):
        parser.add_argument("--mois", help="Mois des rapports (AAAA-MM) ; par défaut le mois dernier.")
        parser.add_argument("--dry-run", action="store_true", help="N'envoie rien, n'enregistre rien.")

    def handle(self, *args, mois=None, dry_run=False, **options):
        this_month = first_of_month(timezone.localdate())
        month = add_months(this_month, -1)
        if mois:
            month = parse_month(mois)
            if month is None or month > this_month:
                raise CommandError(f"Mois invalide : {mois} (format AAAA-MM, un mois passé ou en cours).")
        reminders = send_reminders(month, dry_run=dry_run)
        verb = "à envoyer" if dry_run else "envoyés"
        sent = [reminder for reminder in reminders if reminder.recipients]
        self.stdout.write(f"Rappels des rapports de {month_label(month)} {verb} : {len(sent)}")
        for reminder in reminders:
            names = ", ".join(promeneur.first_name for promeneur in reminder.promeneurs)
            to = ", ".join(reminder.recipients) or "aucun responsable avec une adresse : rien d'envoyé"
            self.stdout.write(f"  {reminder.structure.title} · {names} · {to}")
