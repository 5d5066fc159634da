"""The import places its new pages in the tree as treebeard's ``add_child`` would (the same materialised paths
after the parent's last child, depth, ``numchild``), computed in bulk with treebeard's own step functions and
inserted with Django's private ``QuerySet._batched_insert`` (and indexed with Wagtail's private reference
extraction): this test fails if any of them moves or changes."""

import pytest
from django.db import transaction
from django.db.models.query import QuerySet
from wagtail.models import Page, ReferenceIndex

from directory.factories import annuaire_of, make_promeneur, make_structure
from directory.models import PromeneurPage, StructurePage
from tests.imports.helpers import csv_bytes, promeneur_row
from tests.imports.test_import_roundtrip import import_file


class Undo(Exception):
    pass


def test_the_private_helpers_the_import_relies_on_are_there():
    # imports/bulk.py: MP_AddChildHandler's step functions and Django's multi-row insert.
    assert callable(Page._get_path) and callable(Page._inc_path) and callable(Page.get_last_child)
    assert callable(QuerySet._batched_insert)
    # and Wagtail's reference extraction (its output is checked by test_import_reference_index.py).
    assert callable(ReferenceIndex._extract_references_from_object)
    assert callable(ReferenceIndex._get_content_path_hash)


def paths_added_by_treebeard(parent, count):
    """The paths add_child gives ``count`` new children of ``parent`` (in a savepoint rolled back)."""
    paths = []
    try:
        with transaction.atomic():
            for n in range(count):
                child = PromeneurPage(
                    title=f"Essai {n}", slug=f"essai-{n}", first_name="Essai", job_title="x"
                )
                parent.add_child(instance=child)
                paths.append(child.path)
            raise Undo
    except Undo:
        pass
    return paths


def test_new_pages_take_the_paths_add_child_would_give(client_18, cher, communes):
    structure = make_structure(annuaire_of(cher), title="Maison des Hirondelles", commune=communes["bourges"])
    make_promeneur(structure, first_name="Déjà")
    annuaire = annuaire_of(cher)
    expected_promeneurs = paths_added_by_treebeard(StructurePage.objects.get(pk=structure.pk), 3)
    expected_structure = paths_added_by_treebeard(Page.objects.get(pk=annuaire.pk), 1)[0]

    rows = [promeneur_row(n, structure="Maison des Hirondelles") for n in range(3)]
    rows += [promeneur_row(n, structure="Centre social neuf", commune="Vierzon") for n in range(3, 5)]
    counts = import_file(client_18, csv_bytes(rows), publication="publier")
    assert counts["promeneurs_created"] == 5 and counts["structures_created"] == 1

    imported = PromeneurPage.objects.child_of(structure).filter(first_name__startswith="Prénom")
    assert sorted(p.path for p in imported) == expected_promeneurs
    new_structure = StructurePage.objects.get(title="Centre social neuf")
    assert new_structure.path == expected_structure
    assert new_structure.depth == structure.depth and new_structure.numchild == 2
    assert [p.path for p in PromeneurPage.objects.child_of(new_structure).order_by("path")] == [
        Page._get_path(new_structure.path, new_structure.depth + 1, step) for step in (1, 2)
    ]
    structure.refresh_from_db()
    assert structure.numchild == 4
    assert Page.objects.get(pk=annuaire.pk).numchild == len(Page.objects.get(pk=annuaire.pk).get_children())
    assert all(not problems for problems in Page.find_problems())
    # Treebeard carries on after them.
    later = PromeneurPage(title="Après", slug="apres", first_name="Après", job_title="x")
    structure.add_child(instance=later)
    assert later.path == Page.objects.get(pk=max(imported, key=lambda p: p.path).pk)._inc_path()


@pytest.mark.parametrize("publication", ["publier", "brouillon"])
def test_url_paths_and_locale_follow_the_parent(client_18, publication):
    import_file(client_18, csv_bytes([promeneur_row(1, structure="Maison des Hirondelles")]), publication)
    structure = StructurePage.objects.get(title="Maison des Hirondelles")
    promeneur = PromeneurPage.objects.get(first_name="Prénom1")
    assert structure.url_path == f"{structure.get_parent().url_path}{structure.slug}/"
    assert promeneur.url_path == f"{structure.url_path}{promeneur.slug}/"
    assert promeneur.locale_id == structure.locale_id == structure.get_parent().locale_id
    assert promeneur.structure_id == structure.pk and promeneur.department_id == structure.department_id
    assert structure.department.code == "18"
