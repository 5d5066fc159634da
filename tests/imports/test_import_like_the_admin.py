"""An imported page ends as a page created the Wagtail way (``add_child``, ``save_revision``, ``publish``: what
the admin's create view does), although the import writes its pages in bulk: the same fields, one revision
holding the same content, the same audit-log entries, editable in the admin with its history, and public:
served, found by the search, listed in the annuaire."""

import datetime

from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from directory.models import Permanence, PromeneurPage, SocialProfile, StructurePage, ThemeTag
from tests.imports.helpers import csv_bytes, promeneur_row
from tests.imports.test_import_roundtrip import import_file

STRUCTURE = "Maison des Hirondelles"
#: Fields that differ between two pages by nature (identity, position, names, moments).
OWN = {
    "id",
    "pk",
    "page_ptr",
    "path",
    "url_path",
    "slug",
    "title",
    "draft_title",
    "first_name",
    "sort_key",
    "translation_key",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "latest_revision",
    "live_revision",
}


def imported(client, publication="publier"):
    row = promeneur_row(
        1,
        structure=STRUCTURE,
        prenom="Ombeline",
        themes="Santé ; Loisirs, sports et culture",
        permanences="mercredi 14:00-17:00 (Instagram)",
    )
    counts = import_file(client, csv_bytes([row]), publication=publication)
    assert counts["promeneurs_created"] == 1
    return PromeneurPage.objects.get(first_name="Ombeline")


def the_wagtail_way(structure, user, publish=True) -> PromeneurPage:
    """Created as the admin's create view does: add_child, save_revision, then publish."""
    page = PromeneurPage(
        title="Philibertine, animatrice jeunesse",
        slug="philibertine",
        owner=user,
        first_name="Philibertine",
        last_name="Martin",
        job_title="Animatrice jeunesse",
        status="actif",
        charter_signed_on=datetime.date(2024, 2, 1),
    )
    page.live = False
    page.social_profiles = [
        SocialProfile(
            platform="instagram", handle="philibertine.pdn", url="https://www.instagram.com/phili.pdn/"
        )
    ]
    page.permanences = [Permanence(weekday=2, start_time="14:00", end_time="17:00", platform="instagram")]
    page.themes.set(
        [ThemeTag.objects.get(name="Santé"), ThemeTag.objects.get(name="Loisirs, sports et culture")]
    )
    page.missions.set(list(PromeneurPage.objects.get(first_name="Ombeline").missions.all()))
    structure.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=False)
    if publish:
        revision.publish(user=user)
    return PromeneurPage.objects.get(pk=page.pk)


def entries(page):
    return [
        (
            entry.action,
            entry.content_type_id,
            entry.label,
            entry.user_id,
            entry.content_changed,
            entry.revision_id,
        )
        for entry in PageLogEntry.objects.filter(page=page).order_by("id")
    ]


def test_an_imported_page_ends_as_one_created_the_wagtail_way(client_18, coordinator_18):
    ours = imported(client_18)
    structure = StructurePage.objects.get(title=STRUCTURE)
    theirs = the_wagtail_way(structure, coordinator_18)

    # Tree: siblings, numchild, url_path; treebeard finds nothing wrong anywhere.
    assert ours.get_parent().pk == theirs.get_parent().pk == structure.pk
    assert ours.depth == theirs.depth and len(ours.path) == len(theirs.path) and ours.path < theirs.path
    assert StructurePage.objects.get(pk=structure.pk).numchild == 2
    assert ours.url_path == f"{structure.url_path}{ours.slug}/"
    assert all(not problems for problems in Page.find_problems())
    # The page's own fields and its state: live, published, one revision, the latest and the live one.
    for field in PromeneurPage._meta.concrete_fields:
        if field.name not in OWN:
            assert getattr(ours, field.attname) == getattr(theirs, field.attname), field.name
    assert (
        ours.live and not ours.has_unpublished_changes and ours.first_published_at and ours.last_published_at
    )
    assert ours.revisions.count() == 1 and ours.latest_revision_id == ours.live_revision_id
    assert ours.latest_revision_created_at == ours.latest_revision.created_at
    assert ours.draft_title == ours.title
    # The revision holds the same content (child rows with their ids, as saved).
    ours_content, theirs_content = ours.latest_revision.content, theirs.latest_revision.content
    assert ours_content.keys() == theirs_content.keys()
    for name in ("social_profiles", "permanences", "tagged_themes", "tagged_missions"):
        assert [set(child) for child in ours_content[name]] == [set(child) for child in theirs_content[name]]
        assert all(child["pk"] for child in ours_content[name]), name
    restored = ours.latest_revision.as_object()
    assert [p.url for p in restored.social_profiles.all()] == ["https://www.instagram.com/import.pdn1/"]
    assert sorted(t.name for t in restored.themes.all()) == ["Loisirs, sports et culture", "Santé"]
    # The audit log: created, then published with its revision, by the importing coordinator.
    assert [entry[0] for entry in entries(ours)] == ["wagtail.create", "wagtail.publish"]
    assert [entry[1:-1] for entry in entries(ours)] == [
        (entry[1], "Ombeline, animatrice jeunesse", *entry[3:-1]) for entry in entries(theirs)
    ]
    assert entries(ours)[1][-1] == ours.latest_revision_id


def test_an_imported_page_is_editable_in_the_admin_with_its_history(client_18):
    ours = imported(client_18)
    edit = client_18.get(reverse("wagtailadmin_pages:edit", args=[ours.pk]))
    assert edit.status_code == 200
    assert 'value="Ombeline"' in edit.content.decode()
    history = client_18.get(reverse("wagtailadmin_pages:history", args=[ours.pk]))
    assert history.status_code == 200
    assert "Créé" in history.content.decode() and "Publié" in history.content.decode()
    structure = StructurePage.objects.get(title=STRUCTURE)
    assert client_18.get(reverse("wagtailadmin_pages:edit", args=[structure.pk])).status_code == 200


def test_an_imported_draft_waits_in_the_admin(client_18):
    ours = imported(client_18, publication="brouillon")
    assert not ours.live and ours.has_unpublished_changes and ours.live_revision_id is None
    assert ours.latest_revision_id and ours.first_published_at is None
    assert [entry[0] for entry in entries(ours)] == ["wagtail.create"]
    assert client_18.get(reverse("wagtailadmin_pages:edit", args=[ours.pk])).status_code == 200


def test_an_imported_page_is_public_found_and_listed(client_18):
    ours = imported(client_18)
    _site, root, path = ours.get_url_parts()
    public = Client(HTTP_HOST=root.split("://")[1])
    page = public.get(path)
    assert page.status_code == 200 and "Ombeline" in page.content.decode()
    found = public.get("/recherche/?q=Ombeline")
    assert "Ombeline, animatrice jeunesse" in found.content.decode()
    assert "Ombeline" in public.get("/annuaire/").content.decode()


def index_entries(pages):
    from wagtail.search.models import IndexEntry

    return sorted(
        IndexEntry.objects.filter(object_id__in=[str(p.pk) for p in pages]).values_list(
            "content_type_id", "object_id", "title", "autocomplete", "body"
        )
    )


def test_the_search_entries_are_what_a_save_would_index(client_18):
    from modelsearch import index

    ours = imported(client_18)
    pages = [ours, StructurePage.objects.get(title=STRUCTURE)]
    written = index_entries(pages)
    assert len(written) == 2
    for page in pages:
        index.insert_or_update_object(page)  # what modelsearch's post_save task does for one object
    assert index_entries(pages) == written
