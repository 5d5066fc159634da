"""Whose figures a user sees on the dashboard: a coordination its own départements, the Cnaf
(accounts.view_network) and superusers every département that has a site."""

from accounts.models import RoleGroup
from accounts.roles import coordinated_departments

VIEW_NETWORK = "accounts.view_network"


def sees_network(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm(VIEW_NETWORK)))


def network_departments():
    from departments.models import Department

    return Department.objects.filter(home_pages__isnull=False).distinct().order_by("sort_key")


def own_departments(user):
    return coordinated_departments(user).order_by("sort_key")


def visible_departments(user):
    """The départements whose figures and listings ``user`` may read."""
    from departments.models import Department

    if not (user.is_authenticated and user.is_active):
        return Department.objects.none()
    if sees_network(user):
        return network_departments()
    return own_departments(user)


def managed_structure_ids(user) -> list[int]:
    if not (user.is_authenticated and user.is_active):
        return []
    return list(
        RoleGroup.objects.filter(
            group__user=user, kind=RoleGroup.Kind.STRUCTURE, structure__isnull=False
        ).values_list("structure_id", flat=True)
    )
