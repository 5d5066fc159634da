"""A withdrawn promeneur's photo leaves the storage: the original and every rendition the public pages
showed are deleted once the withdrawal is committed, so the web server answers 404 for each URL."""

from django.core.files.storage import default_storage
from wagtail.images import get_image_model

from directory.factories import make_promeneur, set_status
from directory.models import PromeneurPage, PromeneurStatus
from tests.directory.photo_helpers import (
    assert_all_gone,
    assert_all_served,
    build,
    photo_urls,
    public_get,
    status_url,
    storage_name,
)


def test_withdrawal_through_the_admin_action_deletes_the_original_and_every_rendition(
    cher, django_capture_on_commit_callbacks
):
    world = build(cher)
    urls = photo_urls(world)
    assert len(urls) >= 4  # the original, and the profile's and the cards' renditions
    assert_all_served(urls)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = world.admin.post(
            status_url(world.promeneur, "retirer"), {"reason": "Départ de la structure."}
        )
    assert response.status_code == 302
    assert callbacks, "the files are deleted once the withdrawal is committed"

    promeneur = PromeneurPage.objects.get(pk=world.promeneur.pk)
    assert promeneur.status == PromeneurStatus.WITHDRAWN
    assert promeneur.photo_id is None
    assert not get_image_model().objects.filter(pk=world.image.pk).exists()
    assert_all_gone(urls)
    assert public_get(world.promeneur.url).status_code in (404, 410)  # no longer served, photo included


def test_nothing_is_deleted_before_the_withdrawal_is_committed(cher, django_capture_on_commit_callbacks):
    world = build(cher)
    urls = photo_urls(world)
    with django_capture_on_commit_callbacks(execute=False):
        world.admin.post(status_url(world.promeneur, "retirer"), {"reason": "Départ de la structure."})
    # Rolled back instead of committed: the photo stays whole.
    assert get_image_model().objects.filter(pk=world.image.pk).exists()
    assert_all_served(urls)


def test_withdrawal_by_publishing_the_page_with_status_retire(cher, django_capture_on_commit_callbacks):
    world = build(cher)
    urls = photo_urls(world)
    with django_capture_on_commit_callbacks(execute=True):
        set_status(PromeneurPage.objects.get(pk=world.promeneur.pk), PromeneurStatus.WITHDRAWN, "Départ.")
    assert not get_image_model().objects.filter(pk=world.image.pk).exists()
    assert_all_gone(urls)
    # Publishing an older revision later does not bring back a photo that no longer exists.
    with django_capture_on_commit_callbacks(execute=True):
        PromeneurPage.objects.get(pk=world.promeneur.pk).revisions.order_by("pk").first().publish()
    assert PromeneurPage.objects.get(pk=world.promeneur.pk).photo_id is None


def test_a_draft_with_status_retire_changes_nothing_until_published(cher, django_capture_on_commit_callbacks):
    world = build(cher)
    urls = photo_urls(world)
    promeneur = PromeneurPage.objects.get(pk=world.promeneur.pk)
    promeneur.status = PromeneurStatus.WITHDRAWN
    with django_capture_on_commit_callbacks(execute=True):
        promeneur.save_revision()
    assert get_image_model().objects.filter(pk=world.image.pk).exists()
    assert_all_served(urls)


def test_a_photo_used_elsewhere_is_unlinked_and_renamed_not_deleted(cher, django_capture_on_commit_callbacks):
    world = build(cher)
    colleague = make_promeneur(
        world.structure, first_name="Karim", job_title="Référent famille", photo=world.image
    )
    urls = photo_urls(world)
    with django_capture_on_commit_callbacks(execute=True):
        world.admin.post(status_url(world.promeneur, "retirer"), {"reason": "Départ de la structure."})
    image = get_image_model().objects.get(pk=world.image.pk)
    assert PromeneurPage.objects.get(pk=world.promeneur.pk).photo_id is None
    assert PromeneurPage.objects.get(pk=colleague.pk).photo_id == image.pk
    # The old URLs are dead all the same; the colleague's card shows the photo under new ones.
    assert_all_gone(urls)
    assert default_storage.exists(image.file.name)
    card = public_get(colleague.url).content.decode()
    assert "/media/images/" + image.file.name.split("/")[1][:20] in card
    assert not any(url in card for url in urls)
    assert storage_name(world.image.file.url) != image.file.name
