"""One exposure rule everywhere: no public surface shows a promeneur who is not publicly listed.

``PromeneurPage.objects.publicly_listed()`` (live, public, status actif, live structure whose convention has
not ended) is the only way a promeneur may appear publicly. This module does not trust each view to remember
it: it enumerates the surfaces and fetches them all.

* **Routes**: every route of the URL configuration (``get_resolver().url_patterns``, walked recursively,
  i18n patterns included) must be either exercised (``EXERCISES``: how to fetch it, on every site and in
  every language) or skipped with a reason (``SKIPPED``). A new route that is neither fails
  ``test_every_public_route_is_known``: add it to ``EXERCISES`` (or, if it really shows nothing of the
  annuaire, to ``SKIPPED`` with the reason).
* **Page tree**: every page of the tree on every site that serves it (home, annuaires with filters, structures,
  promeneurs, news, legal pages, English pages, 404s).
* **Sitemaps**: every Sitemap class of the sitemap view (``core.views.SITEMAPS``), checked on their items and
  URLs (hreflang alternates included), besides sitemap.xml itself.

Five people must never appear: a candidat, a suspended and a withdrawn promeneur, one whose structure is
unpublished and one whose convention ended yesterday. Each has unique markers (first and last name, a word of
the job title, handles, page slug, page id); no response body may contain any of them, once the values the
request itself sent (a searched name, a verified handle, the requested path) are taken out. Two publicly
listed promeneurs with the same kind of markers must appear where they should, so the check cannot pass
vacuously. The last tests plant surfaces without the rule and show the checks catch them.
"""

import dataclasses
import datetime
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import quote, quote_plus, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.contrib.sites.requests import RequestSite
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import timezone
from django.utils.text import slugify
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.models import Page, Site

from core import views as core_views
from core.i18n import live_versions
from demo.translation import translate_national_pages
from directory.factories import make_promeneur, make_structure, set_status
from directory.models import AnnuairePage, PromeneurPage, PromeneurStatus, StructurePage, StructureType
from geo.factories import known_commune
from network.provisioning import create_department_site, ensure_national_site
from news.models import NewsArticlePage, NewsIndexPage
from tests.worlds import rolled_back_world

HOSTS = ("localhost", "18.localhost", "93.localhost")
LANGUAGE_PREFIXES = ("", "en/")  # French without prefix, English under /en/ (i18n_patterns)
LANG = "<lang>/"  # how a LocalePrefixPattern is written in a route key

# --- the people --------------------------------------------------------------------------------------------


@dataclass
class Person:
    key: str
    first_name: str
    last_name: str
    job_title: str
    job_marker: str  # the unique word of the job title
    handles: list[tuple[str, str, str]]  # (platform, handle, url)
    slug: str
    pk: int
    page: PromeneurPage | None = None
    hosts: tuple[str, ...] = ()  # where a listed person must appear (own site, national site)

    @property
    def markers(self) -> list[str]:
        handles = [handle.lstrip("@") for _platform, handle, _url in self.handles]
        return [self.first_name, self.last_name, self.job_marker, *handles, self.slug, str(self.pk)]

    @property
    def path(self) -> str:
        """The page's path on its own site."""
        return self.page.get_url_parts()[2]


def profiles(*handles: str) -> list[tuple[str, str, str]]:
    instagram, facebook = handles
    return [
        ("instagram", f"@{instagram}", f"https://www.instagram.com/{instagram}/"),
        ("facebook", facebook, f"https://www.facebook.com/{facebook}"),
    ]


