"""Photos that reveal nothing and leave when the person leaves.

In production the web server serves MEDIA_ROOT itself: once a file's URL is known, nothing the application
does at request time can take it down. So the rules are enforced on the files:

* **Random names.** Every file uploaded as a Wagtail image (any image, whatever it is used for) is stored
  under a random name (``original_images/<32 hex>.<ext>``); renditions are named after the original
  (``images/<hex>.<key>.<spec>.<ext>``), so the uploaded file's name never reaches a public URL. The image's
  title, which Wagtail's upload form fills from the file name, is never used as alt text on public pages:
  a promeneur's photo says "Photo de <prénom>", a structure's logo is decorative next to its name.
* **Suspension** (status actif → suspendu, or back to candidat) and the **end of a structure's
  convention**: the promeneur's own photo is *re-keyed*: its original file gets a new random name and
  every rendition is deleted, so every URL ever published answers 404. Nothing else changes: when the
  promeneur is listed again, renditions are generated anew, under new names.
* **Withdrawal** (status retiré), and ``PHOTO_RETENTION_AFTER_CONVENTION_DAYS`` days after a structure's
  convention ended without being renewed: the promeneur's own photo is *removed*: the image is unlinked
  from the promeneur and deleted (its original and every rendition leave the storage when the transaction
  commits, Wagtail's own post_delete handlers) — unless something else uses it (another page, a
  structure's logo, a news article…), in which case it is only re-keyed.
* **Deleting** a promeneur's page (or their structure's) removes the photo as a withdrawal does;
  **unpublishing** it re-keys the photo as a suspension does.

A status change is caught in one place, :func:`status_changed`, called by ``PromeneurPage.save`` (the edit
form, publishing a revision) and by the admin status actions (``directory.status.change_status``,
which writes the row with ``update()``). The work runs once the status change is committed. The end of
conventions is applied by :func:`apply_convention_rules`, run daily by ``manage.py check_conventions``.
"""

from __future__ import annotations

import datetime
import os
import re
import secrets
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

REMOVE, REKEY = "remove", "rekey"

# Random names ----------------------------------------------------------------------------------------------

_EXTENSION = re.compile(r"\.[a-z0-9]{1,5}")


def random_file_name(original_name: str) -> str:
    """A random file name (128 bits) that keeps only the original's extension."""
    extension = os.path.splitext(original_name or "")[1].lower()
    return secrets.token_hex(16) + (extension if _EXTENSION.fullmatch(extension) else "")


def give_uploaded_file_a_random_name(sender, instance, raw=False, **kwargs):
    """pre_save of Wagtail's image model (and of Wagtail's UploadedFile, the multiple upload's holding
    place): a file not yet written to the storage gets a random name before Django's FileField.pre_save
    writes it, under ``get_upload_to(<random name>)``. ``FieldFile._committed`` is private Django API;
    tests/directory/test_photos_random_names.py fails if it stops meaning "not written yet"."""
    if raw:
        return
    file = getattr(instance, "file", None)
    if file and not file._committed:
        file.name = random_file_name(file.name)


def connect_signals():
    from django.db.models.signals import post_delete, pre_save
    from wagtail.models import UploadedFile
    from wagtail.signals import page_unpublished

    from directory.models import PromeneurPage

    for model in (get_image_model(), UploadedFile):
        pre_save.connect(
            give_uploaded_file_a_random_name, sender=model, dispatch_uid=f"random-name-{model._meta.label}"
        )
    post_delete.connect(promeneur_deleted, sender=PromeneurPage, dispatch_uid="photo-of-deleted-promeneur")
    page_unpublished.connect(
        promeneur_unpublished, sender=PromeneurPage, dispatch_uid="photo-of-unpublished-promeneur"
    )


# Re-keying and removing a photo ----------------------------------------------------------------------------


