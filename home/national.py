"""Build (idempotently) the skeleton of the national site: home, standard sections and legal texts."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.models import LegalPage, NationalHomePage

NATIONAL_HOME_TITLE = "Promeneurs du Net"

LEGAL_TITLES = {
    LegalPage.Kind.LEGAL_NOTICE: "Mentions légales",
    LegalPage.Kind.ACCESSIBILITY: "Déclaration d'accessibilité",
    LegalPage.Kind.PERSONAL_DATA: "Données personnelles",
}


def get_or_create_child(parent: Page, model, slug: str, **fields):
    """The child of `parent` with this slug, created (and published) when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    child = model(slug=slug, **fields)
    parent.add_child(instance=child)
    child.save_revision().publish()
    return child


def ensure_legal_pages(parent: Page) -> None:
    for kind, title in LEGAL_TITLES.items():
        get_or_create_child(parent, LegalPage, kind.value, title=title, kind=kind, show_in_menus=False)


@transaction.atomic
def ensure_national_site(hostname: str = "localhost", port: int = 80) -> NationalHomePage:
    from departments.models import DepartmentsIndexPage
    from directory.models import AnnuairePage
    from news.models import NewsIndexPage

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
    get_or_create_child(
        home,
        DepartmentsIndexPage,
        "departements",
        title="Les départements",
        show_in_menus=True,
        intro="Le réseau est présent dans de nombreux départements : trouvez le vôtre.",
    )
    get_or_create_child(
        home,
        AnnuairePage,
        "annuaire",
        title="Annuaire des promeneurs",
        show_in_menus=True,
        intro="Trouvez un ou une promeneuse du Net près de chez vous, dans tout le réseau.",
    )
    get_or_create_child(
        home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        show_in_menus=True,
        intro="Les nouvelles du réseau national et des départements.",
    )
    ensure_legal_pages(home)
    return home
