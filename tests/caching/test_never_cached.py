"""What the page cache never stores or serves: pages for a signed-in user, a draft seen in the admin, pages that
carry a CSRF form (they set a cookie), the verification of a promeneur and search."""

import pytest

from directory.models import PromeneurPage
from tests.caching.helpers import NAME, anonymous_get, build, shown


def test_a_signed_in_user_never_gets_or_fills_the_cache(page_cache, cher):
    world = build(cher)
    assert anonymous_get("/annuaire/", "18.localhost")["X-Page-Cache"] == "miss"
    signed_in = world.admin
    response = signed_in.get("/annuaire/", HTTP_HOST="18.localhost")
    assert response.status_code == 200 and "X-Page-Cache" not in response
    signed_in.get("/annuaire/?q=Cache", HTTP_HOST="18.localhost")
    assert anonymous_get("/annuaire/", "18.localhost", q="Cache")["X-Page-Cache"] == "miss"


def test_a_draft_seen_in_the_admin_never_reaches_the_public(page_cache, cher):
    world = build(cher)
    page = PromeneurPage.objects.get(pk=world.promeneur.pk)
    page.job_title = "Brouillon confidentiel"
    page.save_revision()
    draft = world.admin.get(f"/admin/pages/{page.pk}/view_draft/")
    assert draft.status_code == 200 and "Brouillon confidentiel" in draft.content.decode()
    _site, _root, profile = page.get_url_parts()
    public = anonymous_get(profile, "18.localhost")
    assert shown(public) and "Brouillon confidentiel" not in public.content.decode()


def test_a_page_with_a_csrf_form_is_not_stored(page_cache, cher):
    first = anonymous_get("/signaler/", "18.localhost")
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    assert first.cookies  # the CSRF cookie that goes with the form
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in anonymous_get("/signaler/", "18.localhost")


@pytest.mark.parametrize("path", ["/verifier/", "/recherche/suggestions/"])
def test_verification_and_suggestions_always_answer_fresh(page_cache, cher, path):
    # The search page itself is cached and counted: tests/caching/test_search_counted.py.
    world = build(cher)
    handle = world.promeneur.social_profiles.first().handle
    params = {"q": NAME[:5]} if "recherche" in path else {"reseau": "instagram", "profil": handle}
    for _ in range(2):
        assert "X-Page-Cache" not in anonymous_get(path, "18.localhost", **params)