def rekey_image(image) -> None:
    """Give the image's original file a new random name and delete its renditions: every URL published
    so far answers 404 (once the transaction commits: the old files are deleted then)."""
    storage = image.file.storage
    old_name = image.file.name
    with transaction.atomic():
        if old_name and storage.exists(old_name):
            with storage.open(old_name, "rb") as source:
                new_name = storage.save(image.get_upload_to(random_file_name(old_name)), source)
            type(image).objects.filter(pk=image.pk).update(file=new_name)
            image.file.name = new_name
            transaction.on_commit(partial(storage.delete, old_name))
        # One by one, so that Wagtail's post_delete handlers delete each file and purge the rendition cache.
        for rendition in image.renditions.all():
            rendition.delete()


def used_elsewhere(image, promeneur_id) -> bool:
    """Whether anything but this promeneur uses the image: another promeneur, a structure's logo, or any
    object Wagtail's reference index knows (pages' fields and StreamFields, news, site settings…)."""
    from directory.models import PromeneurPage, StructurePage

    if PromeneurPage.objects.filter(photo=image).exclude(pk=promeneur_id).exists():
        return True
    if StructurePage.objects.filter(logo=image).exists():
        return True
    page_type = ContentType.objects.get_for_model(Page)
    return (
        ReferenceIndex.get_references_to(image)
        .exclude(base_content_type=page_type, object_id=str(promeneur_id))
        .exists()
    )


def delete_or_rekey(image, promeneur_id) -> str:
    """Delete the image (Wagtail deletes the original's and the renditions' files on commit, in its
    post_delete handlers), or only re-key it when something other than this promeneur uses it."""
    if used_elsewhere(image, promeneur_id):
        rekey_image(image)
        return REKEY
    image.delete()
    return REMOVE


def remove_photo(promeneur) -> str | None:
    """Withdrawal: unlink the promeneur's own photo (page row, live and latest revisions) and delete the
    image, or only re-key it when something else uses it. Returns what was done (REMOVE, REKEY, None)."""
    from directory.models import PromeneurPage

    image = promeneur.photo
    if image is None:
        return None
    with transaction.atomic():
        PromeneurPage.objects.filter(pk=promeneur.pk).update(photo=None)
        revisions = {r.pk: r for r in (promeneur.live_revision, promeneur.latest_revision) if r is not None}
        for revision in revisions.values():
            if isinstance(revision.content, dict) and revision.content.get("photo") is not None:
                revision.content["photo"] = None
                revision.save(update_fields=["content"])
        promeneur.photo = None
        return delete_or_rekey(image, promeneur.pk)


def hide_photo(promeneur) -> str | None:
    """Suspension, end of convention: re-key the promeneur's own photo. Returns REKEY or None."""
    if promeneur.photo is None:
        return None
    rekey_image(promeneur.photo)
    return REKEY


# Status changes --------------------------------------------------------------------------------------------


def status_changed(promeneur, previous_status, update_fields=None) -> None:
    """The one place a promeneur's status change reaches the photo: withdrawn → removed; no longer
    actif (suspendu, candidat) → re-keyed. Runs once the change is committed (re-reading the promeneur, so
    a change undone meanwhile does nothing)."""
    from directory.models import PromeneurStatus

    if update_fields is not None and "status" not in update_fields:
        return  # the row's status was not written (a revision being saved as a draft)
    new_status = promeneur.status
    if previous_status is None or previous_status == new_status:
        return
    if new_status == PromeneurStatus.WITHDRAWN:
        transaction.on_commit(partial(_apply_status, promeneur.pk, REMOVE))
    elif previous_status == PromeneurStatus.ACTIVE:
        transaction.on_commit(partial(_apply_status, promeneur.pk, REKEY))


def _apply_status(promeneur_id, action) -> None:
    from directory.models import PromeneurPage, PromeneurStatus

    promeneur = PromeneurPage.objects.filter(pk=promeneur_id).select_related("photo").first()
    if promeneur is None or promeneur.photo is None:
        return
    if action == REMOVE and promeneur.status == PromeneurStatus.WITHDRAWN:
        remove_photo(promeneur)
    elif action == REKEY and promeneur.status != PromeneurStatus.ACTIVE:
        hide_photo(promeneur)


