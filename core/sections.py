"""A "section" is the national site or one département: the part of the network a page or a request
belongs to. Header, footer, navigation, coordination contact and the scope of the annuaire and the search
all follow it, whether a département is served on its own domain or under /departements/<slug>/."""

from dataclasses import dataclass, field
from functools import cached_property

from django.apps import apps
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.translation import get_language
from wagtail.models import Page, Site

from core.navigation import memoised, token_for

#: Pages a section offers by name (``section.annuaire``), registered by the apps that define them
#: (``register_section_page`` in their AppConfig.ready): the core names no app.
_section_pages: dict[str, tuple[str, bool]] = {}


def register_section_page(name: str, model_label: str, many: bool = False) -> None:
    """``section.<name>``: the section home's live, public child of type ``model_label`` ("app.Model"), or
    with ``many`` all of them in tree order."""
    _section_pages[name] = (model_label, many)


class SectionHome:
    """Marks the page types at the top of a section (the national home, a département's home): the section of
    any page is its nearest such ancestor."""


def section_home_models() -> list[type[Page]]:
    """The page types that start a section."""
    return [model for model in apps.get_models() if issubclass(model, SectionHome)]


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
        SiteIdentity = apps.get_model(settings.SECTION_IDENTITY_MODEL)
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

    def _menu_pages(self):
        return list(self.home.get_children().live().public().in_menu().specific())

    def __getattr__(self, name):
        # Registered section pages (annuaire, news index, legal pages…), memoised per version of the tree.
        if name.startswith("_") or name not in _section_pages:
            raise AttributeError(name)
        model_label, many = _section_pages[name]
        value = self.children_of_type(model_label) if many else self.child_of_type(model_label)
        self.__dict__[name] = value
        return value

    @cached_property
    def national_home_url(self) -> str:
        site = Site.objects.filter(is_default_site=True).first()
        return f"{site.root_url}/" if site else "/"

    def children_of_type(self, model_label: str) -> list[Page]:
        def read():
            model = apps.get_model(model_label)
            return list(model.objects.child_of(self.home).live().public().order_by("path"))

        return memoised(self.tree_token, ("children-of-type", self.home.pk, model_label), read)

    def child_of_type(self, model_label: str):
        children = self.children_of_type(model_label)
        return children[0] if children else None


def _site_for_home(home: Page) -> Site | None:
    for site in Site.objects.filter(root_page_id=home.pk)[:1]:
        return site
    return None


def section_for_page(page: Page, request=None) -> Section:
    """The section a page belongs to: its nearest section home (a département's, else the national home)."""
    if page.pk is None or isinstance(page, SectionHome):
        # A preview of a new page, or a home page (which may be a preview with unsaved changes): as it is.
        home, site = _home_and_site(page)
    else:
        home, site = memoised(token_for(request), ("section", page.pk), lambda: _home_and_site(page))
    return Section(home=home, site=site, request=request)


def _home_and_site(page: Page):
    if isinstance(page, SectionHome):
        home = page
    else:
        ancestors = Page.objects.ancestor_of(page, inclusive=True)
        home = ancestors.type(*section_home_models()).order_by("-depth").first()
        # Outside any section: the top of the page's tree.
        home = (home or ancestors.filter(depth=2).first() or page).specific
    return home, _site_for_home(home)


def site_for_request(request) -> Site | None:
    """``Site.find_for_request``, memoised per host under the tree's token (a site's change sets a new one): its
    query (sites ordered by how well they match, with their root page) cost a search served from the page cache
    more than the rest of its answer."""
    try:
        host = request.get_host().lower()
    except DisallowedHost:
        return Site.find_for_request(request)
    key = ("site-for-host", host, request.get_port())
    return memoised(token_for(request), key, lambda: Site.find_for_request(request))


def section_for_request(request) -> Section | None:
    """The section of a request outside the page tree (search, verification, API): the site's root."""
    site = site_for_request(request)
    if site is None:
        return None
    # An English request on a French root: serve the section in the active language when translated.
    key = ("site-section", site.pk, get_language())
    localized = memoised(token_for(request), key, lambda: site.root_page.specific.localized)
    return Section(home=localized, site=site, request=request)
