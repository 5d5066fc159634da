from django.core.management.base import BaseCommand, CommandError

from network.provisioning import UnknownDepartment, create_department_site


class Command(BaseCommand):
    help = (
        "Crée (ou complète) le site d'un département : accueil, pages standard, collection d'images "
        "et site Wagtail."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Code du département (01…95, 2A, 2B, 971…976)")
        parser.add_argument("--hostname", help="Nom de domaine propre au département (crée un site Wagtail)")
        parser.add_argument("--port", type=int, default=80, help="Port du site (80 par défaut)")

    def handle(self, *args, code, hostname, port, **options):
        try:
            result = create_department_site(code, hostname=hostname, port=port)
        except UnknownDepartment:
            raise CommandError(
                f"Département inconnu : « {code} ». Utilisez un code officiel (01…95, 2A, 2B, 971…976)."
            ) from None
        where = f"http://{result.site.hostname}:{result.site.port}/" if result.site else result.home.url_path
        self.stdout.write(self.style.SUCCESS(f"Site du département {result.department} prêt : {where}"))