def hidden_people() -> list[Person]:
    """Page ids are chosen (far above any other test's) so that an id-based link is a unique marker."""
    return [
        Person("candidat", "Candidorine", "Postulaz", "Animatrice zinzolin", "zinzolin",
               profiles("wapiti.attente", "wapiti.fbattente"), "fiche-orchidee", 987_621),
        Person("suspendu", "Suspensia", "Interrompov", "Animateur xylocope", "xylocope",
               profiles("ornithorynque.pause", "ornitho.fbpause"), "fiche-bergamote", 987_622),
        Person("retire", "Retirandor", "Partiveau", "Éducateur quinconce", "quinconce",
               profiles("axolotl.parti", "axolotl.fbparti"), "fiche-cardamome", 987_623),
        Person("structure_depubliee", "Depublio", "Horsligne", "Médiatrice tarabiscot", "tarabiscot",
               profiles("okapi.cache", "okapi.fbcache"), "fiche-gingembre", 987_624),
        Person("convention_finie_hier", "Conventia", "Echuhier", "Animatrice galimatias", "galimatias",
               profiles("pangolin.echu", "pangolin.fbechu"), "fiche-muscade", 987_625),
    ]  # fmt: skip


def listed_people() -> list[Person]:
    return [
        Person("visible_18", "Visibellia", "Publicato", "Animatrice farandole", "farandole",
               profiles("narval.public", "narval.fbpublic"), "fiche-vanille", 987_601,
               hosts=("18.localhost", "localhost")),
        Person("visible_93", "Apparentin", "Montrevaux", "Animateur ritournelle", "ritournelle",
               profiles("toucan.public", "toucan.fbpublic"), "fiche-cannelle", 987_602,
               hosts=("93.localhost", "localhost")),
    ]  # fmt: skip


def next_page_id(pk: int) -> None:
    """Make ``pk`` the id of the next page created (ids far above any other test's: unique markers)."""
    table = Page._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, pk - 1])
        elif connection.vendor == "sqlite":
            cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [pk - 1, table])
        else:
            pytest.skip(f"no page id sequence control on {connection.vendor}")


def place(person: Person, structure: StructurePage, missions, **fields) -> Person:
    next_page_id(person.pk)
    person.page = make_promeneur(
        structure,
        missions,
        first_name=person.first_name,
        last_name=person.last_name,
        show_last_name=True,
        job_title=person.job_title,
        slug=person.slug,
        themes=["Santé"],
        profiles=[{"platform": p, "handle": h, "url": u} for p, h, u in person.handles],
        **fields,
    )
    assert person.page.pk == person.pk
    return person


# --- the world (built once per module) ----------------------------------------------------------------------


