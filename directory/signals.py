from django.dispatch import receiver
from wagtail.signals import post_page_move


@receiver(post_page_move)
def resync_tree_denormalisation(sender, instance, **kwargs):
    """A structure or promeneur moved to another place of the tree takes its new structure/département."""
    from directory.models import PromeneurPage, StructurePage, annuaire_sort_key

    page = instance.specific
    if isinstance(page, StructurePage):
        page.department = page._department_from_tree()
        StructurePage.objects.filter(pk=page.pk).update(department=page.department)
        PromeneurPage.objects.filter(structure=page).update(department=page.department)
    elif isinstance(page, PromeneurPage):
        structure = page.get_parent().specific
        PromeneurPage.objects.filter(pk=page.pk).update(
            structure=structure,
            department=structure.department,
            sort_key=annuaire_sort_key(structure, page.first_name),
        )
