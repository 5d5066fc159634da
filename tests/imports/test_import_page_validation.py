"""The import cleans every new page as Wagtail's save would (``full_clean``: the fields, the page type's
``clean()``, the slug unique among its siblings) before writing any: a page that fails it stops the import, and
nothing is imported (one transaction)."""

import pytest
from django.core.exceptions import ValidationError

from directory.factories import annuaire_of, make_promeneur, make_structure
from directory.models import PromeneurPage, StructurePage
from imports import bulk
from tests.imports.helpers import csv_bytes, promeneur_row
from tests.imports.test_import_roundtrip import CONFIRM_18, preview


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)


def confirm(client):
    rows = [promeneur_row(n, structure="Maison des Hirondelles") for n in range(3)]
    token = preview(client, csv_bytes(rows)).context["confirm_form"].initial["jeton"]
    return client.post(CONFIRM_18, {"jeton": token, "publication": "publier"}, follow=True)


def test_a_page_its_model_refuses_stops_the_import(client_18, monkeypatch):
    cleaned = []
    real_clean = PromeneurPage.clean

    def clean(self):
        cleaned.append(self.first_name)
        real_clean(self)
        if self.first_name == "Prénom2":
            raise ValidationError({"job_title": "refusé"})

    monkeypatch.setattr(PromeneurPage, "clean", clean)
    html = confirm(client_18).content.decode()
    assert cleaned == ["Prénom0", "Prénom1", "Prénom2"]
    assert "L'import a échoué : rien n'a été importé, l'annuaire est tel qu'avant." in html
    assert not StructurePage.objects.filter(title="Maison des Hirondelles").exists()
    assert not PromeneurPage.objects.exists()


def test_a_slug_taken_meanwhile_among_the_siblings_stops_the_import(client_18, cher, communes, monkeypatch):
    """Slugs are chosen from the parent's children read before the parent is locked; Wagtail's unique-slug
    check, after the lock, refuses one taken meanwhile, and two new pages never share one."""
    structure = make_structure(annuaire_of(cher), title="Maison des Hirondelles", commune=communes["bourges"])
    taken = make_promeneur(structure, first_name="Déjà").slug
    real_place = bulk._place

    def place(parent, pages):
        numchild = real_place(parent, pages)
        if isinstance(pages[0], PromeneurPage):
            pages[0].slug = taken  # as if an editor had just added a page with that slug
        return numchild

    monkeypatch.setattr(bulk, "_place", place)
    assert "L'import a échoué" in confirm(client_18).content.decode()
    assert PromeneurPage.objects.count() == 1


def test_two_new_siblings_never_share_a_slug(client_18, monkeypatch):
    real_place = bulk._place

    def place(parent, pages):
        numchild = real_place(parent, pages)
        if isinstance(pages[0], PromeneurPage):
            pages[1].slug = pages[0].slug
        return numchild

    monkeypatch.setattr(bulk, "_place", place)
    assert "L'import a échoué" in confirm(client_18).content.decode()
    assert not PromeneurPage.objects.exists()
