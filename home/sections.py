"""A "section" is the national site or one département: the part of the network a page or a request
belongs to. Header, footer, navigation, coordination contact and the scope of the annuaire and the search
all follow it, whether a département is served on its own domain or under /departements/<slug>/."""

from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home.navigation import memoised, token_for


@dataclass
class Section:
    home: Page  # NationalHomePage or DepartmentHomePage (specific)
    site: Site | None  # the Site whose root is this home, if any
    request: object = field(default=None, compare=False, repr=False)

    @property
    def department(self):
        return getattr(self.home, "department", None)

    @property
    def is_national(self) -> bool:
        return self.department is None

    @cached_property
    def identity(self):
        """Site settings of this section (name, logo, coordination, social accounts, footer links)."""
        SiteIdentity = apps.get_model("departments", "SiteIdentity")
        site = self.site or Site.objects.filter(is_default_site=True).first()
        return SiteIdentity.for_site(site) if site else None

    @property
    def name(self) -> str:
        identity = self.identity
        if identity and identity.site_name:
            return identity.site_name
        if self.department:
            return f"Promeneurs du Net {self.department.name}"
        return "Promeneurs du Net"

    @cached_property
    def tree_token(self):
        return token_for(self.request)

    @cached_property
    def menu_pages(self):
        return memoised(self.tree_token, ("menu", self.home.pk), self._menu_pages)

    @cached_property
    def legal_pages(self):
        return memoised(self.tree_token, ("legal", self.home.pk), self._legal_pages)

    def _menu_pages(self):
        return list(self.home.get_children().live().public().in_menu().specific())

    def _legal_pages(self):
        LegalPage = apps.get_model("home", "LegalPage")
        return list(LegalPage.objects.child_of(self.home).live().public().order_by("path"))

    @cached_property
    def national_home_url(self) -> str:
        site = Site.objects.filter(is_default_site=True).first()
        return f"{site.root_url}/" if site else "/"

    def child_of_type(self, model_name: str):
        def read():
            model = apps.get_model(*model_name.split("."))
            return model.objects.child_of(self.home).live().public().first()

        return memoised(self.tree_token, ("child-of-type", self.home.pk, model_name), read)

    @cached_property
    def annuaire(self):
        return self.child_of_type("directory.AnnuairePage")

    @cached_property
    def news_index(self):
        return self.child_of_type("news.NewsIndexPage")


def _site_for_home(home: Page) -> Site | None:
    for site in Site.objects.filter(root_page_id=home.pk)[:1]:
        return site
    return None


def section_for_page(page: Page, request=None) -> Section:
    """The section a page belongs to: its nearest département home, else the national home."""
    DepartmentHomePage = apps.get_model("departments", "DepartmentHomePage")
    if page.pk is None or isinstance(page, DepartmentHomePage):
        # A preview of a new page, or a home page (which may be a preview with unsaved changes): as it is.
        home, site = _home_and_site(page)
    else:
        home, site = memoised(token_for(request), ("section", page.pk), lambda: _home_and_site(page))
    return Section(home=home, site=site, request=request)


def _home_and_site(page: Page):
    DepartmentHomePage = apps.get_model("departments", "DepartmentHomePage")
    if isinstance(page, DepartmentHomePage):
        home = page
    else:
        home = DepartmentHomePage.objects.ancestor_of(page, inclusive=True).first()
    if home is None:
        # Outside any département: the top of the page's tree (the national home, in the page's language).
        home = Page.objects.ancestor_of(page, inclusive=True).filter(depth=2).first()
        home = home.specific if home else page
    return home, _site_for_home(home)


def section_for_request(request) -> Section | None:
    """The section of a request outside the page tree (search, verification, API): the site's root."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    # An English request on a French root: serve the section in the active language when translated.
    key = ("site-section", site.pk, get_language())
    localized = memoised(token_for(request), key, lambda: site.root_page.specific.localized)
    return Section(home=localized, site=site, request=request)
