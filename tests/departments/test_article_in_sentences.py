"""The sentences that name a département say it with its article (issue #15): « les promeneurs du Cher »,
« n’est pas en Seine-Saint-Denis », « des structures des Alpes-de-Haute-Provence », never « du département
Cher ». The annuaire's notice, the verification's « autre département » line, the coordination's e-mails."""

from types import SimpleNamespace

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from departments.models import Department
from directory.annuaire import AnnuaireForm
from directory.models import PromeneurPage

pytestmark = pytest.mark.django_db

#: code → (the annuaire's notice, the verification's line, the convention reminder, the report e-mail)
EXPECTED = {
    "18": (
        "Cet annuaire ne présente que les promeneurs du Cher : le filtre « département » a été ignoré.",
        "Ce promeneur n’est pas dans le Cher, mais il est labellisé dans un autre département du réseau.",
        "entre la Caf et des structures du Cher arrivent à échéance",
        "a signalé un profil à la coordination du Cher.",
    ),
    "93": (
        "Cet annuaire ne présente que les promeneurs de la Seine-Saint-Denis : le filtre « département »",
        "Ce promeneur n’est pas en Seine-Saint-Denis, mais il est labellisé",
        "entre la Caf et des structures de la Seine-Saint-Denis arrivent à échéance",
        "a signalé un profil à la coordination de la Seine-Saint-Denis.",
    ),
    "04": (
        "Cet annuaire ne présente que les promeneurs des Alpes-de-Haute-Provence : le filtre",
        "Ce promeneur n’est pas dans les Alpes-de-Haute-Provence, mais il est labellisé",
        "entre la Caf et des structures des Alpes-de-Haute-Provence arrivent à échéance",
        "a signalé un profil à la coordination des Alpes-de-Haute-Provence.",
    ),
}


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def department(code: str) -> Department:
    return Department.objects.get(code=code)


@pytest.mark.parametrize("code", EXPECTED)
def test_the_annuaire_of_a_departement_names_it_with_its_article(code):
    other = "75" if code != "75" else "18"
    checked = AnnuaireForm(QueryDict(f"departement={other}"), SimpleNamespace(department=department(code)))
    assert checked.notices[0].startswith(EXPECTED[code][0])
    assert "du département" not in checked.notices[0]


@pytest.mark.parametrize("code", EXPECTED)
def test_the_verification_says_the_promeneur_is_not_in_this_departement(code):
    match = SimpleNamespace(
        platform_label="Instagram",
        handle="@x.y",
        promeneur=PromeneurPage(title="Manon", first_name="Manon", job_title="Animatrice"),
        department=department("62"),
    )
    line = render_to_string(
        "directory/includes/match_line.html",
        {"match": match, "section": SimpleNamespace(department=department(code))},
    )
    assert EXPECTED[code][1] in line
    assert "dans le département" not in line


@pytest.mark.parametrize("code", EXPECTED)
def test_the_convention_reminder_names_the_departement_with_its_article(code):
    body = render_to_string(
        "accounts/emails/convention_reminder.txt", {"department": department(code), "items": []}
    )
    assert EXPECTED[code][2] in " ".join(body.split())
    assert "du département" not in body


@pytest.mark.parametrize("code", EXPECTED)
def test_the_report_email_names_the_coordination_with_its_article(code):
    report = SimpleNamespace(profile="@faux.promeneur", platform="", reply_email="")
    body = render_to_string(
        "reports/emails/new_report.txt",
        {"department": department(code), "report": report, "admin_url": "https://admin.exemple/"},
    )
    assert EXPECTED[code][3] in " ".join(body.split())
    assert "coordination –" not in body
