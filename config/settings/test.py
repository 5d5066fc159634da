"""Test settings: fast hashing, in-memory media, immediate tasks. The database comes from DATABASE_URL
(make test runs the suite once on SQLite and once on PostgreSQL)."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="pdn-test-media-"))  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
AXES_ENABLED = True
# Local memory, whatever the environment says; the page cache is off except in the tests that turn it on
# (tests/caching): the rest of the suite reads every page fresh.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pdn-test",
        "KEY_PREFIX": "pdn-test",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
PAGE_CACHE_SECONDS = 0
# Each search written at once (search/counting.py): the tests read the log right after searching.
SEARCH_LOG_FLUSH_SECONDS = 0
WAGTAILFRONTENDCACHE = {}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "CRITICAL"}}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # A test database lives as long as the run: its commits need not wait for the disk.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
