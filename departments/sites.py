"""A département's site as provisioning creates it (network/provisioning.py), and the signal it sends: the
roles (accounts) react to it, so provisioning never needs to know them and a failure there is never
swallowed."""

from dataclasses import dataclass

from django.dispatch import Signal
from wagtail.models import Collection, Site

from departments.models import Department, DepartmentHomePage

#: Sent (sender=DepartmentSite, site=<DepartmentSite>) inside the transaction that created or completed a
#: département's site. Receivers' exceptions propagate and roll the whole creation back.
department_site_created = Signal()


@dataclass
class DepartmentSite:
    department: Department
    home: DepartmentHomePage
    collection: Collection
    site: Site | None


def department_collection(department: Department) -> Collection:
    name = f"{department.name} ({department.code})"
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)