def build_world():
    national_home = ensure_national_site(hostname="localhost", port=80)
    translate_national_pages("en")  # /en/ pages: the national home and its sections
    cher = create_department_site("18", hostname="18.localhost")
    seine_saint_denis = create_department_site("93", hostname="93.localhost")
    today = timezone.localdate()
    exposants = make_structure(
        cher, title="Centre social des Exposants", structure_type=StructureType.SOCIAL_CENTRE,
        commune=known_commune("bourges"),
    )  # fmt: skip
    ended_yesterday = make_structure(
        cher, title="Association Echeance", structure_type=StructureType.ASSOCIATION,
        commune=known_commune("vierzon"), convention_start=datetime.date(2022, 1, 1),
        convention_end=today - datetime.timedelta(days=1),
    )  # fmt: skip
    grand_jour = make_structure(
        seine_saint_denis, title="Mission locale du Grand Jour", structure_type=StructureType.MISSION_LOCALE,
        commune=known_commune("bobigny"),
    )  # fmt: skip
    eteinte = make_structure(
        seine_saint_denis, title="Maison des jeunes Eteinte", structure_type=StructureType.YOUTH_CENTRE,
        commune=known_commune("bobigny"),
    )  # fmt: skip

    candidat, suspendu, retire, depubliee, finie = hidden_people()
    visible_18, visible_93 = listed_people()
    place(visible_18, exposants, ["jeunesse", "parentalite"])
    place(visible_93, grand_jour, ["jeunesse"])
    place(candidat, exposants, ["jeunesse"], status=PromeneurStatus.APPLICANT)
    place(suspendu, exposants, ["parentalite"])
    set_status(suspendu.page, PromeneurStatus.SUSPENDED, "Manquement à la charte")
    place(retire, grand_jour, ["jeunesse", "parentalite"])
    set_status(retire.page, PromeneurStatus.WITHDRAWN, "Départ de la structure")
    place(depubliee, eteinte, ["jeunesse"])
    eteinte.unpublish()  # the structure only: its promeneur's page stays live
    place(finie, ended_yesterday, ["parentalite"])

    # News on both levels (a département article also shown in the national news).
    for home, flag in ((cher.home, True), (national_home, False)):
        index = NewsIndexPage.objects.child_of(home).get()
        article = NewsArticlePage(
            title=f"Rencontre du réseau {home.pk}", summary="Les promeneurs se retrouvent.",
            show_in_national_news=flag,
        )  # fmt: skip
        index.add_child(instance=article)
        article.save_revision().publish()

    hidden = [candidat, suspendu, retire, depubliee, finie]
    # Promoted search results pointing at hidden pages (a coordinator promoted them before the suspension).
    for person in hidden:
        SearchPromotion.objects.create(query=Query.get(person.first_name), page=person.page, sort_order=0)

    coordinator = _coordinator()
    for person in [*hidden, visible_18, visible_93]:
        person.page = PromeneurPage.objects.get(pk=person.pk)
    assert not PromeneurPage.objects.publicly_listed().filter(pk__in=[p.pk for p in hidden]).exists()
    assert all(person.page.live for person in hidden)  # live pages: only the rule keeps them off
    assert PromeneurPage.objects.publicly_listed().filter(pk__in=[visible_18.pk, visible_93.pk]).count() == 2
    english_hosts = {
        site.hostname
        for site in Site.objects.select_related("root_page")
        if "en" in live_versions(site.root_page)
    }
    assert english_hosts == {"localhost"}
    return SimpleNamespace(
        english_hosts=english_hosts,
        hidden=hidden,
        listed=[visible_18, visible_93],
        visible_18=visible_18,
        visible_93=visible_93,
        coordinator=coordinator,
        structures=[exposants, ended_yesterday, grand_jour, eteinte],
    )


def _coordinator():
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        "coordination-exposition", password="motdepasse-long-exposition"
    )
    user.user_permissions.add(Permission.objects.get(codename="change_promeneurpage"))
    return user


# --- routes: enumeration ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the patterns joined, LocalePrefixPattern written "<lang>/", e.g. "<lang>/api/annuaire/"
    name: str | None


def public_routes(urlconf=None) -> list[Route]:
    """Every route of the URL configuration; an include listed in SKIPPED is one route (its prefix)."""
    routes = []

    def walk(patterns, prefix):
        for entry in patterns:
            part = LANG if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
            key = prefix + part
            if isinstance(entry, URLResolver):
                if key in SKIPPED:
                    routes.append(Route(key, None))
                else:
                    walk(entry.url_patterns, key)
            else:
                routes.append(Route(key, entry.name))

    walk(get_resolver(urlconf).url_patterns, "")
    return routes


def unknown_routes(routes: list[Route], exercises: dict) -> list[str]:
    return [route.key for route in routes if route.key not in exercises and route.key not in SKIPPED]


SKIPPED = {
    "healthz": "health check of the database and the cache (operations/views.py): a fixed JSON of check names, booleans and timings, no annuaire data (tests/operations/test_healthz.py)",
    "admin/": "Wagtail admin: staff sign-in required, not public (tests/accounts/test_permission_matrix.py "
    "covers who sees what there)",
    "documents/": "Wagtail documents, served by document id (and their password form): uploaded files, no "
    "annuaire data; promeneurs have no documents",
    "compte/activer/<uidb64>/<token>/": "one-time account activation link: needs a user and a token, shows a "
    "set-password form and no annuaire data",
    "<lang>/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": "password form of "
    "a restricted page: needs a view restriction id, shows the form only (never the page's content)",
}

# --- routes: how to exercise each one -----------------------------------------------------------------------


