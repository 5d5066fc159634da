"""Suspension is reversible, but the photo becomes unreachable at once: its original gets a new random
name and every rendition is deleted, so the URLs published so far answer 404; reactivation shows the photo
again, under new URLs."""

from wagtail.images import get_image_model

from directory.factories import set_status
from directory.models import PromeneurPage, PromeneurStatus
from tests.directory.photo_helpers import (
    HIDDEN_LAST_NAME,
    assert_all_gone,
    assert_all_served,
    build,
    media_urls,
    photo_urls,
    public_get,
    public_pages,
    status_url,
)


def test_suspension_makes_every_photo_url_answer_404_and_reactivation_shows_it_under_new_urls(
    cher, django_capture_on_commit_callbacks
):
    world = build(cher)
    old_urls = photo_urls(world)
    assert_all_served(old_urls)

    with django_capture_on_commit_callbacks(execute=True):
        response = world.admin.post(
            status_url(world.promeneur, "suspendre"), {"reason": "Comité de pilotage."}
        )
    assert response.status_code == 302
    image = get_image_model().objects.get(pk=world.image.pk)  # kept: the suspension may be lifted
    assert image.file.name != world.image.file.name
    assert HIDDEN_LAST_NAME not in image.file.name
    assert not image.renditions.exists()
    assert_all_gone(old_urls)
    assert public_get(world.promeneur.url).status_code in (404, 410)  # no longer served, photo included

    with django_capture_on_commit_callbacks(execute=True):
        world.admin.post(status_url(world.promeneur, "reactiver"), {"reason": ""})
    assert PromeneurPage.objects.get(pk=world.promeneur.pk).photo_id == image.pk
    new_urls = media_urls(public_pages(world))
    assert any(".fill-" in url for url in new_urls)
    assert not new_urls & old_urls
    assert_all_served(new_urls)
    profile = public_get(world.promeneur.url).content.decode()
    assert 'alt="Photo de Léa"' in profile


def test_suspension_by_publishing_the_page_renames_the_photo_too(cher, django_capture_on_commit_callbacks):
    world = build(cher)
    old_urls = photo_urls(world)
    with django_capture_on_commit_callbacks(execute=True):
        set_status(PromeneurPage.objects.get(pk=world.promeneur.pk), PromeneurStatus.SUSPENDED, "Comité.")
    assert get_image_model().objects.filter(pk=world.image.pk).exists()
    assert_all_gone(old_urls)


def test_a_suspension_lifted_before_it_is_committed_does_nothing_to_the_photo(
    cher, django_capture_on_commit_callbacks
):
    world = build(cher)
    old_urls = photo_urls(world)
    with django_capture_on_commit_callbacks(execute=True):
        world.admin.post(status_url(world.promeneur, "suspendre"), {"reason": "Erreur."})
        world.admin.post(status_url(world.promeneur, "reactiver"), {"reason": ""})
    assert_all_served(old_urls)
