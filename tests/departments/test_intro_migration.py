"""Migration 0004 rewrites the generated default intros that still read « dans le département Cher », in the
live page and in its latest revision, and leaves an intro someone edited as it is."""

import importlib

from django.apps import apps

from departments.models import DepartmentHomePage
from directory.models import AnnuairePage

migration = importlib.import_module("departments.migrations.0004_fill_articles_and_intros")


def set_intro(page, text):
    page.intro = text
    page.save_revision().publish()
    page.refresh_from_db()


def test_old_default_intros_are_rewritten_and_edited_ones_kept(db, cher, seine_saint_denis):
    cher_home = DepartmentHomePage.objects.get(pk=cher.home.pk)
    set_intro(cher_home, "Le réseau des Promeneurs du Net dans le département Cher.")
    cher_annuaire = AnnuairePage.objects.child_of(cher_home).get()
    set_intro(cher_annuaire, "Les promeneurs et promeneuses du Net du département Cher.")
    edited = DepartmentHomePage.objects.get(pk=seine_saint_denis.home.pk)
    set_intro(edited, "Bienvenue sur le site de la coordination, dans le département Seine-Saint-Denis.")

    migration.fill(apps, None)

    cher_home.refresh_from_db()
    cher_annuaire.refresh_from_db()
    edited.refresh_from_db()
    assert cher_home.intro == "Le réseau des Promeneurs du Net dans le Cher."
    assert cher_home.get_latest_revision().content["intro"] == "Le réseau des Promeneurs du Net dans le Cher."
    assert cher_annuaire.intro == "Les promeneurs et promeneuses du Net du Cher."
    assert (
        cher_annuaire.get_latest_revision_as_object().intro == "Les promeneurs et promeneuses du Net du Cher."
    )
    assert edited.intro == "Bienvenue sur le site de la coordination, dans le département Seine-Saint-Denis."
