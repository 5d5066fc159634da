"""Demo accounts (development only), one per role. Called by the demo loader after the sites and the
annuaire are built; idempotent (passwords are reset to the demo one at each run)."""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Locale

from accounts import roles

DEMO_PASSWORD = "promeneurs-demo"
DEMO_EMAIL_DOMAIN = "demo.promeneurs.invalid"


def _allowed() -> bool:
    in_tests = "PYTEST_CURRENT_TEST" in os.environ or str(getattr(settings, "SETTINGS_MODULE", "")).endswith(
        ".test"
    )
    return bool(settings.DEBUG) or in_tests


def _account(username, *, first_name, last_name, superuser=False, groups=()):
    User = get_user_model()
    user, _created = User._default_manager.update_or_create(
        username=username,
        defaults={
            "email": f"{username}@{DEMO_EMAIL_DOMAIN}",
            "first_name": first_name,
            "last_name": last_name,
            "is_active": True,
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.groups.set([group for group in groups if group is not None])
    return user


def _first_structure(code: str):
    from directory.models import StructurePage

    return (
        StructurePage.objects.filter(department__code=code, locale=Locale.get_default())
        .order_by("path")
        .first()
    )


def create_demo_accounts() -> list[str]:
    """Create (or reset) the demo accounts; returns one line per account for the loader to print."""
    if not _allowed():
        raise ImproperlyConfigured("Les comptes de démonstration ne sont créés qu'en développement (DEBUG).")
    from departments.models import Department

    roles.setup_all_roles()
    accounts = []

    def add(user, role):
        accounts.append(f"Compte de démonstration : {user.get_username()} / {DEMO_PASSWORD} ({role})")

    add(
        _account("admin", first_name="Alex", last_name="Admin", superuser=True),
        "Administrateur (tout le site)",
    )
    add(
        _account("cnaf", first_name="Camille", last_name="National", groups=[roles.cnaf_group()]),
        roles.CNAF_GROUP_NAME,
    )
    for code in ("18", "93"):
        department = Department.objects.filter(code=code).first()
        group = roles.coordination_group(department) if department else None
        add(
            _account(
                f"coordination-{code}",
                first_name="Dominique",
                last_name=f"Coordination {code}",
                groups=[group],
            ),
            group.name if group else f"Coordination {code} (département non créé)",
        )
        structure = _first_structure(code)
        structure_group = roles.ensure_structure_role(structure) if structure else None
        add(
            _account(
                f"structure-{code}",
                first_name="Sacha",
                last_name=f"Structure {code}",
                groups=[structure_group],
            ),
            structure_group.name if structure_group else f"Structure {code} (aucune structure)",
        )
    return accounts
