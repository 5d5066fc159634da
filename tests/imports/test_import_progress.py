"""A large file is imported in the background and followed on a status page that refreshes itself without
JavaScript (« 342 lignes sur 2 000 », a progress element), then shows the counts; a failure says so in French
and imports nothing (one transaction); the same preview posted twice imports once."""

import re

import pytest

from directory.models import PromeneurPage, StructurePage
from imports import jobs
from imports import plan as plan_module
from tests.imports.helpers import csv_bytes, promeneur_row
from tests.imports.test_import_roundtrip import CONFIRM_18, preview

STATUS = re.compile(r"^/admin/import-annuaire/18/import/[0-9a-f]{32}/$")


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def background(monkeypatch):
    """Files of more than one row go through the background job (run at once: the test is in a transaction)."""
    monkeypatch.setattr(jobs, "SYNC_ROWS", 1)


def token(client, n=3):
    response = preview(
        client, csv_bytes([promeneur_row(i, structure="Maison des Hirondelles") for i in range(n)])
    )
    return response.context["confirm_form"].initial["jeton"]


def test_a_large_file_goes_to_its_status_page_then_shows_the_counts(background, client_18):
    response = client_18.post(CONFIRM_18, {"jeton": token(client_18), "publication": "publier"})
    assert response.status_code == 302 and STATUS.match(response["Location"])
    page = client_18.get(response["Location"])
    assert page.status_code == 200
    assert page.context["counts"]["promeneurs_created"] == 3
    html = page.content.decode()
    assert "Import terminé" in html and 'http-equiv="refresh"' not in html
    assert PromeneurPage.objects.filter(live=True).count() == 3


def test_a_running_import_shows_its_progress_and_refreshes_itself(client_18, coordinator_18, cher):
    job_id, state = jobs.create(cher.department, coordinator_18, total=2000, published=True)
    jobs._write(job_id, {**state, "done": 342})
    response = client_18.get(f"/admin/import-annuaire/18/import/{job_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    head = html.split("</head>")[0]
    assert '<meta http-equiv="refresh" content="2">' in head
    assert '<progress id="import-progress" max="2000" value="342">' in html
    assert re.search(r"342 lignes sur 2\W000</label>", html), html
    assert "Import en cours" in html


def test_an_import_without_news_is_reported_interrupted(client_18, coordinator_18, cher, monkeypatch):
    job_id, _state = jobs.create(cher.department, coordinator_18, total=2000, published=True)
    monkeypatch.setattr(jobs, "STALLED_AFTER", -1)
    html = client_18.get(f"/admin/import-annuaire/18/import/{job_id}/").content.decode()
    assert "il a sans doute été interrompu" in html and 'http-equiv="refresh"' not in html


@pytest.mark.parametrize("sync_rows", [100, 1], ids=["in-the-request", "in-the-background"])
def test_a_failure_imports_nothing_and_says_so(client_18, monkeypatch, sync_rows):
    monkeypatch.setattr(jobs, "SYNC_ROWS", sync_rows)
    real_apply = plan_module.apply

    def failing(plan, user, publish, progress=None):
        def progress_then_failure(done, total):
            if done >= 2:
                raise RuntimeError("the disk is full")

        return real_apply(plan, user, publish, progress=progress_then_failure)

    monkeypatch.setattr(plan_module, "apply", failing)
    response = client_18.post(CONFIRM_18, {"jeton": token(client_18), "publication": "publier"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "L'import a échoué : rien n'a été importé, l'annuaire est tel qu'avant." in html
    assert not StructurePage.objects.filter(title="Maison des Hirondelles").exists()
    assert not PromeneurPage.objects.exists()


def test_the_same_preview_posted_twice_imports_once(client_18):
    jeton = token(client_18)
    first = client_18.post(CONFIRM_18, {"jeton": jeton, "publication": "publier"})
    assert first.status_code == 200 and first.context["counts"]["promeneurs_created"] == 3
    second = client_18.post(CONFIRM_18, {"jeton": jeton, "publication": "publier"})
    assert second.status_code == 400
    assert "Cet aperçu n&#x27;existe plus" in second.content.decode() or "Cet aperçu n'existe plus" in (
        second.content.decode()
    )
    assert PromeneurPage.objects.count() == 3


def test_someone_elses_import_is_not_shown(client_18, cher, django_user_model):
    from accounts import roles

    other = django_user_model.objects.create_user(username="coord18b", email="coord18b@exemple.invalid")
    other.groups.set([roles.coordination_group(cher.department)])
    job_id, _state = jobs.create(cher.department, other, total=2000, published=True)
    assert client_18.get(f"/admin/import-annuaire/18/import/{job_id}/").status_code == 404
    assert client_18.get("/admin/import-annuaire/18/import/" + "0" * 32 + "/").status_code == 404
