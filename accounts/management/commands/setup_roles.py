from django.core.management.base import BaseCommand

from accounts.roles import setup_all_roles


class Command(BaseCommand):
    help = "Crée ou met à jour les groupes et permissions de la Cnaf, des coordinations et des structures."

    def handle(self, *args, **options):
        counts = setup_all_roles()
        self.stdout.write(
            f"Rôles à jour : Cnaf {counts['cnaf']}, coordinations {counts['coordination']}, "
            f"structures {counts['structure']}."
        )
