"""The permission matrix of issue 5, every cell asserted through the real admin URLs with the test client.

Roles: anonymous, a manager of structure A (18), of structure B (93), the coordinations of the 18 and of the
93, the Cnaf, an administrator. Each cell is one test: for "see" a GET of the admin listing where the object
shows; for every other action the GET of its admin view when there is one, then the forged POST a browser
would send; an allowed cell must have its effect (so the POST is valid, and a denied cell's "nothing
changed" means something), a denied one must change nothing.

Cnaf × départements "see": the Cnaf has no permission on the départements (Wagtail has no read-only page
permission); it sees their pages read-only in the explorer and in the "Pages des départements" report.
Actions that do not exist for an object (publishing an image, translating a setting…) are not cells."""

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Page, TaskState

from departments.models import SiteIdentity
from directory.models import PromeneurPage, StructurePage
from home.models import ContentPage
from tests.accounts.world import ROLES

Y = "Y"

MATRIX = """
object          action     anonymous structure_a structure_b coordination_18 coordination_93 cnaf superuser
national        see        .         .           .           .               .               Y    Y
national        edit       .         .           .           .               .               Y    Y
national        publish    .         .           .           .               .               Y    Y
national        delete     .         .           .           .               .               Y    Y
national        move       .         .           .           .               .               Y    Y
national        translate  .         .           .           .               .               Y    Y
page_18         see        .         .           .           Y               .               Y    Y
page_18         edit       .         .           .           Y               .               .    Y
page_18         publish    .         .           .           Y               .               .    Y
page_18         delete     .         .           .           Y               .               .    Y
page_18         move       .         .           .           Y               .               .    Y
page_18         translate  .         .           .           Y               .               .    Y
page_93         see        .         .           .           .               Y               Y    Y
page_93         edit       .         .           .           .               Y               .    Y
page_93         publish    .         .           .           .               Y               .    Y
page_93         delete     .         .           .           .               Y               .    Y
page_93         move       .         .           .           .               Y               .    Y
page_93         translate  .         .           .           .               Y               .    Y
structure_a     see        .         Y           .           Y               .               Y    Y
structure_a     edit       .         Y           .           Y               .               .    Y
structure_a     publish    .         .           .           Y               .               .    Y
structure_a     delete     .         .           .           Y               .               .    Y
structure_a     move       .         .           .           .               .               .    Y
structure_a     translate  .         .           .           Y               .               .    Y
promeneur_a     see        .         Y           .           Y               .               Y    Y
promeneur_a     edit       .         Y           .           Y               .               .    Y
promeneur_a     publish    .         .           .           Y               .               .    Y
promeneur_a     delete     .         .           .           Y               .               .    Y
promeneur_a     move       .         .           .           Y               .               .    Y
promeneur_a     translate  .         .           .           Y               .               .    Y
structure_b     see        .         .           Y           .               Y               Y    Y
structure_b     edit       .         .           Y           .               Y               .    Y
structure_b     publish    .         .           .           .               Y               .    Y
structure_b     delete     .         .           .           .               Y               .    Y
structure_b     move       .         .           .           .               .               .    Y
structure_b     translate  .         .           .           .               Y               .    Y
promeneur_b     see        .         .           Y           .               Y               Y    Y
promeneur_b     edit       .         .           Y           .               Y               .    Y
promeneur_b     publish    .         .           .           .               Y               .    Y
promeneur_b     delete     .         .           .           .               Y               .    Y
promeneur_b     move       .         .           .           .               Y               .    Y
promeneur_b     translate  .         .           .           .               Y               .    Y
image_18        see        .         Y           .           Y               .               .    Y
image_18        edit       .         .           .           Y               .               .    Y
image_18        delete     .         .           .           Y               .               .    Y
image_18        move       .         .           .           .               .               .    Y
image_93        see        .         .           Y           .               Y               .    Y
image_93        edit       .         .           .           .               Y               .    Y
image_93        delete     .         .           .           .               Y               .    Y
image_93        move       .         .           .           .               .               .    Y
settings_18     see        .         .           .           Y               .               .    Y
settings_18     edit       .         .           .           Y               .               .    Y
settings_93     see        .         .           .           .               Y               .    Y
settings_93     edit       .         .           .           .               Y               .    Y
settings_nat    see        .         .           .           .               .               Y    Y
settings_nat    edit       .         .           .           .               .               Y    Y
task_18         see        .         .           .           Y               .               .    Y
task_18         approve    .         .           .           Y               .               .    Y
task_18         reject     .         .           .           Y               .               .    Y
"""


