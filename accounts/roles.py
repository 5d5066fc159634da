"""The roles of the network as Wagtail groups and permissions, created automatically and idempotently.

- "Cnaf – édition nationale": the national sections (every child of the national home except
  /departements/), the national collection and the national site settings. Wagtail page permissions are
  inherited by the whole subtree and it has no "deny", so the Cnaf gets nothing on the national home page
  itself (that would open every département); it sees the départements read-only through the
  "Pages du réseau" report (permission accounts.view_network).
- "Coordination <code> – <nom>": the département's tree, its collection, its site settings (per site, with
  Wagtail's GroupSitePermission) and the approval step of its workflow "Validation par la coordination",
  attached to the département's annuaire.
- "Structure <id> – <nom>": add and change (never publish) on one structure page and its promeneurs.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.models import RoleGroup

CNAF_GROUP_NAME = "Cnaf – édition nationale"
NATIONAL_COLLECTION_NAME = "Réseau national"
WORKFLOW_NAME = "Validation par la coordination"

ACCESS_ADMIN = ("wagtailadmin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")
VIEW_NETWORK = ("accounts", "view_network")
# For PromeneurPage's status panels (FieldPanel(..., permission="accounts.change_promeneur_status")): the
# coordinations see them, the structures do not (and accounts.signals keeps the status out of their revisions).
CHANGE_PROMENEUR_STATUS = ("accounts", "change_promeneur_status")
CHANGE_SITE_IDENTITY = ("departments", "change_siteidentity")

CNAF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COORDINATION_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
STRUCTURE_PAGE_PERMISSIONS = ["add_page", "change_page"]

ALL_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
    ("wagtaildocs", "choose_document"),
]
CHOOSE_MEDIA_PERMISSIONS = [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")]
# Structures upload their promeneurs' photos; they may edit the images they uploaded (ownership) only.
STRUCTURE_MEDIA_PERMISSIONS = [("wagtailimages", "add_image"), ("wagtailimages", "choose_image")]

GROUP_NAME_MAX = 150


# Small idempotent building blocks ------------------------------------------------------------------------


def permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(codename: str) -> Permission:
    return permission("wagtailcore", codename)


def grant_global(group: Group, *perms: tuple[str, str]) -> None:
    group.permissions.add(*[permission(app, codename) for app, codename in perms])


def grant_page(group: Group, page: Page, codenames: list[str]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=page_permission(codename)
        )


def grant_collection(group: Group, collection: Collection, perms: list[tuple[str, str]]) -> None:
    for app, codename in perms:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission(app, codename)
        )


def grant_site(group: Group, site: Site, perm: tuple[str, str]) -> None:
    GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission(*perm))


def _role_group(kind: str, name: str, **lookup) -> Group:
    """The group of a role, found through RoleGroup (so a rename never creates a second one)."""
    role = RoleGroup.objects.filter(kind=kind, **lookup).select_related("group").first()
    name = name[:GROUP_NAME_MAX]
    if role is not None:
        group = role.group
        if group.name != name and not Group.objects.filter(name=name).exclude(pk=group.pk).exists():
            group.name = name
            group.save(update_fields=["name"])
        return group
    group, _created = Group.objects.get_or_create(name=name)
    RoleGroup.objects.create(group=group, kind=kind, **lookup)
    return group


def national_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=NATIONAL_COLLECTION_NAME).first()
    return existing or root.add_child(name=NATIONAL_COLLECTION_NAME)


def _with_translations(page: Page):
    return list(page.get_translations(inclusive=True))


# Cnaf ------------------------------------------------------------------------------------------------------


def national_homes():
    from home.models import NationalHomePage

    return NationalHomePage.objects.filter(depth=2)


def national_sections():
    """The pages the Cnaf edits: every child of a national home except the départements index."""
    from departments.models import DepartmentsIndexPage

    sections = Page.objects.none()
    for home in national_homes():
        sections |= home.get_children()
    return sections.not_type(DepartmentsIndexPage)


def cnaf_group() -> Group | None:
    role = RoleGroup.objects.filter(kind=RoleGroup.Kind.CNAF).select_related("group").first()
    return role.group if role else None


@transaction.atomic
def ensure_cnaf_role() -> Group:
    group = _role_group(RoleGroup.Kind.CNAF, CNAF_GROUP_NAME)
    grant_global(group, ACCESS_ADMIN, SUBMIT_TRANSLATION, VIEW_NETWORK)
    for section in national_sections():
        grant_page(group, section, CNAF_PAGE_PERMISSIONS)
    grant_collection(group, national_collection(), ALL_MEDIA_PERMISSIONS)
    for site in Site.objects.filter(root_page__in=national_homes()):
        grant_site(group, site, CHANGE_SITE_IDENTITY)
    return group


# Coordination ----------------------------------------------------------------------------------------------


def coordination_group_name(department) -> str:
    return f"Coordination {department.code} – {department.name}"


def coordination_group(department) -> Group | None:
    role = (
        RoleGroup.objects.filter(kind=RoleGroup.Kind.COORDINATION, department=department)
        .select_related("group")
        .first()
    )
    return role.group if role else None


def ensure_workflow(department, group: Group, annuaire: Page) -> Workflow:
    """The département's workflow, one group-approval step, attached to its annuaire (so it covers every
    structure and promeneur below)."""
    task_name = f"Validation – {coordination_group_name(department)}"
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.add(group)
    workflow_name = f"{WORKFLOW_NAME} – {department.code} {department.name}"
    workflow = Workflow.objects.filter(name=workflow_name).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=workflow_name, active=True)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=annuaire, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def setup_department_roles(result) -> Group:
    """On departments.sites.department_site_created (result: a DepartmentSite). Idempotent."""
    from directory.models import AnnuairePage

    ensure_cnaf_role()
    department = result.department
    group = _role_group(
        RoleGroup.Kind.COORDINATION, coordination_group_name(department), department=department
    )
    grant_global(group, ACCESS_ADMIN, SUBMIT_TRANSLATION, CHANGE_PROMENEUR_STATUS)
    for home in _with_translations(result.home):
        grant_page(group, home, COORDINATION_PAGE_PERMISSIONS)
    grant_collection(group, result.collection, ALL_MEDIA_PERMISSIONS)
    grant_collection(group, national_collection(), CHOOSE_MEDIA_PERMISSIONS)
    if result.site is not None:
        grant_site(group, result.site, CHANGE_SITE_IDENTITY)
    annuaire = AnnuairePage.objects.child_of(result.home).first()
    if annuaire is not None:
        ensure_workflow(department, group, annuaire)
    return group


def department_site_for(department):
    """A DepartmentSite-like result for an existing département home (used by setup_all_roles)."""
    from departments.models import DepartmentHomePage
    from departments.sites import DepartmentSite, department_collection

    home = DepartmentHomePage.objects.filter(department=department, locale=Locale.get_default()).first()
    if home is None:
        return None
    return DepartmentSite(
        department=department,
        home=home,
        collection=department_collection(department),
        site=Site.objects.filter(root_page=home).first(),
    )


# Structures ------------------------------------------------------------------------------------------------


def structure_group_name(structure) -> str:
    return f"Structure {structure.pk} – {structure.title}"


def structure_group(structure) -> Group | None:
    role = RoleGroup.objects.filter(structure_id=structure.pk).select_related("group").first()
    return role.group if role else None


@transaction.atomic
def ensure_structure_role(structure) -> Group:
    """Called whenever a StructurePage is saved (signal): idempotent, follows renames."""
    from departments.sites import department_collection

    group = _role_group(
        RoleGroup.Kind.STRUCTURE,
        structure_group_name(structure),
        structure_id=structure.pk,
    )
    RoleGroup.objects.filter(group=group).exclude(department_id=structure.department_id).update(
        department_id=structure.department_id
    )
    grant_global(group, ACCESS_ADMIN)
    for page in _with_translations(structure):
        grant_page(group, page, STRUCTURE_PAGE_PERMISSIONS)
    if structure.department_id:
        grant_collection(group, department_collection(structure.department), STRUCTURE_MEDIA_PERMISSIONS)
    return group


# Whole network ---------------------------------------------------------------------------------------------


@transaction.atomic
def setup_all_roles() -> dict:
    """Re-create every role of the existing tree (management command `setup_roles`)."""
    from departments.models import Department
    from directory.models import StructurePage

    counts = {"cnaf": 0, "coordination": 0, "structure": 0}
    if national_homes().exists():
        ensure_cnaf_role()
        counts["cnaf"] = 1
    for department in Department.objects.filter(home_pages__isnull=False).distinct():
        result = department_site_for(department)
        if result is not None:
            setup_department_roles(result)
            counts["coordination"] += 1
    for structure in StructurePage.objects.filter(locale=Locale.get_default()):
        ensure_structure_role(structure)
        counts["structure"] += 1
    return counts


# Questions asked by views ----------------------------------------------------------------------------------


def coordinated_departments(user):
    """The départements whose coordination group the user belongs to."""
    from departments.models import Department

    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(
        role_groups__kind=RoleGroup.Kind.COORDINATION, role_groups__group__user=user
    ).distinct()


def is_coordinator_of(user, department) -> bool:
    if user.is_superuser:
        return True
    return department is not None and coordinated_departments(user).filter(pk=department.pk).exists()


def pages_user_can_publish(user):
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return PagePermissionPolicy().instances_user_has_permission_for(user, "publish")


def structures_user_coordinates(user):
    """Structures where the user may invite managers and moderate: those they can publish."""
    from directory.models import StructurePage

    structures = StructurePage.objects.all()
    if not user.is_superuser:
        structures = structures.filter(pk__in=pages_user_can_publish(user).values("pk"))
    return structures.order_by("department__sort_key", "title")


# Who may manage whose account ------------------------------------------------------------------------------


def manageable_accounts(actor):
    """The one rule of every account view and listing: the accounts ``actor`` may invite into a structure,
    deactivate, reactivate, re-invite or move between structures. An account is manageable when it has at
    least one group and *every* group it belongs to is the role group of a structure ``actor`` coordinates:
    a person who also manages a structure of another département, or holds any other role (coordination,
    Cnaf, a group made by an administrator), or is a superuser, is out of reach and managed by
    administrators. Superusers manage every structure manager."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    User = get_user_model()
    if not (actor.is_authenticated and actor.is_active):
        return User._default_manager.none()
    in_scope = Group.objects.filter(
        role__kind=RoleGroup.Kind.STRUCTURE,
        role__structure__in=structures_user_coordinates(actor).values("pk"),
    )
    groups = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    return (
        User._default_manager.filter(is_superuser=False)
        .filter(Exists(groups))
        .exclude(Exists(groups.exclude(group_id__in=in_scope.values("pk"))))
    )


def may_manage_account(actor, account) -> bool:
    return account is not None and manageable_accounts(actor).filter(pk=account.pk).exists()


# What the directory's admin asks the roles (directory/access.py) ------------------------------------------


def sees_promeneurs(user) -> bool:
    """The « Promeneurs » listing: coordinations and structure managers (their pages are page permissions)."""
    return RoleGroup.objects.filter(
        group__user=user, kind__in=[RoleGroup.Kind.COORDINATION, RoleGroup.Kind.STRUCTURE]
    ).exists()


def may_export_directory(user) -> bool:
    """The national CSV export: the Cnaf and the départements' coordinators (whose rights are page
    permissions, so a global model permission would never match them)."""
    return user.has_perm("accounts.view_network") or coordinated_departments(user).exists()
