import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Charge le réseau de démonstration (fictif) : site national, 5 départements, promeneurs, actualités."
    )

    def add_arguments(self, parser):
        parser.add_argument("--hostname", default="localhost")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--skip-index", action="store_true", help="Do not rebuild the search index")

    def handle(self, *args, hostname, port, skip_index, verbosity, **options):
        log = self.stdout.write if verbosity else (lambda _line: None)
        load_demo(hostname=hostname, port=port, log=log)
        if not skip_index:
            call_command("update_index", verbosity=0)
        log(self.style.SUCCESS("Démonstration prête."))
