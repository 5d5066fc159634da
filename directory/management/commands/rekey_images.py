"""Once, after deploying random image names: give every image uploaded before them a random file name
(its renditions are deleted and regenerated on demand), so no file name chosen by an uploader stays in a
public URL. Safe to run again (every image simply gets a new name)."""

from django.core.management.base import BaseCommand

from directory import photos


class Command(BaseCommand):
    help = "Donne un nom de fichier aléatoire à toutes les images (et supprime leurs déclinaisons)."

    def handle(self, *args, **options):
        count = photos.rekey_all_images()
        self.stdout.write(f"Images renommées : {count}")
