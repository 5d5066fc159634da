"""The accessibility statement (RGAA 4.1): generated per site by provisioning, editable, with the conformity
status, the date, the non-conformities and derogations, the contact and the Défenseur des droits recourse; the
migration replaces the old stub only."""

import importlib

from django.apps import apps
from django.test import Client

from home.legal import STUBS, department_accessibility_complement, national_accessibility_statement
from home.models import LegalPage

migration = importlib.import_module("home.migrations.0006_accessibility_statement")

REQUIRED = [
    "partiellement conforme",
    "RGAA",
    "2 décembre 2026",
    "Non-conformités",
    "Dérogations pour charge disproportionnée",
    "OpenStreetMap",
    "Défenseur des droits",
    "formulaire.defenseurdesdroits.fr",
    "Libre réponse 71120, 75342 Paris CEDEX 07",
    "09 69 39 00 00",
]


def statement(host="localhost"):
    response = Client(HTTP_HOST=host).get("/accessibilite/")
    assert response.status_code == 200
    return response.content.decode()


def test_national_statement_has_every_required_part(db, national_home):
    html = statement()
    for text in REQUIRED:
        assert text in html, text
    assert "Cnaf" in html


def test_department_site_shows_the_national_text_and_its_own_contact(db, cher):
    html = statement("18.localhost")
    for text in REQUIRED:
        assert text in html, text
    assert "Informations propres à ce site départemental" in html
    assert "promeneurs du Cher" in html


def test_generated_contact_uses_the_address_given():
    text = national_accessibility_statement(
        "Promeneurs du Net", email="a11y@example.org", address="1 rue X\n75000 Paris"
    )
    assert 'href="mailto:a11y@example.org"' in text and "1 rue X 75000 Paris" in text
    complement = department_accessibility_complement("du Cher", email="coordination@example.org")
    assert "coordination@example.org" in complement and "du Cher" in complement


def test_migration_replaces_the_stub_only(db, national_home, cher, seine_saint_denis):
    national = LegalPage.objects.child_of(national_home).get(kind=LegalPage.Kind.ACCESSIBILITY)
    national.body = STUBS[1]
    national.save_revision().publish()
    cher_page = LegalPage.objects.child_of(cher.home).get(kind=LegalPage.Kind.ACCESSIBILITY)
    cher_page.body = ""
    cher_page.save_revision().publish()
    edited = LegalPage.objects.child_of(seine_saint_denis.home).get(kind=LegalPage.Kind.ACCESSIBILITY)
    edited.body = "<p>Texte écrit par la coordination.</p>"
    edited.save_revision().publish()

    migration.replace_stubs(apps, None)

    national.refresh_from_db()
    cher_page.refresh_from_db()
    edited.refresh_from_db()
    assert "partiellement conforme" in national.body
    assert "partiellement conforme" in national.get_latest_revision_as_object().body
    assert "promeneurs du Cher" in cher_page.body
    assert edited.body == "<p>Texte écrit par la coordination.</p>"