@dataclass(frozen=True)
class Fetch:
    host: str
    path: str
    params: tuple[tuple[str, str], ...] = ()
    signed_in: bool = False  # as the coordinator (the CSV export)
    # Other URLs the answer may show whatever the data (the language switcher's link to the same Django view
    # in French: it is offered for any parameter, so it reveals nothing).
    also_echoed: tuple[str, ...] = field(default=(), compare=False)

    @property
    def echo(self) -> list[str]:
        """What the request itself sent, which a page may show back (a search box, a verified handle)."""
        return [value for _name, value in self.params if value] + [self.path, *self.also_echoed]

    def __str__(self):
        query = "&".join(f"{name}={value}" for name, value in self.params)
        user = " (signed in)" if self.signed_in else ""
        return f"http://{self.host}{self.path}{'?' + query if query else ''}{user}"


def fetch(host, path, signed_in=False, **params) -> Fetch:
    return Fetch(host, path, tuple(sorted(params.items())), signed_in)


def everywhere(world, path: str, param_sets, *, signed_in=False, english=None) -> list[Fetch]:
    """``path`` (an i18n route without its language prefix) on every site, in every language (``english``:
    fewer parameter sets in English, where the same code runs). A site that has no content in a language
    answers 404 to all of that language's URLs (LanguageMiddleware): one fetch without parameters is enough
    there."""
    fetches = []
    for host in HOSTS:
        for prefix in LANGUAGE_PREFIXES:
            offered = not prefix or host in world.english_hosts
            sets = param_sets if not prefix else (english or param_sets)
            for params in sets if offered else sets[:1]:
                item = fetch(host, f"/{prefix}{path}", signed_in, **params)
                if prefix:
                    item = dataclasses.replace(item, also_echoed=(f"/{path}",))
                fetches.append(item)
    return fetches


def everyone(world) -> list[Person]:
    return [*world.hidden, *world.listed]


def name_queries(world) -> list[str]:
    return [text for person in everyone(world) for text in (person.first_name, person.last_name)]


def annuaire_filters(world) -> list[dict]:
    """The annuaire's query parameters: no filter, names, missions, near a town, network, theme, type…"""
    return [
        {},
        *({"q": text} for text in name_queries(world)),
        {"q": "animatrice"},
        {"mission": "jeunesse"},
        {"mission": "parentalite"},
        {"pres_de": "Bourges"},
        {"pres_de": "18000", "rayon": "200"},
        {"pres_de": "Bobigny", "rayon": "100"},
        {"mission": "parentalite", "pres_de": "Vierzon"},
        {"reseau": "instagram"},
        {"reseau": "facebook"},
        {"theme": slugify("Santé")},
        {"type": StructureType.SOCIAL_CENTRE},
        {"type": StructureType.YOUTH_CENTRE},
        {"departement": "18"},
        {"departement": "93"},
    ]


def handle_checks(world) -> list[dict]:
    """Each handle and profile address, and near misses of the hidden people's (a look-alike warning names
    the account it resembles: it must be a listed one)."""
    checks = [{}]
    for person in everyone(world):
        for _platform, handle, url in person.handles:
            checks += [{"profil": handle}, {"profil": url}]
    for person in world.hidden:
        instagram = person.handles[0][1]
        checks += [{"profil": instagram + "1"}, {"profil": instagram.replace(".", "_")}]
    return checks


def exercise_sitemap(world):
    return [fetch(host, "/sitemap.xml") for host in HOSTS]


def exercise_robots(world):
    return [fetch(host, "/robots.txt") for host in HOSTS]


def exercise_api(world):
    return everywhere(world, "api/annuaire/", annuaire_filters(world))


def exercise_api_detail(world):
    """/api/annuaire/<id>/ for each person's page id (and an id that is no page)."""
    fetches = []
    for pk in [*(person.pk for person in everyone(world)), 999_999_999]:
        fetches += everywhere(world, f"api/annuaire/{pk}/", [{}])
    return fetches