# Deletion and unpublication of a promeneur's page ---------------------------------------------------------


def promeneur_deleted(sender, instance, **kwargs):
    """post_delete of a promeneur page (also when its structure is deleted): their photo goes as on a
    withdrawal, once the deletion is committed."""
    if instance.photo_id is not None:
        transaction.on_commit(partial(_photo_of_deleted_promeneur, instance.photo_id, instance.pk))


def _photo_of_deleted_promeneur(image_id, promeneur_id) -> None:
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        with transaction.atomic():
            delete_or_rekey(image, promeneur_id)


def promeneur_unpublished(sender, instance, **kwargs):
    """page_unpublished: the page leaves the public site, its photo's URLs too (re-keyed, as a suspension;
    published again, the page shows the photo under new URLs)."""
    if getattr(instance, "photo_id", None) is not None:
        transaction.on_commit(partial(_rekey_if_still_unpublished, instance.pk))


def _rekey_if_still_unpublished(promeneur_id) -> None:
    from directory.models import PromeneurPage

    promeneur = PromeneurPage.objects.filter(pk=promeneur_id, live=False).select_related("photo").first()
    if promeneur is not None:
        hide_photo(promeneur)


# End of conventions ----------------------------------------------------------------------------------------


@dataclass
class ConventionPhoto:
    promeneur: object
    action: str  # REKEY (convention ended) or REMOVE (the grace period is over)


def retention_days() -> int:
    return settings.PHOTO_RETENTION_AFTER_CONVENTION_DAYS


def _convention_ended_at(structure) -> datetime.datetime:
    """The moment a convention ends: the start of the day after its last day (Paris time)."""
    day_after = structure.convention_end + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))


def _file_predates(image, moment) -> bool:
    """Whether the image's original file was written before ``moment`` (so its URLs may have been
    published while the convention ran). Storages that cannot tell are assumed to say yes."""
    storage = image.file.storage
    try:
        return storage.get_modified_time(image.file.name) < moment
    except FileNotFoundError:
        return image.renditions.exists()
    except (NotImplementedError, OSError):
        return True


def convention_photos_due(today: datetime.date | None = None) -> list[ConventionPhoto]:
    """Photos of the promeneurs of structures whose convention has ended: to re-key once (their file
    predates the end), or to remove more than PHOTO_RETENTION_AFTER_CONVENTION_DAYS days after the end."""
    from directory.models import PromeneurPage

    today = today or timezone.localdate()
    grace = datetime.timedelta(days=retention_days())
    promeneurs = (
        PromeneurPage.objects.filter(structure__convention_end__lt=today, photo__isnull=False)
        .select_related("photo", "structure")
        .order_by("structure__convention_end", "pk")
    )
    due = []
    for promeneur in promeneurs:
        structure = promeneur.structure
        if today > structure.convention_end + grace:
            due.append(ConventionPhoto(promeneur, REMOVE))
        elif _file_predates(promeneur.photo, _convention_ended_at(structure)):
            due.append(ConventionPhoto(promeneur, REKEY))
    return due


def apply_convention_rules(
    today: datetime.date | None = None, dry_run: bool = False
) -> list[ConventionPhoto]:
    """Re-key or remove the photos :func:`convention_photos_due` finds; returns them. Idempotent: a
    re-keyed file is newer than the convention's end, a removed photo is gone."""
    due = convention_photos_due(today)
    if dry_run:
        return due
    for item in due:
        if item.action == REMOVE:
            remove_photo(item.promeneur)
        else:
            hide_photo(item.promeneur)
    return due


def rekey_all_images() -> int:
    """Give every image's file a random name (for images uploaded before names were random)."""
    count = 0
    for image in get_image_model().objects.all().iterator():
        rekey_image(image)
        count += 1
    return count
