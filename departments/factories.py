"""Factories for the pages of departments: the Départements index and a département's home. The network's own
come from provisioning (network/provisioning.py, `create_department_site`), which tests and the demo use; these
make extra ones, e.g. a département without a site."""

import factory
import wagtail_factories

from departments.models import Department, DepartmentHomePage, DepartmentsIndexPage


class DepartmentsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = DepartmentsIndexPage

    title = "Les départements"
    slug = "departements"


class DepartmentHomePageFactory(wagtail_factories.PageFactory):
    """A département's home; ``department`` is one of the 101 the migrations load (the Cher by default)."""

    class Meta:
        model = DepartmentHomePage

    department = factory.LazyFunction(lambda: Department.objects.get(code="18"))
    title = factory.LazyAttribute(lambda home: f"Promeneurs du Net – {home.department.name}")
    slug = factory.LazyAttribute(lambda home: home.department.slug)
