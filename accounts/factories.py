"""Factories for accounts: users, and users holding one of the network's roles (the groups provisioning and
the structures' signal make, accounts/roles.py). Shared by the test suite; passwords are test-only.

    user = coordinator(cher.department, username="coord_18")
    manager = structure_manager(structure)
"""

import factory
from django.contrib.auth import get_user_model

from accounts import roles

PASSWORD = "un-mot-de-passe-solide-42"


class UserFactory(factory.django.DjangoModelFactory):
    """An active user with the test password (``PASSWORD``) and a fictional ``.invalid`` e-mail."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@exemple.invalid")
    first_name = factory.LazyAttribute(lambda user: user.username.split("_")[0].capitalize())
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, groups, **kwargs):
        self.save()
        if create and groups:
            self.groups.set([group for group in groups if group is not None])


class SuperuserFactory(UserFactory):
    is_superuser = True
    is_staff = True


def cnaf_editor(**fields):
    """A member of the Cnaf's national editors."""
    return UserFactory(groups=[roles.cnaf_group()], **fields)


def coordinator(department, **fields):
    """A département's coordinator (its site must exist: ``create_department_site``)."""
    return UserFactory(groups=[roles.coordination_group(department)], **fields)


def structure_manager(structure, **fields):
    """The manager of one structure (a saved StructurePage)."""
    return UserFactory(groups=[roles.structure_group(structure)], **fields)
