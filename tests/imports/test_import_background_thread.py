"""A large import really runs in a thread of the web process, on its own connection, and commits there: the
status page follows it to « Import terminé », and the pages are then in the database as the request's thread
sees it (tree, revisions, audit log, search index). PostgreSQL only (threads cannot share the suite's
in-memory SQLite database); its own module, being transactional (flushed after it)."""

import time

import pytest
from django.db import connection
from django.test import Client
from wagtail.models import Page, PageLogEntry

from directory.models import PromeneurPage, StructurePage
from imports import jobs
from tests.imports.helpers import csv_bytes, promeneur_row
from tests.imports.test_import_roundtrip import CONFIRM_18, preview

ROWS = 30


@pytest.mark.skipif(connection.vendor == "sqlite", reason="threads on one in-memory SQLite database")
@pytest.mark.django_db(transaction=True)
def test_a_large_import_runs_and_commits_in_its_thread(client_18, monkeypatch, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr(jobs, "SYNC_ROWS", 10)
    towns = ["Bourges", "Vierzon", "Saint-Amand-Montrond"]
    rows = [promeneur_row(n, structure=f"Centre fil {n // 10}", commune=towns[n // 10]) for n in range(ROWS)]
    rows[7] = {**rows[7], "Prénom": "Ombeline"}
    response = preview(client_18, csv_bytes(rows))
    token = response.context["confirm_form"].initial["jeton"]

    started = client_18.post(CONFIRM_18, {"jeton": token, "publication": "publier"})
    assert started.status_code == 302
    status_url = started["Location"]
    deadline = time.monotonic() + 120
    while True:
        page = client_18.get(status_url)
        assert page.status_code == 200
        if "Import terminé" in page.content.decode() or time.monotonic() > deadline:
            break
        assert "L'import a échoué" not in page.content.decode()
        time.sleep(0.2)
    assert "Import terminé" in page.content.decode()
    assert page.context["counts"]["promeneurs_created"] == ROWS

    promeneurs = PromeneurPage.objects.filter(structure__title__startswith="Centre fil", live=True)
    assert promeneurs.count() == ROWS
    assert StructurePage.objects.filter(title__startswith="Centre fil", numchild=10).count() == 3
    assert all(not problems for problems in Page.find_problems())
    assert PageLogEntry.objects.filter(page__in=promeneurs, action="wagtail.publish").count() == ROWS
    assert all(p.live_revision_id == p.latest_revision_id for p in promeneurs)
    from wagtail.search.models import IndexEntry

    indexed = IndexEntry.objects.filter(object_id__in=[str(p.pk) for p in promeneurs])
    assert indexed.count() == ROWS, list(indexed.values_list("title", flat=True))
    found = Client(HTTP_HOST="18.localhost").get("/recherche/?q=Ombeline")
    assert "Ombeline, animatrice jeunesse" in found.content.decode()
