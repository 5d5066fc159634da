"""The import updates Wagtail's reference index once per page, at the end (per-save updates switched off with
Wagtail's ``disable_reference_index_auto_update``), and the result is what Wagtail's own update computes: the
imported promeneur references its structure, and recomputing the index changes nothing."""

from wagtail.models import ReferenceIndex

from directory.models import PromeneurPage, StructurePage
from tests.imports.helpers import csv_bytes, promeneur_row
from tests.imports.test_import_roundtrip import import_file


def index_rows(page):
    return sorted(
        ReferenceIndex.objects.filter(
            object_id=str(page.pk), base_content_type=page.get_base_content_type()
        ).values_list("to_content_type_id", "to_object_id", "model_path")
    )


def test_imported_pages_are_in_the_reference_index(client_18, cher):
    import_file(client_18, csv_bytes([promeneur_row(1), promeneur_row(2)]), publication="publier")
    structure = StructurePage.objects.get(title="Centre social des Tilleuls")
    referencing = {ref.object_id for ref in ReferenceIndex.get_references_to(structure)}
    promeneurs = list(PromeneurPage.objects.child_of(structure))
    assert len(promeneurs) == 2
    assert {str(p.pk) for p in promeneurs} <= referencing
    for page in [structure, *promeneurs]:
        before = index_rows(page)
        ReferenceIndex.create_or_update_for_object(page)
        assert index_rows(page) == before