def exercise_security_txt(world):
    return [fetch(host, "/.well-known/security.txt") for host in HOSTS]


def exercise_export(world):
    filters = [{}, {"mission": "jeunesse"}, {"pres_de": "18000", "rayon": "200"}] + [
        {"q": person.first_name} for person in everyone(world)
    ]
    return everywhere(world, "annuaire/export.csv", filters, signed_in=True)


def exercise_verify(world):
    english = [{}] + [
        {"profil": handle} for person in world.hidden for _platform, handle, _url in person.handles
    ]
    return everywhere(world, "verifier/", handle_checks(world), english=english)


def exercise_search(world):
    queries = [*name_queries(world), *(person.job_marker for person in everyone(world)), "animatrice"]
    params = [{}] + [{"q": q} for q in queries]
    params += [{"q": person.first_name, "type": "promeneurs"} for person in everyone(world)]
    return everywhere(world, "recherche/", params)


def exercise_suggestions(world):
    queries = [*name_queries(world), *(person.first_name[:5] for person in everyone(world))]
    return everywhere(world, "recherche/suggestions/", [{"q": q} for q in queries])


def exercise_frontend_login(world):
    return everywhere(world, "_util/login/", [{}, {"next": "/"}])


def exercise_report(world):
    """The report form (/signaler/) prefills a promeneur from an id and a profile from a handle."""
    params = [{}]
    for person in everyone(world):
        params += [{"promeneur": str(person.pk)}, {"imite": str(person.pk)}]
        params += [{"profil": handle} for _platform, handle, _url in person.handles]
    return params


def exercise_pages(world):
    """Every page of the tree (live or not) on every site that serves it, the annuaires with their filters,
    the 404 of each hidden page in English, and a page that does not exist."""
    fetches = []
    for page in Page.objects.filter(depth__gt=1).order_by("path"):
        parts = page.get_url_parts()
        if parts is None:
            continue
        _site_id, root_url, path = parts
        paths = [(urlsplit(root_url).hostname, path)]
        if not path.startswith("/en/") and urlsplit(root_url).hostname != "localhost":
            # A département's pages also answer under /departements/<slug>/ of the national site.
            national_root = Page.objects.get(depth=2, locale__language_code="fr")
            if page.url_path.startswith(national_root.url_path):
                paths.append(("localhost", "/" + page.url_path[len(national_root.url_path) :]))
        is_annuaire = page.specific_class is AnnuairePage
        for host, page_path in paths:
            for params in annuaire_filters(world) if is_annuaire else [{}]:
                fetches.append(fetch(host, page_path, **params))
            if page.specific_class in (StructurePage, PromeneurPage):
                fetches.append(fetch(host, f"/en{page_path}"))  # a 404 that links to the French page
    for person in everyone(world):
        for host in HOSTS:  # a page's path on other sites than its own: 404 too
            fetches += [fetch(host, person.path), fetch(host, f"/en{person.path}")]
    fetches += [fetch(host, "/page-qui-n-existe-pas/") for host in HOSTS]
    fetches += [fetch(host, "/en/page-qui-n-existe-pas/") for host in HOSTS]
    return fetches


def _report_everywhere(path):
    return lambda world: everywhere(world, path, exercise_report(world))


def _report_done(path):
    return lambda world: everywhere(
        world, path, [{}, {"departement": "18"}, {"departement": "93", "reponse": "1"}]
    )


