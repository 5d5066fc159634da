"""Missions and themes in the admin: checkboxes of the closed vocabulary and of the suggested themes, free
"autres thèmes" one per line, commas kept (taggit's comma parsing used to split "Loisirs, sports et culture"
into junk tags on every save). Exercised through the real admin edit URL, as the Cher's coordinator."""

import datetime
import html
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from accounts import roles
from directory.factories import make_promeneur, make_structure
from directory.models import PromeneurPage, StructureType, ThemeTag
from geo.factories import known_commune

THEME = "Loisirs, sports et culture"


class FormData(HTMLParser):
    """What a browser would post for the page's main form: every named input, select and textarea."""

    def __init__(self):
        super().__init__()
        self.data = []
        self._select = None
        self._textarea = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-edit-form" in attrs:
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image"):
                self.data.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = [name, None, None]
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in attrs:
                self._select[2] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        if tag == "select" and self._select is not None:
            name, first, selected = self._select
            self.data.append((name, selected if selected is not None else (first or "")))
            self._select = None
        if tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self.data.append((name, html.unescape(text).removeprefix("\n")))
            self._textarea = None


def form_data(response) -> dict:
    parser = FormData()
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    assert data, "no edit form found"
    return data


def coordinator(department, username="coord18"):
    account = get_user_model().objects.create_user(username=username, password="x-mot-de-passe-42")
    account.groups.add(roles.coordination_group(department))
    return account


@pytest.fixture
def admin_client(cher):
    client = Client(HTTP_HOST="localhost")
    client.force_login(coordinator(cher.department))
    return client


@pytest.fixture
def promeneur(cher):
    structure = make_structure(
        cher,
        title="Centre social des Tilleuls",
        structure_type=StructureType.SOCIAL_CENTRE,
        commune=known_commune("bourges"),
    )
    return make_promeneur(
        structure, ["jeunesse"], first_name="Léa", job_title="Animatrice", themes=[THEME], status="actif"
    )


def publish(client, page, **changes):
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(client.get(url))
    data.update(changes)
    data["action-publish"] = ["action-publish"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return PromeneurPage.objects.get(pk=page.pk)


def theme_names(page):
    return sorted(page.themes.values_list("name", flat=True))


def test_the_edit_form_shows_checkboxes_of_missions_and_themes(admin_client, promeneur):
    response = admin_client.get(f"/admin/pages/{promeneur.pk}/edit/")
    content = response.content.decode()
    assert 'type="checkbox" name="missions" value="Jeunesse"' in content
    assert 'type="checkbox" name="themes" value="Loisirs, sports et culture"' in content
    assert form_data(response)["themes"] == [THEME]
    assert 'name="other_themes"' in content


def test_a_theme_with_a_comma_survives_ten_saves(admin_client, promeneur, cher):
    # The first save adds an office-hours slot, as in the issue.
    data = {
        "permanences-TOTAL_FORMS": ["2"],
        "permanences-1-weekday": ["4"],
        "permanences-1-start_time": ["17:00"],
        "permanences-1-end_time": ["18:30"],
        "permanences-1-platform": [""],
        "permanences-1-ORDER": ["2"],
        "permanences-1-id": [""],
        "permanences-1-DELETE": [""],
    }
    page = publish(admin_client, promeneur, **data)
    assert page.permanences.count() == 2
    for _ in range(9):
        page = publish(admin_client, page)
    assert theme_names(page) == [THEME]
    assert not ThemeTag.objects.filter(name__in=["Loisirs,", "Loisirs", "sports et culture"]).exists()
    public = Client(HTTP_HOST="18.localhost").get("/annuaire/")
    assert public.status_code == 200
    text = public.content.decode()
    assert "Loisirs, sports et culture" in html.unescape(text)
    assert ">sports et culture<" not in text
    assert ">Loisirs,<" not in text


def test_other_themes_one_per_line_commas_kept(admin_client, promeneur):
    page = publish(
        admin_client,
        promeneur,
        themes=["Santé"],
        other_themes=["Jeux vidéo, e-sport\n  santé \nHarcèlement\n\njeux vidéo, e-sport"],
    )
    assert theme_names(page) == ["Harcèlement", "Jeux vidéo, e-sport", "Santé"]
    data = form_data(admin_client.get(f"/admin/pages/{page.pk}/edit/"))
    assert sorted(data["themes"]) == ["Harcèlement", "Santé"]
    assert data["other_themes"] == ["Jeux vidéo, e-sport"]


def test_missions_are_the_closed_vocabulary(admin_client, promeneur):
    page = publish(admin_client, promeneur, missions=["Jeunesse", "Parentalité"])
    assert sorted(page.missions.values_list("slug", flat=True)) == ["jeunesse", "parentalite"]
    url = f"/admin/pages/{promeneur.pk}/edit/"
    for missions in ([], ["Sport"]):
        data = form_data(admin_client.get(url))
        data["missions"] = missions
        response = admin_client.post(url, data)
        assert response.status_code == 200
        assert "missions" in response.context["form"].errors
    assert sorted(PromeneurPage.objects.get(pk=promeneur.pk).missions.values_list("slug", flat=True)) == [
        "jeunesse",
        "parentalite",
    ]


def test_time_inputs_and_weekday_select(admin_client, promeneur):
    content = admin_client.get(f"/admin/pages/{promeneur.pk}/edit/").content.decode()
    assert 'type="time" name="permanences-0-start_time" value="14:00"' in content
    assert '<select name="permanences-0-weekday"' in content
    assert datetime.time(14) == promeneur.permanences.first().start_time


def test_the_migration_repairs_split_themes(cher, promeneur):
    import importlib

    from django.apps import apps

    repair = importlib.import_module("directory.migrations.0008_repair_split_themes").repair
    loisirs = ThemeTag.objects.create(name="Loisirs,", slug="loisirs")
    sports = ThemeTag.objects.create(name="sports et culture", slug="sports-et-culture")
    whole = ThemeTag.objects.get(name=THEME)
    promeneur.themes.set([loisirs, sports, "Santé"])
    promeneur.save()
    promeneur.save_revision().publish()
    # Another promeneur chose "sports et culture" alone: theirs stays.
    other = make_promeneur(promeneur.get_parent().specific, first_name="Hugo", job_title="Animateur")
    other.themes.add(sports)
    other.save_revision().publish()

    repair(apps, None)

    assert theme_names(PromeneurPage.objects.get(pk=promeneur.pk)) == [THEME, "Santé"]
    revision = PromeneurPage.objects.get(pk=promeneur.pk).latest_revision.as_object()
    assert sorted(t.name for t in revision.themes.all()) == [THEME, "Santé"]
    assert not ThemeTag.objects.filter(pk=loisirs.pk).exists()
    assert ThemeTag.objects.filter(pk=sports.pk).exists()  # still used by Hugo
    assert theme_names(PromeneurPage.objects.get(pk=other.pk)) == ["sports et culture"]
    assert ThemeTag.objects.filter(pk=whole.pk).exists()
    repair(apps, None)  # idempotent
    assert theme_names(PromeneurPage.objects.get(pk=promeneur.pk)) == [THEME, "Santé"]
