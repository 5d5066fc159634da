"""Daily: report the structures whose convention with the Caf has ended (their promeneurs are already out of
the public annuaire), give their promeneurs' photos new file names (deleted
PHOTO_RETENTION_AFTER_CONVENTION_DAYS days after the end; directory/photos.py), and e-mail the coordinations
60 days before a convention ends and on the day.

Cron (every day at 6:00):
    0 6 * * * cd /srv/promeneurs && .venv/bin/python manage.py check_conventions --settings=config.settings.production
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts import conventions
from directory import photos


class Command(BaseCommand):
    help = "Conventions avec la Caf : structures arrivées à échéance et rappels aux coordinations (J-60, J)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Date du jour à simuler (AAAA-MM-JJ).")
        parser.add_argument("--dry-run", action="store_true", help="N'envoie rien, n'enregistre rien.")

    def handle(self, *args, date=None, dry_run=False, **options):
        today = timezone.localdate()
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"Date invalide : {date} (format AAAA-MM-JJ).") from error

        ended = conventions.ended_conventions(today)
        self.stdout.write(f"Conventions terminées au {today:%d/%m/%Y} : {len(ended)}")
        for structure, hidden in ended:
            code = structure.department.code if structure.department_id else "?"
            self.stdout.write(
                f"  {code} · {structure.title} · fin le {structure.convention_end:%d/%m/%Y} · "
                f"{hidden} promeneur(s) hors de l'annuaire public"
            )

        done = photos.apply_convention_rules(today, dry_run=dry_run)
        hidden = [item for item in done if item.action == photos.REKEY]
        removed = [item for item in done if item.action == photos.REMOVE]
        verb = "à renommer" if dry_run else "renommées"
        self.stdout.write(f"Photos de promeneurs {verb} (convention terminée) : {len(hidden)}")
        verb = "à supprimer" if dry_run else "supprimées"
        self.stdout.write(
            f"Photos de promeneurs {verb} ({photos.retention_days()} jours après la fin de la convention) : "
            f"{len(removed)}"
        )
        for item in done:
            self.stdout.write(
                f"  {item.promeneur.structure.title} · {item.promeneur.first_name} · {item.action}"
            )

        sent = conventions.send_convention_reminders(today, dry_run=dry_run)
        verb = "à envoyer" if dry_run else "envoyés"
        self.stdout.write(f"Rappels {verb} : {len(sent)}")
        for item in sent:
            code = item.structure.department.code if item.structure.department_id else "?"
            self.stdout.write(
                f"  {code} · {item.structure.title} · {item.kind} · fin le {item.structure.convention_end:%d/%m/%Y}"
            )
