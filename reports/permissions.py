"""Who may see and handle the profile reports: each coordination its own département's, the Cnaf
(accounts.view_network) every report read-only, superusers everything; nobody adds one from the admin
(reports come from the public form). One policy, asked by the listing's queryset and by every object view."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts.models import RoleGroup
from accounts.roles import coordinated_departments

VIEW_NETWORK = "accounts.view_network"
READ = {"view"}
HANDLE = {"change", "delete"}


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


class DepartmentScopedPolicy(BasePermissionPolicy):
    """For models with a ``department`` foreign key."""

    handle_actions = HANDLE

    def _department_ids(self, user) -> set[int]:
        cache_name = "_pdn_coordinated_department_ids"
        if not hasattr(user, cache_name):
            setattr(user, cache_name, set(coordinated_departments(user).values_list("pk", flat=True)))
        return getattr(user, cache_name)

    def _reads_all(self, user) -> bool:
        return user.is_superuser or user.has_perm(VIEW_NETWORK)

    def _allowed_actions(self, user) -> set[str]:
        if not _active(user):
            return set()
        if user.is_superuser:
            return READ | self.handle_actions
        actions = set()
        if self._department_ids(user):
            actions |= READ | self.handle_actions
        if user.has_perm(VIEW_NETWORK):
            actions |= READ
        return actions

    def user_has_permission(self, user, action):
        return action in self._allowed_actions(user)

    def user_has_any_permission(self, user, actions):
        return bool(self._allowed_actions(user) & set(actions))

    def user_has_permission_for_instance(self, user, action, instance):
        if action not in self._allowed_actions(user):
            return False
        if user.is_superuser or instance.department_id in self._department_ids(user):
            return True
        return action in READ and self._reads_all(user)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        actions = set(actions) & self._allowed_actions(user)
        if not actions:
            return manager.none()
        if user.is_superuser or (actions & READ and self._reads_all(user)):
            return manager.all()
        return manager.filter(department_id__in=self._department_ids(user))

    def users_with_any_permission(self, actions):
        users = get_user_model()._default_manager.filter(is_active=True)
        if not set(actions) & (READ | self.handle_actions):
            return users.none()
        coordinations = Q(groups__role__kind=RoleGroup.Kind.COORDINATION)
        condition = Q(is_superuser=True) | coordinations
        if set(actions) & READ:
            app_label, codename = VIEW_NETWORK.split(".")
            condition |= Q(
                groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename
            )
        return users.filter(condition).distinct()

    def users_with_any_permission_for_instance(self, actions, instance):
        users = get_user_model()._default_manager.filter(is_active=True)
        condition = Q(is_superuser=True) | Q(
            groups__role__kind=RoleGroup.Kind.COORDINATION, groups__role__department_id=instance.department_id
        )
        if set(actions) & READ:
            app_label, codename = VIEW_NETWORK.split(".")
            condition |= Q(
                groups__permissions__content_type__app_label=app_label, groups__permissions__codename=codename
            )
        if not set(actions) & (READ | self.handle_actions):
            return users.none()
        return users.filter(condition).distinct()
