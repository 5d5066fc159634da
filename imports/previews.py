"""Where the import previews are kept: one JSON file per upload under MEDIA_ROOT/imports (the parsed rows,
names and e-mails included), deleted by the import and, when abandoned, by ``manage.py
purge_import_previews`` once older than IMPORT_PREVIEW_MAX_AGE_HOURS (24 by default)."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

from django.conf import settings


def store_dir() -> Path:
    directory = Path(settings.MEDIA_ROOT) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def max_age() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.IMPORT_PREVIEW_MAX_AGE_HOURS)


def purge(older_than: datetime.timedelta) -> int:
    """Delete the previews last written more than ``older_than`` ago; return how many were deleted."""
    directory = Path(settings.MEDIA_ROOT) / "imports"
    if not directory.is_dir():
        return 0
    limit = time.time() - older_than.total_seconds()
    deleted = 0
    for path in directory.glob("*.json"):
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
                deleted += 1
        except FileNotFoundError:  # imported (and deleted) meanwhile
            continue
    return deleted
