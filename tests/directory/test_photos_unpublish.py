"""Unpublishing a promeneur's page takes their photo's URLs off the web server too (re-keyed, as on a
suspension); published again, the page shows the photo under new URLs."""

from wagtail.images import get_image_model

from directory.models import PromeneurPage
from tests.directory.photo_helpers import (
    assert_all_gone,
    assert_all_served,
    build,
    media_urls,
    photo_urls,
    public_get,
)


def test_unpublishing_re_keys_the_photo_and_publishing_again_shows_it_under_new_urls(
    cher, django_capture_on_commit_callbacks
):
    world = build(cher)
    old_urls = photo_urls(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = world.admin.post(f"/admin/pages/{world.promeneur.pk}/unpublish/")
    assert response.status_code == 302
    assert not PromeneurPage.objects.get(pk=world.promeneur.pk).live
    assert get_image_model().objects.filter(pk=world.image.pk).exists()
    assert_all_gone(old_urls)

    with django_capture_on_commit_callbacks(execute=True):
        PromeneurPage.objects.get(pk=world.promeneur.pk).get_latest_revision().publish()
    new_urls = media_urls({"profile": public_get(world.promeneur.url).content.decode()})
    assert new_urls and not new_urls & old_urls
    assert_all_served(new_urls)
