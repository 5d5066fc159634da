"""Deleting a promeneur's page (or their structure's) takes their photo along, as a withdrawal does."""

from wagtail.images import get_image_model

from directory.models import PromeneurPage
from tests.directory.photo_helpers import assert_all_gone, build, photo_urls


def test_deleting_the_page_in_the_admin_deletes_the_photo_files(cher, django_capture_on_commit_callbacks):
    world = build(cher)
    urls = photo_urls(world)
    with django_capture_on_commit_callbacks(execute=True):
        response = world.admin.post(f"/admin/pages/{world.promeneur.pk}/delete/")
    assert response.status_code == 302
    assert not PromeneurPage.objects.filter(pk=world.promeneur.pk).exists()
    assert not get_image_model().objects.filter(pk=world.image.pk).exists()
    assert_all_gone(urls)


def test_deleting_the_structure_deletes_its_promeneurs_photos(cher, django_capture_on_commit_callbacks):
    world = build(cher)
    urls = photo_urls(world)
    with django_capture_on_commit_callbacks(execute=True):
        world.structure.delete()
    assert not get_image_model().objects.filter(pk=world.image.pk).exists()
    assert_all_gone(urls)
