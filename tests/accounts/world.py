"""The fixture world of the permission matrix: the national site, the Cher (18) and Seine-Saint-Denis (93),
a content page in each, two structures with a promeneur in each département, an image per département,
a pending moderation task in the 18, and one user per role. Built once per test module (see
conftest.world), every test runs in a savepoint rolled back after it."""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, Site, TaskState

from accounts import roles
from accounts.factories import PASSWORD, UserFactory
from departments.models import DepartmentsIndexPage
from directory.factories import make_promeneur, make_structure
from directory.models import AnnuairePage
from geo.factories import known_commune
from home.factories import make_content_page
from network.provisioning import create_department_site, ensure_national_site

__all__ = ["PASSWORD", "ROLES", "World", "build_world"]

ROLES = ["anonymous", "structure_a", "structure_b", "coordination_18", "coordination_93", "cnaf", "superuser"]


@dataclass
class World:
    national_home: Page
    cher: object
    seine_saint_denis: object
    english: Locale
    pages: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    sites: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    task_state: TaskState | None = None


def content_page(parent, title, slug):
    return make_content_page(parent, title=title, slug=slug)


def image(title, collection, owner):
    from wagtail.images import get_image_model

    return get_image_model().objects.create(
        title=title, file=get_test_image_file(), collection=collection, uploaded_by_user=owner
    )


def user(username, *groups, superuser=False):
    return UserFactory(username=username, is_superuser=superuser, is_staff=superuser, groups=groups)


def build_world() -> World:
    national_home = ensure_national_site(hostname="localhost", port=80)
    cher = create_department_site("18", hostname="18.localhost")
    seine_saint_denis = create_department_site("93", hostname="93.localhost")
    english, _ = Locale.objects.get_or_create(language_code="en")
    world = World(
        national_home=national_home, cher=cher, seine_saint_denis=seine_saint_denis, english=english
    )
    # The national site exists in English (an administrator's work, as in the demo): a département
    # translating its pages only adds its own home in English.
    if not national_home.get_translations().filter(locale=english).exists():
        national_home.copy_for_translation(english)
    index = DepartmentsIndexPage.objects.child_of(national_home).get()
    if not index.get_translations().filter(locale=english).exists():
        index.copy_for_translation(english)

    pages = world.pages
    pages["national"] = content_page(national_home, "Page nationale témoin", "page-nationale-temoin")
    pages["national_dest"] = content_page(national_home, "Rubrique nationale d'accueil", "rubrique-nationale")
    pages["page_18"] = content_page(cher.home, "Page du Cher témoin", "page-cher-temoin")
    pages["page_18_dest"] = content_page(cher.home, "Rubrique du Cher", "rubrique-cher")
    pages["page_93"] = content_page(
        seine_saint_denis.home, "Page de Seine-Saint-Denis témoin", "page-93-temoin"
    )
    pages["page_93_dest"] = content_page(
        seine_saint_denis.home, "Rubrique de Seine-Saint-Denis", "rubrique-93"
    )

    annuaire_18 = AnnuairePage.objects.child_of(cher.home).get()
    annuaire_93 = AnnuairePage.objects.child_of(seine_saint_denis.home).get()
    pages["annuaire_18"], pages["annuaire_93"] = annuaire_18, annuaire_93
    bourges, bobigny = known_commune("bourges"), known_commune("bobigny")
    pages["structure_a"] = make_structure(
        annuaire_18, title="Structure A du Cher", slug="structure-a", commune=bourges
    )
    pages["structure_a2"] = make_structure(
        annuaire_18, title="Structure A2 du Cher", slug="structure-a2", commune=bourges
    )
    pages["structure_b"] = make_structure(
        annuaire_93, title="Structure B de Seine-Saint-Denis", slug="structure-b", commune=bobigny
    )
    pages["structure_b2"] = make_structure(
        annuaire_93, title="Structure B2 de Seine-Saint-Denis", slug="structure-b2", commune=bobigny
    )
    pages["promeneur_a"] = make_promeneur(
        pages["structure_a"],
        first_name="Aline",
        job_title="Animatrice",
        title="Aline, promeneuse A",
        slug="aline",
    )
    pages["promeneur_b"] = make_promeneur(
        pages["structure_b"],
        first_name="Bilal",
        job_title="Éducateur",
        title="Bilal, promeneur B",
        slug="bilal",
    )
    pages["promeneur_pending"] = make_promeneur(
        pages["structure_a"],
        first_name="Prune",
        job_title="Médiatrice",
        title="Prune, en attente",
        slug="prune",
    )

    users = world.users
    users["anonymous"] = None
    users["superuser"] = user("super_admin", superuser=True)
    users["cnaf"] = user("cnaf_national", roles.cnaf_group())
    users["coordination_18"] = user("coord_18", roles.coordination_group(cher.department))
    users["coordination_93"] = user("coord_93", roles.coordination_group(seine_saint_denis.department))
    users["structure_a"] = user("structure_a", roles.structure_group(pages["structure_a"]))
    users["structure_b"] = user("structure_b", roles.structure_group(pages["structure_b"]))

    world.images["image_18"] = image("Image du Cher témoin", cher.collection, users["superuser"])
    world.images["image_93"] = image(
        "Image de Seine-Saint-Denis témoin", seine_saint_denis.collection, users["superuser"]
    )
    world.sites["settings_18"] = cher.site
    world.sites["settings_93"] = seine_saint_denis.site
    world.sites["national"] = Site.objects.get(is_default_site=True)

    # A structure manager's change, submitted for moderation: the pending task of the 18.
    pending = pages["promeneur_pending"]
    pending.title = "Prune, changement en attente"
    pending.save_revision(user=users["structure_a"])
    workflow = pending.get_workflow()
    workflow.start(pending, users["structure_a"])
    pending.refresh_from_db()
    world.task_state = TaskState.objects.get(
        workflow_state__object_id=str(pending.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return world
