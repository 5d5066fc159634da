from django.core.management.base import BaseCommand

from departments.models import DepartmentHomePage
from home.models import NationalHomePage
from network.provisioning import create_department_site, ensure_national_site


class Command(BaseCommand):
    help = (
        "Donne aux sites existants (national et départements) les rubriques standard qui leur manquent "
        "(par exemple l'agenda et les ressources après une mise à jour). Idempotent ; ne crée aucun site."
    )

    def handle(self, *args, **options):
        national = NationalHomePage.objects.filter(depth=2).order_by("pk").first()
        if national is None:
            self.stdout.write("Aucun site national : rien à compléter.")
            return
        ensure_national_site()  # an existing default Site keeps its host name and port
        codes = DepartmentHomePage.objects.filter(locale=national.locale).values_list(
            "department__code", flat=True
        )
        for code in codes:
            # Without a host name: the département's Wagtail Site, if any, is left as it is.
            create_department_site(code)
        self.stdout.write(
            self.style.SUCCESS(f"Rubriques complétées : site national et {len(codes)} département(s).")
        )
