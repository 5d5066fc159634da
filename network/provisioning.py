"""Provisioning of the network, in one place: the national skeleton (home, standard sections, legal texts) and
each département's site (home under /departements/, standard sections, image collection and, with a host
name, its own Wagtail Site). Every step is idempotent. The page types a section gets are listed here."""

import functools

from django.conf import settings
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale, Page, Site

from departments.models import Department, DepartmentHomePage, DepartmentsIndexPage, SiteIdentity
from departments.sites import DepartmentSite, department_collection, department_site_created
from directory.models import AnnuairePage
from events.models import AgendaPage
from home.legal import department_accessibility_complement, national_accessibility_statement
from home.models import LegalPage, NationalHomePage
from news.models import NewsIndexPage
from resources.models import LibraryPage

NATIONAL_HOME_TITLE = "Promeneurs du Net"


def in_site_language(function):
    """Provisioning writes the pages of the French tree: « dans l’Ain », not « in Ain », whatever the language
    of the request or the shell that runs it (an administrator whose admin is in English). On the two entry
    points; the helpers below are only called from them."""

    @functools.wraps(function)
    def in_french(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):  # a new override per call: safe when nested
            return function(*args, **kwargs)

    return in_french


LEGAL_TITLES = {
    LegalPage.Kind.LEGAL_NOTICE: "Mentions légales",
    LegalPage.Kind.ACCESSIBILITY: "Déclaration d'accessibilité",
    LegalPage.Kind.PERSONAL_DATA: "Données personnelles",
}

#: The sections of the national site: (page type, slug, fields). Legal texts come on top (LEGAL_TITLES).
NATIONAL_SECTIONS = [
    (
        DepartmentsIndexPage,
        "departements",
        {
            "title": "Les départements",
            "show_in_menus": True,
            "intro": "Le réseau est présent dans de nombreux départements : trouvez le vôtre.",
        },
    ),
    (
        AnnuairePage,
        "annuaire",
        {
            "title": "Annuaire des promeneurs",
            "show_in_menus": True,
            "intro": "Trouvez un ou une promeneuse du Net près de chez vous, dans tout le réseau.",
        },
    ),
    (
        NewsIndexPage,
        "actualites",
        {
            "title": "Actualités",
            "show_in_menus": True,
            "intro": "Les nouvelles du réseau national et des départements.",
        },
    ),
    (
        AgendaPage,
        "agenda",
        {
            "title": "Agenda",
            "show_in_menus": True,
            "intro": "Les journées nationales du réseau et les rencontres que les départements y signalent.",
        },
    ),
    (
        LibraryPage,
        "ressources",
        {
            "title": "Ressources",
            "show_in_menus": True,
            "intro": "La charte, la convention type, des guides et des outils pour les promeneurs et leurs structures.",
        },
    ),
]


def department_sections(department: Department):
    """The sections of a département's site: (page type, slug, fields)."""
    return [
        (
            AnnuairePage,
            "annuaire",
            {
                "title": "Annuaire",
                "show_in_menus": True,
                "intro": f"Les promeneurs et promeneuses du Net {department.of_name}.",
            },
        ),
        (NewsIndexPage, "actualites", {"title": "Actualités", "show_in_menus": True}),
        (
            AgendaPage,
            "agenda",
            {
                "title": "Agenda",
                "show_in_menus": True,
                "intro": f"Les réunions, formations et rencontres du réseau {department.of_name}.",
            },
        ),
        (
            LibraryPage,
            "ressources",
            {
                "title": "Ressources",
                "show_in_menus": True,
                "intro": f"Les documents du réseau {department.of_name} et ceux du réseau national.",
            },
        ),
    ]


class UnknownDepartment(ValueError):
    pass


def get_or_create_child(parent: Page, model, slug: str, **fields):
    """The child of `parent` with this slug, created (and published) when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    child = model(slug=slug, **fields)
    parent.add_child(instance=child)
    child.save_revision().publish()
    return child


def legal_body(kind, department: Department | None = None, site_name: str = "") -> str:
    """The text a new legal page starts with: the accessibility statement (national) or its département
    complement (home/legal.py); the other texts start empty. Editors change it in the admin afterwards."""
    if kind != LegalPage.Kind.ACCESSIBILITY:
        return ""
    if department is None:
        return national_accessibility_statement(site_name or NATIONAL_HOME_TITLE)
    return department_accessibility_complement(department.of_name, site_name)


def ensure_legal_pages(parent: Page, department: Department | None = None, site_name: str = "") -> None:
    for kind, title in LEGAL_TITLES.items():
        get_or_create_child(
            parent,
            LegalPage,
            kind.value,
            title=title,
            kind=kind,
            show_in_menus=False,
            body=legal_body(kind, department, site_name),
        )


def ensure_sections(home: Page, sections, department: Department | None = None, site_name: str = "") -> None:
    for model, slug, fields in sections:
        get_or_create_child(home, model, slug, **fields)
    ensure_legal_pages(home, department, site_name)


@in_site_language
@transaction.atomic
def ensure_national_site(hostname: str = "localhost", port: int = 80) -> NationalHomePage:
    root = Page.get_first_root_node()
    locale = Locale.get_default()
    home = NationalHomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        home = NationalHomePage(
            title=NATIONAL_HOME_TITLE,
            slug="accueil",
            intro="Des professionnels de la jeunesse et de la parentalité présents sur les réseaux sociaux.",
            locale=locale,
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True)
    if site.root_page_id != home.pk:
        welcome = site.root_page if site.pk else None
        site.root_page = home
        site.hostname = hostname
        site.port = port
        site.site_name = NATIONAL_HOME_TITLE
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" page is not part of the network.
        if welcome and welcome.pk != home.pk and welcome.content_type.model_class() is Page:
            welcome.delete()
    ensure_sections(home, NATIONAL_SECTIONS)
    return home


@in_site_language
@transaction.atomic
def create_department_site(code: str, hostname: str | None = None, port: int = 80) -> DepartmentSite:
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
            intro=f"Le réseau des Promeneurs du Net {department.in_name}.",
        )
        index.add_child(instance=home)
        home.save_revision().publish()
    ensure_sections(home, department_sections(department), department)
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
    department_site_created.send(sender=DepartmentSite, site=result)
    return result