EXERCISES: dict[str, Callable] = {
    "sitemap.xml": exercise_sitemap,
    "robots.txt": exercise_robots,
    f"{LANG}api/annuaire/": exercise_api,
    f"{LANG}api/annuaire/<int:pk>/": exercise_api_detail,
    # A promeneur's office hours as a calendar file, for each person's page id (and an id that is no page).
    f"{LANG}annuaire/permanences/<int:pk>.ics": lambda world: [
        f
        for pk in [*(person.pk for person in everyone(world)), 999_999_999]
        for f in everywhere(world, f"annuaire/permanences/{pk}.ics", [{}])
    ],
    ".well-known/security.txt": exercise_security_txt,
    f"{LANG}annuaire/export.csv": exercise_export,
    f"{LANG}verifier/": exercise_verify,
    f"{LANG}recherche/": exercise_search,
    f"{LANG}recherche/suggestions/": exercise_suggestions,
    f"{LANG}_util/login/": exercise_frontend_login,
    LANG + r"^((?:[\w\-]+/)*)$": exercise_pages,  # Wagtail's catch-all: the page tree
    # The report form (reports app, being added): exercised wherever it is mounted.
    "signaler/": lambda world: [f for f in _report_everywhere("signaler/")(world) if "/en/" not in f.path],
    "signaler/merci/": lambda world: [
        f for f in _report_done("signaler/merci/")(world) if "/en/" not in f.path
    ],
    f"{LANG}signaler/": _report_everywhere("signaler/"),
    f"{LANG}signaler/merci/": _report_done("signaler/merci/"),
}


def planned_fetches(world, routes: list[Route], exercises: dict) -> list[Fetch]:
    fetches = []
    for route in routes:
        if route.key in exercises:
            fetches += exercises[route.key](world)
    return list(dict.fromkeys(fetches))  # once each, in order


# --- fetching and looking for the people ------------------------------------------------------------------


@dataclass
class Answer:
    fetch: Fetch
    status: int
    body: str
    redirect: str = ""


def fetch_all(fetches: list[Fetch], coordinator=None) -> list[Answer]:
    clients: dict = {}
    answers = []
    for item in fetches:
        client = clients.get((item.host, item.signed_in))
        if client is None:
            client = clients[(item.host, item.signed_in)] = Client(HTTP_HOST=item.host)
            if item.signed_in:
                client.force_login(coordinator)
        response = client.get(item.path, dict(item.params))
        content = b"".join(response.streaming_content) if response.streaming else response.content
        answers.append(Answer(item, response.status_code, content.decode("utf-8", "replace"),
                              response.get("Location", "")))  # fmt: skip
    return answers


def _forms(value: str) -> set[str]:
    """How a page may write back a value it received: as is, HTML-escaped, URL-encoded, JSON-escaped."""
    return {
        value,
        html.escape(value),
        html.escape(value, quote=False),
        quote(value),
        quote(value, safe=""),
        quote_plus(value),
        json.dumps(value)[1:-1],
    }


def without_echo(body: str, echo: list[str]) -> str:
    # Longest first: removing "/en/a/b/" must happen before a shorter value it contains.
    forms = sorted({form for value in echo for form in _forms(value) if form}, key=len, reverse=True)
    for form in forms:
        body = re.sub(re.escape(form), " ", body, flags=re.IGNORECASE)
    return body


def markers_in(text: str, person: Person) -> list[str]:
    folded = text.lower()
    return [marker for marker in person.markers if marker.lower() in folded]


def find_leaks(answers: list[Answer], people: list[Person]) -> list[str]:
    """Every response that shows one of ``people`` (or that failed, which would hide a leak)."""
    problems = []
    for answer in answers:
        if answer.status >= 500:
            problems.append(f"{answer.fetch}: HTTP {answer.status}")
        text = without_echo(answer.body + " " + answer.redirect, answer.fetch.echo)
        for person in people:
            found = markers_in(text, person)
            if found:
                problems.append(
                    f"{answer.fetch} (HTTP {answer.status}) shows {person.key}: {', '.join(found)}"
                )
    return problems


