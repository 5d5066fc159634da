"""Which coordination receives a report: the imitated promeneur's département for a look-alike, the
reported profile page's, else the département of the site posted on; on the national site the visitor
chooses among the départements that have a site."""

import pytest
from django.test import Client

from departments.models import Department
from directory.factories import make_promeneur, make_structure, set_status
from directory.models import PromeneurStatus
from reports.models import ProfileReport
from tests.reports.conftest import valid_data

pytestmark = pytest.mark.django_db

URL = "/signaler/"


@pytest.fixture
def promeneur_93(seine_saint_denis):
    structure = make_structure(seine_saint_denis, title="Maison des jeunes de Bobigny", slug="mdj")
    return make_promeneur(structure, first_name="Yanis", job_title="Éducateur", title="Yanis, éducateur")


def post(host, **data):
    response = Client(HTTP_HOST=host).post(URL, valid_data(**data))
    assert response.status_code == 302, response.content.decode()[:3000]
    return ProfileReport.objects.latest("pk")


def test_a_department_site_routes_to_its_coordination(cher, seine_saint_denis):
    assert post("18.localhost").department.code == "18"
    assert post("93.localhost").department.code == "93"


def test_a_department_posted_to_another_site_is_ignored(cher, seine_saint_denis):
    other = Department.objects.get(code="93")
    assert post("18.localhost", departement=str(other.pk)).department.code == "18"


def test_the_national_site_asks_for_a_department_with_a_site(cher, seine_saint_denis):
    html = Client(HTTP_HOST="localhost").get(URL).content.decode()
    select = html.split('name="departement"')[1].split("</select>")[0]
    assert "Cher (18)" in select and "Seine-Saint-Denis (93)" in select
    assert "Paris (75)" not in select  # no site, no coordination
    assert select.count("<option") == 3  # the empty choice and the two départements
    paris = Department.objects.get(code="75")
    response = Client(HTTP_HOST="localhost").post(URL, valid_data(departement=str(paris.pk)))
    assert "Choisissez un département de la liste." in response.content.decode()
    chosen = Department.objects.get(code="93")
    assert post("localhost", departement=str(chosen.pk)).department.code == "93"


def test_a_look_alike_goes_to_the_imitated_promeneurs_department(cher, promeneur_93):
    report = post("18.localhost", imite=str(promeneur_93.pk))
    assert report.department.code == "93"
    assert report.imitated_promeneur_id == promeneur_93.pk


def test_a_look_alike_needs_no_department_on_the_national_site(cher, promeneur_93):
    html = Client(HTTP_HOST="localhost").get(URL, {"imite": promeneur_93.pk}).content.decode()
    assert 'name="departement"' not in html
    assert post("localhost", imite=str(promeneur_93.pk)).department.code == "93"


def test_a_profile_page_report_goes_to_the_promeneurs_department(cher, promeneur_93):
    report = post("localhost", promeneur=str(promeneur_93.pk))
    assert report.department.code == "93"
    assert report.reported_promeneur_id == promeneur_93.pk


def test_a_posted_promeneur_no_longer_listed_is_ignored(cher, promeneur_93):
    set_status(promeneur_93, PromeneurStatus.SUSPENDED, "Test")
    report = post("18.localhost", imite=str(promeneur_93.pk), promeneur=str(promeneur_93.pk))
    assert report.department.code == "18"
    assert report.imitated_promeneur_id is None and report.reported_promeneur_id is None
    response = Client(HTTP_HOST="localhost").post(URL, valid_data(imite=str(promeneur_93.pk)))
    assert response.status_code == 200
    assert "Choisissez le département" in response.content.decode()
