"""A new département's site says « dans l’Ain » and « de l’Ain », never « dans le département Ain »."""

from django.utils import translation

from directory.models import AnnuairePage
from home.models import LegalPage
from network.provisioning import create_department_site


def test_new_site_intros_name_the_department_with_its_article(db, national_home):
    ain = create_department_site("01")
    assert ain.home.intro == "Le réseau des Promeneurs du Net dans l’Ain."
    annuaire = AnnuairePage.objects.child_of(ain.home).get()
    assert annuaire.intro == "Les promeneurs et promeneuses du Net de l’Ain."
    for page in (ain.home, annuaire):
        assert "département Ain" not in page.intro

    reunion = create_department_site("974")
    assert reunion.home.intro == "Le réseau des Promeneurs du Net à La Réunion."
    accessibility = LegalPage.objects.child_of(reunion.home).get(kind=LegalPage.Kind.ACCESSIBILITY)
    assert "fiches des promeneurs de La Réunion" in accessibility.body


def test_public_home_shows_the_sentence(db, national_home, client):
    create_department_site("78", hostname="78.localhost")
    html = client.get("/", HTTP_HOST="78.localhost").content.decode()
    assert "Le réseau des Promeneurs du Net dans les Yvelines." in html
    assert "département Yvelines" not in html


def test_a_site_created_under_another_language_is_written_in_french(db, national_home):
    """An administrator whose admin is in English creates the Ain: its French pages still say « dans l’Ain »."""
    with translation.override("en"):
        ain = create_department_site("01")
        assert translation.get_language() == "en"  # given back afterwards
    assert ain.home.intro == "Le réseau des Promeneurs du Net dans l’Ain."
    annuaire = AnnuairePage.objects.child_of(ain.home).get()
    assert annuaire.intro == "Les promeneurs et promeneuses du Net de l’Ain."
    accessibility = LegalPage.objects.child_of(ain.home).get(kind=LegalPage.Kind.ACCESSIBILITY)
    assert "de l’Ain" in accessibility.body and "of Ain" not in accessibility.body
