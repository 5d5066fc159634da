"""purge_import_previews deletes the abandoned import previews (MEDIA_ROOT/imports/*.json, the uploaded rows)
older than IMPORT_PREVIEW_MAX_AGE_HOURS, and keeps the recent ones and anything else in the directory."""

import io
import os
import time

import pytest
from django.core.management import call_command
from django.test import override_settings

from imports.previews import store_dir


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def preview(name: str, hours_old: float):
    path = store_dir() / name
    path.write_text('{"rows": []}', encoding="utf-8")
    when = time.time() - hours_old * 3600
    os.utime(path, (when, when))
    return path


def purge(**options) -> str:
    out = io.StringIO()
    call_command("purge_import_previews", stdout=out, **options)
    return out.getvalue()


def test_previews_older_than_a_day_are_deleted(media):
    old, recent = preview("a" * 64 + ".json", 25), preview("b" * 64 + ".json", 23)
    other = store_dir() / "notes.txt"
    other.write_text("kept", encoding="utf-8")
    os.utime(other, (0, 0))
    assert "supprimés : 1." in purge()
    assert not old.exists()
    assert recent.exists() and other.exists()


@override_settings(IMPORT_PREVIEW_MAX_AGE_HOURS=2)
def test_the_setting_and_the_option_set_the_age(media):
    three_hours, one_hour = preview("c" * 64 + ".json", 3), preview("d" * 64 + ".json", 1)
    assert "de plus de 2 heures supprimés : 1." in purge()
    assert not three_hours.exists() and one_hour.exists()
    purge(hours=0)
    assert not one_hour.exists()


def test_no_directory_yet_is_not_an_error(media):
    assert "supprimés : 0." in purge()