def sitemap_leaks(sitemaps: dict, people: list[Person]) -> list[str]:
    """Each Sitemap class, on each site: its items and its URLs (hreflang alternates included)."""
    problems = []
    ids = {person.pk: person for person in people}
    for host in HOSTS:
        request = RequestFactory().get("/sitemap.xml", HTTP_HOST=host)
        for name, sitemap_class in sitemaps.items():
            sitemap = sitemap_class(request)
            for item in sitemap.items():
                if item.pk in ids:
                    problems.append(f"{host}: sitemap {name!r} lists {ids[item.pk].key} (page {item.pk})")
            urls = sitemap.get_urls(site=RequestSite(request), protocol="http")
            text = json.dumps(
                [{"location": url["location"], "alternates": url.get("alternates", [])} for url in urls]
            )
            for person in people:
                found = markers_in(text, person)
                if found:
                    problems.append(f"{host}: sitemap {name!r} URLs show {person.key}: {', '.join(found)}")
    return problems


# --- fixtures -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _exposure_module(django_db_setup, django_db_blocker):
    """The world and the answers of every surface, built and fetched once per module inside a transaction
    rolled back at the end (tests/worlds.py)."""
    with django_db_blocker.unblock():
        try:
            with rolled_back_world():
                world = build_world()
                fetches = planned_fetches(world, public_routes(), EXERCISES)
                # A generous suggestion budget: a cut suggestion list would show nobody and prove nothing.
                with override_settings(SEARCH_AUTOCOMPLETE_BUDGET_MS=10_000):
                    answers = fetch_all(fetches, world.coordinator)
                yield SimpleNamespace(world=world, answers=answers)
        finally:
            restore_page_ids()


def restore_page_ids() -> None:
    """PostgreSQL sequences ignore rollbacks: bring the page ids back to where the other tests expect them
    (SQLite's sequence table was rolled back with the rest)."""
    if connection.vendor == "postgresql":
        table = Page._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}",
                [table],
            )


@pytest.fixture
def exposure(_exposure_module, db):
    return _exposure_module


def answer(exposure, host, path, signed_in=False, **params) -> Answer:
    wanted = fetch(host, path, signed_in, **params)
    return next(item for item in exposure.answers if item.fetch == wanted)


# --- the tests ----------------------------------------------------------------------------------------------


def test_every_public_route_is_known():
    """A new route must say how it is exercised (EXERCISES) or why it is not (SKIPPED)."""
    unknown = unknown_routes(public_routes(), EXERCISES)
    assert unknown == [], (
        f"Routes the exposure test does not know: {unknown}. Add each to EXERCISES in "
        "tests/security/test_exposure.py (how to fetch it so that it would show promeneurs), or to SKIPPED "
        "with the reason it cannot show any."
    )


def test_no_hidden_person_on_any_surface(exposure):
    assert len(exposure.answers) > 500  # every surface, site, language and filter was fetched
    problems = find_leaks(exposure.answers, exposure.world.hidden)
    assert not problems, "\n".join(problems)


def test_hidden_pages_answer_an_error_everywhere(exposure):
    """404, or 410 « plus référencée » for a former promeneur on their own site (never their card)."""
    for person in exposure.world.hidden:
        for host in HOSTS:
            status = answer(exposure, host, person.path).status
            assert status == 404 or (status == 410 and person.key != "candidat"), (person.key, host, status)
            assert answer(exposure, host, f"/api/annuaire/{person.pk}/").status in (404, 410), (
                person.key,
                host,
            )


def test_no_sitemap_class_lists_a_hidden_person(exposure):
    assert set(core_views.SITEMAPS) == {"wagtail"}  # a new Sitemap class is checked here too
    problems = sitemap_leaks(core_views.SITEMAPS, exposure.world.hidden)
    assert not problems, "\n".join(problems)


def shows(item: Answer, person: Person, marker: str) -> bool:
    return marker.lower() in without_echo(item.body, item.fetch.echo).lower()


