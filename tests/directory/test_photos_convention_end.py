"""When a structure's convention ends, the daily check_conventions gives its promeneurs' photos new names
(as a suspension: the URLs published while the convention ran answer 404), once; more than
PHOTO_RETENTION_AFTER_CONVENTION_DAYS days after the end, if the convention was not renewed, it deletes
them."""

import datetime
import os
import time
from io import StringIO

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.images import get_image_model

from directory.models import PromeneurPage, StructurePage
from tests.directory.photo_helpers import assert_all_gone, assert_all_served, build, photo_urls

Image = get_image_model()


def run(date, *args):
    out = StringIO()
    call_command("check_conventions", f"--date={date.isoformat()}", *args, stdout=out)
    return out.getvalue()


def end_convention(world, end):
    StructurePage.objects.filter(pk=world.structure.pk).update(convention_end=end)


def age_file(name, days):
    """The photo was uploaded ``days`` ago (before the convention ended)."""
    moment = time.time() - days * 86400
    os.utime(default_storage.path(name), (moment, moment))


def current_name(image):
    return Image.objects.get(pk=image.pk).file.name


def test_end_of_convention_renames_the_photos_once_then_deletes_them_after_the_grace_period(
    cher, django_capture_on_commit_callbacks
):
    world = build(cher)
    urls = photo_urls(world)
    today = timezone.localdate()
    end = today - datetime.timedelta(days=3)
    age_file(world.image.file.name, 10)
    end_convention(world, end)

    with django_capture_on_commit_callbacks(execute=True):
        out = run(today)
    assert "Photos de promeneurs renommées (convention terminée) : 1" in out
    renamed = current_name(world.image)
    assert renamed != world.image.file.name
    assert_all_gone(urls)

    # The next days: nothing more to do (the renamed file is newer than the end of the convention).
    with django_capture_on_commit_callbacks(execute=True):
        out = run(today + datetime.timedelta(days=1))
    assert "renommées (convention terminée) : 0" in out
    assert current_name(world.image) == renamed

    # The last day of the grace period the photo is still kept; the day after, it is deleted.
    with django_capture_on_commit_callbacks(execute=True):
        out = run(end + datetime.timedelta(days=90))
    assert "supprimées (90 jours après la fin de la convention) : 0" in out
    assert Image.objects.filter(pk=world.image.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        out = run(end + datetime.timedelta(days=91))
    assert "supprimées (90 jours après la fin de la convention) : 1" in out
    assert not Image.objects.filter(pk=world.image.pk).exists()
    assert PromeneurPage.objects.get(pk=world.promeneur.pk).photo_id is None
    assert not default_storage.exists(renamed)
    assert_all_gone(urls)


def test_a_running_or_renewed_convention_keeps_the_photo(cher, django_capture_on_commit_callbacks):
    world = build(cher)
    urls = photo_urls(world)
    today = timezone.localdate()
    end_convention(world, today)  # its last day
    with django_capture_on_commit_callbacks(execute=True):
        out = run(today)
    assert "renommées (convention terminée) : 0" in out
    # Renewed: a new end date in the future, long after the old one would have expired.
    end_convention(world, today + datetime.timedelta(days=365))
    with django_capture_on_commit_callbacks(execute=True):
        run(today + datetime.timedelta(days=200))
    assert current_name(world.image) == world.image.file.name
    assert_all_served(urls)


@override_settings(PHOTO_RETENTION_AFTER_CONVENTION_DAYS=7)
def test_the_grace_period_is_a_setting_and_a_dry_run_changes_nothing(
    cher, django_capture_on_commit_callbacks
):
    world = build(cher)
    urls = photo_urls(world)
    end = timezone.localdate() - datetime.timedelta(days=8)
    end_convention(world, end)
    with django_capture_on_commit_callbacks(execute=True):
        out = run(timezone.localdate(), "--dry-run")
    assert "Photos de promeneurs à supprimer (7 jours après la fin de la convention) : 1" in out
    assert_all_served(urls)
    with django_capture_on_commit_callbacks(execute=True):
        run(timezone.localdate())
    assert not Image.objects.filter(pk=world.image.pk).exists()
    assert_all_gone(urls)
