"""Who may read and write activity reports. Enforced by every view of the app:
- a structure's managers fill in and read the reports of their structure's promeneurs;
- a coordination reads its département's reports, closes its months and sees its indicators;
- the Cnaf (accounts.view_network) reads every report and the network's indicators;
- superusers do everything. Nobody else sees anything, and no report is ever public."""

from django.db.models import Q

from activity.models import ActivityReport, ClosedMonth
from dashboard.scope import managed_structure_ids, own_departments, sees_network, visible_departments

__all__ = ["sees_network"]
from directory.models import PromeneurPage


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def writable_promeneurs(user):
    """The promeneurs whose monthly reports ``user`` fills in."""
    if not _active(user):
        return PromeneurPage.objects.none()
    promeneurs = PromeneurPage.objects.filter(locale__language_code="fr")
    if user.is_superuser:
        return promeneurs
    return promeneurs.filter(structure_id__in=managed_structure_ids(user))


def readable_reports(user):
    if not _active(user):
        return ActivityReport.objects.none()
    if user.is_superuser or sees_network(user):
        return ActivityReport.objects.all()
    structures = managed_structure_ids(user)
    return ActivityReport.objects.filter(
        Q(department__in=own_departments(user))
        | Q(structure_id__in=structures)
        | Q(promeneur__structure_id__in=structures)
    )


def indicator_departments(user):
    """The départements whose indicators ``user`` reads (the Cnaf: all of them, and the network's total)."""
    if not _active(user):
        return visible_departments(user).none()
    return visible_departments(user)


def closable_departments(user):
    if not _active(user):
        return own_departments(user).none()
    if user.is_superuser:
        return visible_departments(user)
    return own_departments(user)


def month_is_closed(department_id, month) -> bool:
    return ClosedMonth.objects.filter(department_id=department_id, month=month).exists()


def uses_activity(user) -> bool:
    """Whether the « Activité » menu shows at all."""
    return _active(user) and (
        user.is_superuser
        or sees_network(user)
        or own_departments(user).exists()
        or bool(managed_structure_ids(user))
    )