@pytest.mark.parametrize("key", ["visible_18", "visible_93"])
def test_listed_people_appear_where_they_should(exposure, key):
    """The positive control: the same fetches show a publicly listed promeneur (so the check above is not
    vacuous: the surfaces do show people, just not the hidden ones)."""
    person = getattr(exposure.world, key)
    own_host, national = person.hosts
    profile = answer(exposure, own_host, person.path)
    assert profile.status == 200 and shows(profile, person, person.first_name)
    for host in person.hosts:
        for filters in ({}, {"q": person.first_name}, {"mission": "jeunesse"}, {"theme": "sante"}):
            assert shows(answer(exposure, host, "/annuaire/", **filters), person, person.slug), (
                host,
                filters,
            )
        assert shows(answer(exposure, host, "/api/annuaire/", q=person.first_name), person, str(person.pk))
        assert shows(answer(exposure, host, "/api/annuaire/"), person, person.handles[0][1].lstrip("@"))
        detail = answer(exposure, host, f"/api/annuaire/{person.pk}/")
        assert detail.status == 200 and shows(detail, person, person.first_name), host
        assert shows(answer(exposure, host, "/sitemap.xml"), person, person.slug), host
        search = answer(exposure, host, "/recherche/", q=person.first_name)  # last names are not indexed
        assert shows(search, person, person.slug), host
        suggestions = answer(exposure, host, "/recherche/suggestions/", q=person.first_name[:5])
        assert shows(suggestions, person, person.slug), host
        for _platform, handle, url in person.handles:
            for profil in (handle, url):
                verification = answer(exposure, host, "/verifier/", profil=profil)
                assert shows(verification, person, person.first_name), (host, profil)
        export = answer(exposure, host, "/annuaire/export.csv", signed_in=True)
        assert export.status == 200 and shows(export, person, str(person.pk)), host
    structure = answer(exposure, own_host, person.path.rsplit("/", 2)[0] + "/")
    assert structure.status == 200 and shows(structure, person, person.slug)
    on_the_national_site = answer(exposure, national, f"/departements/{_department_slug(person)}/annuaire/")
    assert shows(on_the_national_site, person, person.slug)
    assert sitemap_leaks(core_views.SITEMAPS, [person])  # the sitemap check sees listed people


def _department_slug(person: Person) -> str:
    return person.page.get_ancestors().filter(depth=4).get().slug  # the département's home


# --- the checks bite: planted surfaces without the rule ----------------------------------------------------


class LeakySitemap(Sitemap):
    """A sitemap as it was before the rule: every live, public page."""

    def items(self):
        return Page.objects.live().public().order_by("path").specific()


def test_a_new_route_fails_the_enumeration(db):
    site_unknown = set(unknown_routes(public_routes(), EXERCISES))
    with override_settings(ROOT_URLCONF="tests.security.leaky_urls"):
        assert set(unknown_routes(public_routes(), EXERCISES)) - site_unknown == {"fuite/"}


def test_a_surface_without_the_rule_is_caught(exposure):
    exercises = {**EXERCISES, "fuite/": lambda world: [fetch(host, "/fuite/") for host in HOSTS]}
    with override_settings(ROOT_URLCONF="tests.security.leaky_urls"):
        routes = public_routes()
        assert unknown_routes(routes, exercises) == []
        planted = [route for route in routes if route.key == "fuite/"]
        answers = fetch_all(planned_fetches(exposure.world, planted, exercises))
    assert [item.status for item in answers] == [200, 200, 200]
    problems = find_leaks(answers, exposure.world.hidden)
    for person in exposure.world.hidden:
        assert any(f"shows {person.key}:" in problem for problem in problems), person.key


def test_a_sitemap_without_the_rule_is_caught(exposure, monkeypatch):
    problems = sitemap_leaks({"leaky": LeakySitemap}, exposure.world.hidden)
    for person in exposure.world.hidden:
        assert any(f"lists {person.key}" in problem for problem in problems), person.key
    # And through sitemap.xml itself.
    monkeypatch.setattr(core_views, "SITEMAPS", {"leaky": LeakySitemap})
    answers = fetch_all(exercise_sitemap(exposure.world))
    assert any("shows suspendu" in problem for problem in find_leaks(answers, exposure.world.hidden))