def parse(table):
    lines = [line.split() for line in table.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    assert header[2:] == ROLES
    cells = []
    for obj, action, *marks in rows:
        assert len(marks) == len(ROLES), (obj, action)
        for role, mark in zip(ROLES, marks, strict=True):
            cells.append(pytest.param(obj, action, role, mark == Y, id=f"{obj}-{action}-{role}"))
    return cells


CELLS = parse(MATRIX)

# Where "move" sends each page: a place of the right type (a département's coordination can move inside
# its tree; a structure can only go to another département's annuaire: administrators only).
MOVE_TO = {
    "national": "national_dest",
    "page_18": "page_18_dest",
    "page_93": "page_93_dest",
    "structure_a": "annuaire_93",
    "promeneur_a": "structure_a2",
    "structure_b": "annuaire_18",
    "promeneur_b": "structure_b2",
}


def management(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def value(field):
    return "" if field is None else str(field)


def page_form(page, title, publish=False):
    """What Wagtail's edit form posts for this page (a new title, the rest as it is)."""
    page = page.specific
    data = {
        "title": title,
        "slug": page.slug,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        **management("comments"),
    }
    if isinstance(page, ContentPage):
        data.update({"intro": page.intro, "body-count": "0"})
    elif isinstance(page, StructurePage):
        for name in ("structure_type", "address", "postcode", "email", "phone", "website", "presentation"):
            data[name] = value(getattr(page, name))
        data.update(
            commune=str(page.commune_id),
            convention_start=value(page.convention_start),
            convention_end=value(page.convention_end),
            charter_signed_on=value(page.charter_signed_on),
        )
    elif isinstance(page, PromeneurPage):
        data.update(
            first_name=page.first_name,
            last_name=page.last_name,
            job_title=page.job_title,
            missions="Jeunesse",
            themes="",
            presentation=page.presentation,
            contact_instructions=page.contact_instructions,
            charter_signed_on=value(page.charter_signed_on),
            status=page.status,
            status_reason=page.status_reason,
            **management("social_profiles"),
            **management("permanences"),
        )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def admin_listing_shows(client, url, text):
    response = client.get(url)
    if response.status_code != 200:
        return False
    if response["Content-Type"].startswith("application/json"):  # choosers answer with their HTML in JSON
        return text in response.json().get("html", "")
    return text in response.content.decode()


# Pages -------------------------------------------------------------------------------------------------------


def page_see(world, client, page):
    # The explorer view of the page (its own listing: title, status, children the user may reach), or,
    # for the Cnaf, the read-only report of the départements' pages.
    return admin_listing_shows(client, f"/admin/pages/{page.pk}/", page.title) or admin_listing_shows(
        client, reverse("accounts_admin:network_pages") + "?title=" + page.title[:20], page.title
    )


def page_edit(world, client, page):
    shown = client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    before = fresh(page)
    client.post(f"/admin/pages/{page.pk}/edit/", page_form(before, "Titre modifié en brouillon"))
    after = fresh(page)
    changed = after.latest_revision_id != before.latest_revision_id
    if changed:
        assert after.get_latest_revision().content["title"] == "Titre modifié en brouillon"
        assert after.title == before.title, "a draft must not change the live page"
    assert shown == changed, "the edit view and the forged POST disagree"
    return changed


def page_publish(world, client, page):
    before = fresh(page)
    client.post(f"/admin/pages/{page.pk}/edit/", page_form(before, "Titre publié", publish=True))
    return fresh(page).title == "Titre publié"


def page_delete(world, client, page):
    client.post(f"/admin/pages/{page.pk}/delete/")
    return not Page.objects.filter(pk=page.pk).exists()


def page_move(world, client, page, key):
    destination = world.pages[MOVE_TO[key]]
    client.post(f"/admin/pages/{page.pk}/move/{destination.pk}/confirm/")
    return fresh(page).get_parent().pk == destination.pk


def page_translate(world, client, page):
    client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [str(world.english.pk)]})
    translation = Page.objects.filter(
        translation_key=page.translation_key, locale=world.english, alias_of__isnull=True
    ).first()
    if translation is not None:
        assert not translation.live, "wagtail-localize must not make a translation live"
    return translation is not None


