"""Uploaded images are stored under random names: the file name a coordinator uploaded (here
``nommee-Dupont.png``, the last name the public card hides) reaches no public URL, original or rendition,
and the image's title (filled from the file name) is never the alt text of a public page."""

import re
from io import StringIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models.fields.files import FieldFile
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import UploadedFile

from directory.factories import make_photo
from directory.photos import random_file_name
from tests.directory.photo_helpers import HIDDEN_LAST_NAME, build, public_pages

RANDOM_ORIGINAL = re.compile(r"original_images/[0-9a-f]{32}\.png")


def test_an_image_uploaded_in_the_admin_gets_a_random_file_name(cher):
    world = build(cher)
    image = world.image
    assert image.title == "nommee-Dupont"  # what the admin's upload form shows the editors
    assert RANDOM_ORIGINAL.fullmatch(image.file.name), image.file.name
    assert image.file.storage.exists(image.file.name)
    rendition = image.get_rendition("fill-320x320-c100")
    assert rendition.file.name.startswith("images/" + image.file.name.split("/")[1][:20])
    assert "nommee" not in rendition.url and HIDDEN_LAST_NAME not in rendition.url


def test_no_public_page_shows_the_uploaded_name_nor_the_title(cher):
    world = build(cher)
    pages = public_pages(world)
    for name, content in pages.items():
        assert HIDDEN_LAST_NAME not in content, name
        assert "nommee" not in content, name
    # The photo is there, its alternative text is the first name, not the image's title.
    assert 'alt="Photo de Léa"' in pages["profile"]
    assert 'alt="Photo de Léa"' in pages["annuaire (département)"]
    assert 'alt="Photo de Léa"' in pages["structure"]
    assert re.search(
        r'src="/media/images/[0-9a-f]{20,}\.[0-9a-f]{8}\.fill-\d+x\d+-c100\.png"', pages["profile"]
    )


def test_a_structure_logo_is_decorative_next_to_the_structure_name(cher):
    world = build(cher)
    logo = world.image
    world.promeneur.photo = None
    world.promeneur.save_revision().publish()
    world.structure.logo = logo
    world.structure.save_revision().publish()
    pages = public_pages(world)
    for name, content in pages.items():
        assert HIDDEN_LAST_NAME not in content and "nommee" not in content, name
    assert re.search(
        r'<img [^>]*src="/media/images/[0-9a-f]+\.[^"]+" width="\d+" height="\d+" alt="">', pages["structure"]
    )


def test_images_created_in_code_get_random_names_too(db):
    image = get_image_model().objects.create(
        title="Portrait", file=SimpleUploadedFile("Dupont Léa.JPG", get_test_image_file().file.getvalue())
    )
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.jpg", image.file.name)
    factory_image = make_photo("Autre")
    assert re.fullmatch(r"original_images/[0-9a-f]{32}\.\w+", factory_image.file.name)


def test_replacing_the_file_gives_a_new_random_name_and_saving_keeps_it(db):
    image = make_photo("Portrait")
    first = image.file.name
    image.title = "Portrait modifié"
    image.save()
    assert image.file.name == first
    image.file = ContentFile(get_test_image_file().file.getvalue(), name="Dupont-2.png")
    image.save()
    assert image.file.name != first and RANDOM_ORIGINAL.fullmatch(image.file.name)


def test_the_multiple_upload_holding_place_gets_a_random_name_too(db):
    upload = UploadedFile.objects.create(
        file=SimpleUploadedFile("nommee-Dupont.png", b"not an image"), for_content_type_id=None
    )
    assert HIDDEN_LAST_NAME not in upload.file.name


def test_django_still_marks_a_newly_assigned_file_as_not_written(db):
    """The random name relies on FieldFile._committed (private Django API): fail loudly if it moves."""
    field = get_image_model()._meta.get_field("file")
    image = get_image_model()(title="x")
    image.file = ContentFile(get_test_image_file().file.getvalue(), name="a.png")
    assert isinstance(image.file, FieldFile)
    assert image.file._committed is False
    assert FieldFile(image, field, "original_images/a.png")._committed is True


def test_random_names_keep_only_a_plain_extension():
    assert re.fullmatch(r"[0-9a-f]{32}\.png", random_file_name("nommee-Dupont.PNG"))
    assert re.fullmatch(r"[0-9a-f]{32}", random_file_name("sans extension"))
    assert re.fullmatch(r"[0-9a-f]{32}", random_file_name("x.Dupont-tres-long"))
    assert random_file_name("a.png") != random_file_name("a.png")


def test_rekey_images_renames_the_files_uploaded_before_random_names(db, django_capture_on_commit_callbacks):
    image = make_photo("Ancienne photo")
    old_name = default_storage.save("original_images/nommee-Dupont.png", ContentFile(image.file.read()))
    type(image).objects.filter(pk=image.pk).update(file=old_name)
    image.refresh_from_db()
    rendition = image.get_rendition("fill-160x160-c100")
    assert HIDDEN_LAST_NAME in rendition.file.name
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rekey_images", stdout=out)
    image.refresh_from_db()
    assert "Images renommées : 1" in out.getvalue()
    assert RANDOM_ORIGINAL.fullmatch(image.file.name)
    assert not default_storage.exists(old_name) and not default_storage.exists(rendition.file.name)
    assert not image.renditions.exists()
