"""The dashboard's figures: exact for coordination-18 on a built world, nothing of the 93, bounded queries."""

import re

import pytest
from django.urls import reverse

from dashboard import figures
from dashboard.panels import figure_links

pytestmark = pytest.mark.django_db


def counts(html: str, department: str) -> dict[str, int]:
    block = re.search(rf'data-department="{department}">(.*?)</ul>', html, re.S).group(1)
    return {
        key: int(count)
        for key, count in re.findall(r'data-figure="(\w+)">.*?<strong data-count>(\d+)</strong>', block, re.S)
    }


EXPECTED_18 = {
    "pending": 1,
    "conventions_ending": 1,
    "conventions_ended": 1,
    "incomplete": 2,
    "without_active": 1,
    "searches": 2,
    "reports_new": 1,
    "reports_in_progress": 1,
}


def test_coordination_18_counts_are_exact_and_show_nothing_of_the_93(world, client_for):
    response = client_for("coordination_18").get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert counts(html, "18") == EXPECTED_18
    assert 'data-department="93"' not in html
    assert "Seine-Saint-Denis" not in html
    assert "Bilal" not in html
    # The change awaiting approval is the 18's.
    assert f'data-review="{world.pages["promeneur_pending"].pk}"' in html
    assert "Approuver et publier" in html
    # The count of changes awaiting approval jumps to their list (an anchor of Wagtail's panel markup).
    assert 'href="#a-valider-section"' in html and 'id="a-valider-section"' in html


def test_figures_per_department(world):
    rows = {
        row.department.code: row
        for row in figures.figures_for([world.cher.department, world.seine_saint_denis.department])
    }
    cher, ssd = rows["18"], rows["93"]
    assert cher.missing == {
        "prenom": 0,
        "photo": 2,
        "structure": 0,
        "reseau": 1,
        "permanence": 1,
        "charte": 1,
    }
    assert (ssd.pending, ssd.conventions_ending, ssd.conventions_ended) == (0, 2, 0)
    assert (ssd.incomplete, ssd.without_active, ssd.searches_without_result) == (4, 4, 5)
    assert (ssd.new_reports, ssd.reports_in_progress) == (3, 0)


def test_coordination_93_sees_its_own(world, client_for):
    html = client_for("coordination_93").get(reverse("wagtailadmin_home")).content.decode()
    assert counts(html, "93") == {
        "pending": 0,
        "conventions_ending": 2,
        "conventions_ended": 0,
        "incomplete": 4,
        "without_active": 4,
        "searches": 5,
        "reports_new": 3,
        "reports_in_progress": 0,
    }
    assert 'data-department="18"' not in html
    assert "Prune" not in html


def test_every_count_links_to_a_listing_showing_that_many(world, client_for):
    client = client_for("coordination_18")
    row = figures.figures_for([world.cher.department])[0]
    for line in figure_links(row):
        if line["key"] == "pending":
            assert line["url"] == "#a-valider-section"
            continue
        response = client.get(line["url"])
        assert response.status_code == 200, line
        listed = response.context["object_list"]
        assert len(list(listed)) == line["count"], line["key"]


def test_incomplete_listing_filters_by_missing_item(world, client_for):
    client = client_for("coordination_18")
    url = reverse("dashboard:incomplete")
    titles = lambda response: sorted(p.title for p in response.context["object_list"])  # noqa: E731
    assert titles(client.get(url)) == ["Prune, en attente", "Zoé, animatrice"]
    assert titles(client.get(url, {"manque": "charte"})) == ["Zoé, animatrice"]
    response = client.get(url, {"manque": "inconnu"})
    assert response.status_code == 200


def test_listings_are_scoped_even_with_a_forged_department(world, client_for):
    client = client_for("coordination_18")
    ssd = world.seine_saint_denis.department
    for name in ("dashboard:structures", "dashboard:incomplete"):
        response = client.get(reverse(name), {"departement": ssd.pk})
        assert response.status_code == 200
        # Not a choice for them: the filter is invalid and the listing stays within the 18.
        for page in response.context["object_list"]:
            assert page.department_id == world.cher.department.pk
    html = client.get(reverse("dashboard:structures")).content.decode()
    assert "Structure B" not in html


@pytest.mark.parametrize("role", ["anonymous", "structure_a"])
def test_listings_refused_outside_a_coordination(world, client_for, role):
    for name in ("dashboard:structures", "dashboard:incomplete"):
        response = client_for(role).get(reverse(name))
        assert response.status_code in (302, 403)


def test_cnaf_sees_every_department_in_a_table(world, client_for):
    client = client_for("cnaf")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "data-network-table" in html
    assert '<tr data-department="18">' in html and '<tr data-department="93">' in html
    row_18 = re.search(r'<tr data-department="18">(.*?)</tr>', html, re.S).group(1)
    cells = dict(re.findall(r'data-figure="(\w+)">(?:<a [^>]*>)?(\d+)', row_18))
    assert cells == {
        "pending": "1",
        "conventions_ending": "1",
        "conventions_ended": "1",
        "incomplete": "2",
        "without_active": "1",
        "searches": "2",
        "reports": "1",
    }
    # The Cnaf reads the 93's listing too.
    response = client.get(
        reverse("dashboard:structures"), {"departement": world.seine_saint_denis.department.pk}
    )
    assert {p.title for p in response.context["object_list"]} >= {"Structure B de Seine-Saint-Denis"}


def test_coordination_dashboard_queries_are_bounded(world, client_for, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from directory.factories import make_promeneur, make_structure

    client = client_for("coordination_18")
    url = reverse("wagtailadmin_home")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for number in range(4):
        structure = make_structure(
            world.pages["annuaire_18"],
            title=f"Structure en plus {number}",
            slug=f"en-plus-{number}",
            commune=world.pages["structure_a"].commune,
        )
        promeneur = make_promeneur(
            structure,
            first_name="Extra",
            job_title="Animateur",
            title=f"Extra {number}",
            slug=f"extra-{number}",
            profiles=[],
        )
        promeneur.title = f"Extra {number} modifié"
        promeneur.save_revision(user=world.users["structure_a"])
        promeneur.get_workflow().start(promeneur, world.users["structure_a"])
    with django_assert_max_num_queries(len(before) + 2):
        response = client.get(url)
    assert counts(response.content.decode(), "18")["pending"] == 5
    with django_assert_max_num_queries(80):
        client.get(url)


def test_structures_listing_shows_the_end_date(world, client_for):
    import datetime

    from django.utils import timezone, translation
    from django.utils.formats import date_format

    response = client_for("coordination_18").get(reverse("dashboard:structures"), {"convention": "bientot"})
    html = response.content.decode()
    with translation.override("fr"):
        expected = date_format(timezone.localdate() + datetime.timedelta(days=30), "SHORT_DATE_FORMAT")
    assert "Structure A du Cher" in html and "Structure A2" not in html
    assert expected in html
    assert "1 résultat" in html and 'role="status"' in html


@pytest.mark.parametrize("role", ["cnaf", "superuser"])
def test_network_table_links_lead_to_listings_of_that_many(world, client_for, role):
    import html as html_module

    client = client_for(role)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    for code in ("18", "93"):
        row = re.search(rf'<tr data-department="{code}">(.*?)</tr>', page, re.S).group(1)
        links = re.findall(r'<a href="([^"]+)"[^>]*>(\d+)</a>', row)
        assert len(links) >= 5
        for href, count in links:
            response = client.get(html_module.unescape(href))
            assert response.status_code == 200, href
            assert len(list(response.context["object_list"])) == int(count), href