# Images ------------------------------------------------------------------------------------------------------


def image_see(world, client, image):
    return admin_listing_shows(client, "/admin/images/", image.title) or admin_listing_shows(
        client, "/admin/images/chooser/", image.title
    )


def image_form(image, **changes):
    data = {
        "title": image.title,
        "collection": str(image.collection_id),
        "tags": "",
        "description": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
    }
    data.update(changes)
    return data


def image_edit(world, client, image):
    shown = client.get(f"/admin/images/{image.pk}/").status_code == 200
    client.post(f"/admin/images/{image.pk}/", image_form(image, title="Titre d'image modifié"))
    changed = get_image_model().objects.get(pk=image.pk).title == "Titre d'image modifié"
    assert shown == changed
    return changed


def image_delete(world, client, image):
    client.post(f"/admin/images/{image.pk}/delete/")
    return not get_image_model().objects.filter(pk=image.pk).exists()


def image_move(world, client, image):
    """Into the other département's collection."""
    other = world.seine_saint_denis if image.collection_id == world.cher.collection.pk else world.cher
    client.post(f"/admin/images/{image.pk}/", image_form(image, collection=str(other.collection.pk)))
    return get_image_model().objects.get(pk=image.pk).collection_id == other.collection.pk


# Site settings -----------------------------------------------------------------------------------------------


def settings_url(site):
    return f"/admin/settings/departments/siteidentity/{site.pk}/"


def settings_see(world, client, site):
    response = client.get(settings_url(site))
    return response.status_code == 200 and 'name="coordination_email"' in response.content.decode()


def settings_edit(world, client, site):
    data = {
        "site_name": "Nom modifié",
        "logo": "",
        "coordination_structure": "",
        "coordinator_name": "",
        "coordination_email": "pirate@exemple.invalid",
        "coordination_phone": "",
        "coordination_address": "",
        "facebook_url": "",
        "instagram_url": "",
        "linkedin_url": "",
        "youtube_url": "",
        **management("footer_links"),
    }
    client.post(settings_url(site), data)
    return SiteIdentity.for_site(site).coordination_email == "pirate@exemple.invalid"


# The pending moderation task of the 18 ----------------------------------------------------------------------


def task_see(world, client, task_state):
    # The dashboard's "awaiting your review" panel links to the approve action.
    page_id = task_state.workflow_state.object_id
    approve_url = f"/admin/pages/workflow/action/{page_id}/approve/{task_state.pk}/"
    return admin_listing_shows(client, "/admin/", approve_url)


def task_act(world, client, task_state, action):
    page_id = task_state.workflow_state.object_id
    client.post(
        f"/admin/pages/workflow/action/{page_id}/{action}/{task_state.pk}/", {"comment": "Merci de préciser."}
    )
    status = TaskState.objects.get(pk=task_state.pk).status
    expected = TaskState.STATUS_APPROVED if action == "approve" else TaskState.STATUS_REJECTED
    assert status in (TaskState.STATUS_IN_PROGRESS, expected)
    if status == TaskState.STATUS_APPROVED:
        assert fresh(Page.objects.get(pk=page_id)).title == "Prune, changement en attente"
    return status == expected


def perform(world, client, obj, action):
    if obj.startswith("image_"):
        image = world.images[obj]
        return {"see": image_see, "edit": image_edit, "delete": image_delete, "move": image_move}[action](
            world, client, image
        )
    if obj.startswith("settings_"):
        site = world.sites["national" if obj == "settings_nat" else obj]
        return {"see": settings_see, "edit": settings_edit}[action](world, client, site)
    if obj == "task_18":
        if action == "see":
            return task_see(world, client, world.task_state)
        return task_act(world, client, world.task_state, action)
    page = world.pages[obj]
    if action == "move":
        return page_move(world, client, page, obj)
    handler = {
        "see": page_see,
        "edit": page_edit,
        "publish": page_publish,
        "delete": page_delete,
        "translate": page_translate,
    }[action]
    return handler(world, client, page)


@pytest.mark.parametrize(("obj", "action", "role", "allowed"), CELLS)
def test_permission_matrix(world, client_for, obj, action, role, allowed):
    client = client_for(role)
    assert perform(world, client, obj, action) is allowed
