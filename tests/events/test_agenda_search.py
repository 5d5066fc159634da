"""The site search finds events as their own kind ("Agenda"), within the site's scope, never a draft."""

from tests.events.conftest import get


def group_titles(response, slug="agenda") -> list[str]:
    assert response.status_code == 200
    groups = {group["kind"].slug: group for group in response.context["groups"]}
    return sorted(result["title"] for result in groups[slug]["results"])


def test_events_are_found_on_their_site_and_nationally(agenda_world):
    assert group_titles(get("/recherche/", "18.localhost", q="formation")) == [
        "Formation aux réseaux sociaux"
    ]
    assert group_titles(get("/recherche/", q="formation")) == ["Formation aux réseaux sociaux"]
    assert group_titles(get("/recherche/", "93.localhost", q="formation")) == []


def test_a_draft_event_is_not_found(agenda_world):
    assert group_titles(get("/recherche/", "18.localhost", q="brouillon")) == []
