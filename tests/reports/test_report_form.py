"""The public form "Signaler un profil": what it shows, what it stores, and its answers to bad input
(French errors, values kept, never a 500)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from directory.factories import make_promeneur, make_structure, set_status
from directory.models import PromeneurStatus
from reports.models import ProfileReport
from tests.reports.conftest import valid_data

pytestmark = pytest.mark.django_db

URL = "/signaler/"


@pytest.fixture
def on_cher(cher):
    return Client(HTTP_HOST="18.localhost")


@pytest.fixture
def promeneur_18(cher):
    structure = make_structure(cher, title="Centre social des Tilleuls", slug="tilleuls")
    return make_promeneur(
        structure, first_name="Camille", job_title="Animatrice", title="Camille, animatrice"
    )


def test_url_names():
    assert reverse("reports:report") == URL
    assert reverse("reports:done") == "/signaler/merci/"


def test_form_is_accessible_french_and_asks_no_department_on_a_department_site(on_cher):
    response = on_cher.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Signaler un profil</h1>" in html
    assert 'for="id_profil"' in html and 'aria-describedby="id_profil-hint"' in html
    assert 'name="departement"' not in html
    assert "Je ne sais pas" in html
    # The honeypot: labelled, hidden from assistive technologies, out of the tab order.
    assert 'aria-hidden="true"' in html and 'tabindex="-1"' in html and 'for="id_site_internet"' in html
    assert 'href="tel:17"' in html


def test_prefill_from_the_verification_page(on_cher, promeneur_18):
    response = on_cher.get(URL, {"profil": "camille_pdn18O", "reseau": "instagram", "imite": promeneur_18.pk})
    html = response.content.decode()
    assert 'value="camille_pdn18O"' in html
    assert '<option value="instagram" selected>' in html
    assert "Vous signalez un profil qui imite Camille, animatrice (Centre social des Tilleuls)" in html
    assert f'name="imite" value="{promeneur_18.pk}"' in html


@pytest.mark.parametrize("imite", ["999999", "abc", "-3", "", "1" * 40])
def test_an_unknown_imitated_promeneur_is_ignored(on_cher, imite):
    response = on_cher.get(URL, {"imite": imite, "reseau": "pas-un-reseau"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "qui imite" not in html
    assert 'name="imite" value=""' in html
    assert '<option value="" selected>Je ne sais pas</option>' in html


def test_an_unlisted_promeneur_is_ignored(on_cher, promeneur_18):
    set_status(promeneur_18, PromeneurStatus.SUSPENDED, "Test")
    html = on_cher.get(URL, {"imite": promeneur_18.pk, "promeneur": promeneur_18.pk}).content.decode()
    assert "Camille" not in html


def test_report_from_a_profile_page(on_cher, promeneur_18):
    html = on_cher.get(URL, {"promeneur": promeneur_18.pk}).content.decode()
    assert "Vous signalez la fiche de Camille, animatrice" in html
    response = on_cher.post(URL, valid_data(promeneur=str(promeneur_18.pk)))
    assert response.status_code == 302
    assert ProfileReport.objects.get().reported_promeneur_id == promeneur_18.pk


def test_a_report_is_stored_exactly_as_typed_and_redirected(on_cher):
    typed = "  <script>alert('x')</script> @camille_pdn18O  "
    description = "Ligne 1\r\n<b>gras</b> & « guillemets »"
    response = on_cher.post(URL, valid_data(profil=typed, description=description, email="parent@exemple.fr"))
    assert response.status_code == 302
    assert response["Location"] == "/signaler/merci/?departement=18&reponse=1"
    report = ProfileReport.objects.get()
    assert report.profile == typed
    assert report.description == "Ligne 1\n<b>gras</b> & « guillemets »"
    assert report.reply_email == "parent@exemple.fr"
    assert report.platform == "instagram"
    assert report.status == ProfileReport.Status.NEW
    assert report.department.code == "18"


def test_the_confirmation_page_says_what_happens_next(on_cher):
    response = on_cher.get("/signaler/merci/", {"departement": "18", "reponse": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "La coordination des Promeneurs du Net du Cher examine votre signalement" in html
    assert "la coordination vous répondra à cette adresse" in html
    for number in ("17", "3018", "119"):
        assert f'href="tel:{number}"' in html
    html = on_cher.get("/signaler/merci/", {"departement": "<b>"}).content.decode()
    assert "vous ne recevrez pas de réponse" in html and "<b>" not in html


def _errors_shown(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert "Votre signalement n’a pas été envoyé" in html
    assert 'aria-invalid="true"' in html
    assert ProfileReport.objects.count() == 0
    return html


def test_empty_profile(on_cher):
    html = _errors_shown(on_cher.post(URL, valid_data(profil="", email="parent@exemple.fr")))
    assert "Indiquez le profil ou le pseudo que vous signalez." in html
    assert 'href="#id_profil"' in html
    assert 'value="parent@exemple.fr"' in html  # the other values are kept


def test_blank_profile(on_cher):
    html = _errors_shown(on_cher.post(URL, valid_data(profil="   \t ")))
    assert "Indiquez le profil ou le pseudo que vous signalez." in html


def test_oversized_profile_and_description(on_cher):
    html = _errors_shown(on_cher.post(URL, valid_data(profil="a" * 501, description="b" * 1001)))
    assert "Assurez-vous que cette valeur comporte au plus 500 caractères (actuellement 501)." in html
    assert "au plus 1000 caractères (actuellement 1001)" in html
    assert "a" * 501 in html  # kept


def test_line_ends_count_as_one_character(on_cher):
    response = on_cher.post(URL, valid_data(description=("x" * 9 + "\r\n") * 100))
    assert response.status_code == 302
    assert len(ProfileReport.objects.get().description) == 1000


def test_html_is_shown_escaped_in_the_form(on_cher):
    html = _errors_shown(
        on_cher.post(
            URL,
            valid_data(
                profil="<script>alert(1)</script>", description="<img src=x onerror=alert(1)>", email="x"
            ),
        )
    )
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_invalid_email(on_cher):
    html = _errors_shown(on_cher.post(URL, valid_data(email="pas-une-adresse")))
    assert "Saisissez une adresse e-mail valide" in html
    assert 'value="pas-une-adresse"' in html


def test_unknown_network(on_cher):
    html = _errors_shown(on_cher.post(URL, valid_data(reseau="myspace")))
    assert "Choisissez un réseau de la liste" in html


def test_null_character(on_cher):
    html = _errors_shown(on_cher.post(URL, valid_data(profil="abc\x00def")))
    assert "Le caractère nul n’est pas autorisé." in html


def test_unknown_department_on_the_national_site(cher, seine_saint_denis):
    client = Client(HTTP_HOST="localhost")
    html = _errors_shown(client.post(URL, valid_data(departement="999999")))
    assert "Choisissez un département de la liste." in html
    html = _errors_shown(client.post(URL, valid_data(departement="")))
    assert "Choisissez le département dont la coordination doit recevoir le signalement." in html


def test_oversized_body_gets_a_french_error(on_cher):
    response = on_cher.post(URL, valid_data(description="x" * 40_000))
    assert response.status_code == 413
    assert "Votre envoi est trop volumineux" in response.content.decode()
    assert ProfileReport.objects.count() == 0


def test_multipart_and_odd_methods_never_500(on_cher):
    assert on_cher.put(URL).status_code == 405
    response = on_cher.post(URL, valid_data(), content_type="application/json")
    assert response.status_code == 200
    assert ProfileReport.objects.count() == 0


def test_csrf_is_checked(cher):
    client = Client(HTTP_HOST="18.localhost", enforce_csrf_checks=True)
    assert client.post(URL, valid_data()).status_code == 403
    assert ProfileReport.objects.count() == 0
    client.get(URL)
    token = client.cookies["csrftoken"].value
    assert client.post(URL, valid_data(csrfmiddlewaretoken=token)).status_code == 302
    assert ProfileReport.objects.count() == 1


def test_honeypot_pretends_success_and_keeps_nothing(on_cher):
    response = on_cher.post(URL, valid_data(site_internet="https://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/signaler/merci/"
    assert ProfileReport.objects.count() == 0
    assert mail.outbox == []
