"""Create a département's site: home page under /departements/, standard sub-pages, image collection and,
with a host name, its own Wagtail Site. Every step is idempotent."""

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Collection, Site

from departments.models import Department, DepartmentHomePage, DepartmentsIndexPage, SiteIdentity
from home.national import ensure_legal_pages, ensure_national_site, get_or_create_child


class UnknownDepartment(ValueError):
    pass


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


@transaction.atomic
def create_department_site(code: str, hostname: str | None = None, port: int = 80) -> DepartmentSite:
    from directory.models import AnnuairePage
    from news.models import NewsIndexPage

    department = Department.objects.filter(code=code.strip().upper()).first()
    if department is None:
        raise UnknownDepartment(code)
    national_home = ensure_national_site()
    index = DepartmentsIndexPage.objects.child_of(national_home).first()
    home = DepartmentHomePage.objects.filter(department=department, locale=national_home.locale).first()
    if home is None:
        home = DepartmentHomePage(
            title=f"Promeneurs du Net – {department.name}",
            slug=department.slug,
            department=department,
            intro=f"Le réseau des Promeneurs du Net dans le département {department.name}.",
        )
        index.add_child(instance=home)
        home.save_revision().publish()
    get_or_create_child(
        home,
        AnnuairePage,
        "annuaire",
        title="Annuaire",
        show_in_menus=True,
        intro=f"Les promeneurs et promeneuses du Net du département {department.name}.",
    )
    get_or_create_child(home, NewsIndexPage, "actualites", title="Actualités", show_in_menus=True)
    ensure_legal_pages(home)
    collection = department_collection(department)

    site = Site.objects.filter(root_page=home).first()
    if hostname:
        if site is None:
            site = Site(root_page=home)
        site.hostname, site.port = hostname, port
        site.site_name = f"Promeneurs du Net {department.name}"
        site.save()
        SiteIdentity.for_site(site)  # creates the settings row so coordinators find it filled in
    result = DepartmentSite(department=department, home=home, collection=collection, site=site)
    department_site_created(result)
    return result


def department_site_created(result: DepartmentSite) -> None:
    """Extension point for the roles (groups and permissions of the coordination)."""
    try:
        from accounts.roles import setup_department_roles
    except ImportError:  # the accounts app has not defined roles yet
        return
    setup_department_roles(result)
