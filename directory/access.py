"""Who may reach the promeneurs' admin listing and the export. The roles (accounts) decide, and register their
rules here when the project starts (accounts/apps.py): the directory knows no role, and never imports them."""

from collections.abc import Callable

_listing_rules: list[Callable] = []
_export_rules: list[Callable] = []


def register(*, sees_promeneurs: Callable, may_export: Callable) -> None:
    """``sees_promeneurs(user)``: the « Promeneurs » listing; ``may_export(user)``: the national CSV export."""
    if sees_promeneurs not in _listing_rules:
        _listing_rules.append(sees_promeneurs)
    if may_export not in _export_rules:
        _export_rules.append(may_export)


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def user_sees_promeneurs(user) -> bool:
    if not _active(user):
        return False
    return user.is_superuser or any(rule(user) for rule in _listing_rules)


def can_export(user) -> bool:
    if not _active(user):
        return False
    return (
        user.is_superuser
        or user.has_perm("directory.change_promeneurpage")
        or any(rule(user) for rule in _export_rules)
    )
