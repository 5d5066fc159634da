"""Keep the roles in step with the page tree, and keep a promeneur's status in the coordination's hands."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Locale, Page, Revision
from wagtail.signals import copy_for_translation_done

from accounts.models import RoleGroup

STATUS_FIELDS = ("status", "status_reason", "status_changed_at")


@receiver(post_save)
def page_saved(sender, instance, created, update_fields=None, **kwargs):
    """A new structure gets its managers' group; a new national section is given to the Cnaf."""
    if not isinstance(instance, Page) or kwargs.get("raw"):
        return
    from directory.models import StructurePage

    if isinstance(instance, StructurePage):
        _structure_saved(instance, created, update_fields)
    elif created and instance.depth == 3:
        _national_section_created(instance)


def _structure_saved(structure, created, update_fields):
    from accounts import roles

    if structure.locale_id != Locale.get_default().pk:
        return  # a translation: copy_for_translation_done gives it the group of its source
    if not created:
        if update_fields is not None and "title" not in update_fields:
            return  # a revision being saved: nothing the group depends on has changed
        group = roles.structure_group(structure)
        if group is not None and group.name == roles.structure_group_name(structure)[: roles.GROUP_NAME_MAX]:
            return  # set up when the structure was created, and not renamed since
    roles.ensure_structure_role(structure)


def _national_section_created(page):
    from accounts import roles
    from departments.models import DepartmentsIndexPage
    from home.models import NationalHomePage

    if isinstance(page, DepartmentsIndexPage):
        return
    parent = page.get_parent()
    if parent is not None and parent.specific_class is NationalHomePage:
        roles.ensure_cnaf_role()


@receiver(copy_for_translation_done)
def translation_inherits_role_permissions(sender, source_obj, target_obj, **kwargs):
    """A translated (or alias) page gets the role permissions of its source page, so a coordination
    keeps editing its own pages in every language and nothing more."""
    if not isinstance(source_obj, Page) or not isinstance(target_obj, Page):
        return
    role_groups = RoleGroup.objects.values("group_id")
    for perm in GroupPagePermission.objects.filter(page=source_obj, group_id__in=role_groups):
        GroupPagePermission.objects.get_or_create(
            group_id=perm.group_id, page=target_obj, permission_id=perm.permission_id
        )


@receiver(post_delete, sender=RoleGroup)
def delete_role_group(sender, instance, **kwargs):
    """A deleted structure takes its group along (its managers' accounts and content stay)."""
    from django.contrib.auth.models import Group

    Group.objects.filter(pk=instance.group_id).delete()


@receiver(pre_save, sender=Revision)
def status_stays_with_the_coordination(sender, instance, **kwargs):
    """A promeneur's status (actif, suspendu, retiré…) is the coordination's decision: in a revision saved
    by someone who cannot publish the page (a structure manager), it keeps its previous value, whatever
    the form sent. A suspension can therefore never be undone by a structure's edit."""
    if instance.pk or instance.user_id is None or not isinstance(instance.content, dict):
        return
    from directory.models import PromeneurPage, PromeneurStatus

    if instance.content_type_id is None or instance.content_type.model_class() is not PromeneurPage:
        return
    page = PromeneurPage.objects.filter(pk=instance.object_id).first()
    if page is None or page.permissions_for_user(instance.user).can_publish():
        return
    previous = page.latest_revision.content if page.latest_revision_id else None
    if previous is None:
        previous = {"status": PromeneurStatus.APPLICANT, "status_reason": "", "status_changed_at": None}
    for field in STATUS_FIELDS:
        instance.content[field] = previous.get(field)
