"""A promeneur who is no longer listed: their old URL and their API entry answer 410 with the advice and the
coordination's contact, and nothing of theirs. Profiles show handles exactly, with the way to verify and
to report."""

import html

from directory.factories import make_promeneur, set_status
from directory.models import PromeneurStatus, StructurePage
from tests.directory.conftest import get


def _gone_page_says_nothing_of(response, promeneur):
    assert response.status_code == 410
    page = html.unescape(response.content.decode())
    assert "Cette personne n’est plus référencée comme Promeneur du Net" in page
    assert promeneur.first_name not in page and promeneur.job_title not in page
    for profile in promeneur.social_profiles.all():
        assert profile.handle.removeprefix("@") not in page
    assert 'href="tel:3018"' in page
    return page


def test_suspended_and_withdrawn_promeneurs_answer_410(world):
    lea = world.lea
    url = lea.get_url()
    assert get(url, host="18.localhost").status_code == 200
    for status in (PromeneurStatus.SUSPENDED, PromeneurStatus.WITHDRAWN):
        set_status(lea, status, "motif")
        page = _gone_page_says_nothing_of(get(url, host="18.localhost"), lea)
        assert "Contacter la coordination des Promeneurs du Net – Cher" in page
        api = get(f"/api/annuaire/{lea.pk}/", host="18.localhost")
        assert api.status_code == 410 and "Léa" not in api.content.decode()


def test_an_ended_convention_answers_410_and_a_candidate_404(world):
    yanis = PromeneurPage_of(world.yanis)
    _gone_page_says_nothing_of(get(yanis.get_url(), host="18.localhost"), yanis)
    assert get(f"/api/annuaire/{yanis.pk}/", host="18.localhost").status_code == 410
    nathan = world.nathan  # a candidate was never listed: nothing to announce
    assert get(nathan.get_url(), host="18.localhost").status_code == 404
    assert get(f"/api/annuaire/{nathan.pk}/", host="18.localhost").status_code == 404
    assert get("/api/annuaire/999999/", host="18.localhost").status_code == 404


def PromeneurPage_of(promeneur):
    return type(promeneur).objects.get(pk=promeneur.pk)


def test_the_api_entry_of_a_listed_promeneur(world):
    response = get(f"/api/annuaire/{world.lea.pk}/", host="18.localhost")
    assert response.status_code == 200 and response.json()["first_name"] == "Léa"


def test_profiles_show_handles_exactly_with_their_network_and_the_ways_to_verify_and_report(world):
    structure = StructurePage.objects.get(pk=world.bourges.pk)
    promeneur = make_promeneur(
        structure,
        first_name="Camille",
        profiles=[{"platform": "snapchat", "handle": "camille_pdn180", "url": "https://www.snapchat.com/add/camille_pdn180"}],
    )  # fmt: skip
    page = get(promeneur.get_url(), host="18.localhost").content.decode()
    assert '<code class="handle network-list__handle" id="handle-1">camille_pdn180</code>' in page
    assert 'aria-label="Snapchat : camille_pdn180"' in page
    assert "Copier" in page and 'href="/verifier/"' in page
    assert f"/signaler/?promeneur={promeneur.pk}" in page
