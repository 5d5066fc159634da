"""Keep the promeneurs' index entries in step with their structure.

A promeneur's index entry holds its structure's name and commune (RelatedFields in PromeneurPage.search_fields),
so "Tilleuls" or "Bourges" finds the promeneurs of the Centre social des Tilleuls in Bourges. Wagtail reindexes
a page when it is saved, not the pages that copy its data: when a structure is published (renamed, moved to
another commune), its promeneurs are reindexed here. Whether they are shown at all never depends on this (see
search/engine.py: visibility is checked at query time).
"""

from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published

from directory.models import PromeneurPage, StructurePage


@receiver(page_published, sender=StructurePage)
def reindex_structure_promeneurs(sender, instance, **kwargs):
    for promeneur in PromeneurPage.objects.child_of(instance).specific():
        index.insert_or_update_object(promeneur)
