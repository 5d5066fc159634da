"""An import too large to wait for in the request: applied in a background thread, its progress kept in a small
JSON file next to the previews (``MEDIA_ROOT/imports/job-<id>.json``, purged with them), read by the status
page that refreshes itself.

The thread runs ``imports.plan.apply``: one transaction, all or nothing. Its file says ``running`` (with the
rows written so far), ``done`` (with the counts) or ``failed`` (nothing was imported). A process that stops
mid-import (a restart) rolls the transaction back and leaves a ``running`` file that is no longer written:
past ``STALLED_AFTER`` seconds without news the status page says the import was interrupted.

A file of ``SYNC_ROWS`` rows or fewer is imported in the request, as is any import while the request is
inside a transaction (``ATOMIC_REQUESTS``, tests): a thread would not see its uncommitted rows.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
import time

from django.db import close_old_connections, connection

from imports.previews import store_dir

logger = logging.getLogger(__name__)

#: Rows imported in the request: a few seconds at most, the result shown at once.
SYNC_ROWS = 100
#: Seconds between two writes of the progress file.
WRITE_EVERY = 0.5
#: Seconds without news after which a running import is reported as interrupted.
STALLED_AFTER = 900
RUNNING, DONE, FAILED = "running", "done", "failed"


def _path(job_id: str):
    return store_dir() / f"job-{job_id}.json"


def _write(job_id: str, state: dict):
    state["updated"] = time.time()
    path = _path(job_id)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temporary, path)  # a reader never sees half a file


def read(job_id: str) -> dict | None:
    if not job_id.isalnum():
        return None
    try:
        state = json.loads(_path(job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("state") == RUNNING and time.time() - state.get("updated", 0) > STALLED_AFTER:
        state["state"] = "stalled"
    return state


def create(department, user, total: int, published: bool) -> tuple[str, dict]:
    job_id = secrets.token_hex(16)
    state = {
        "id": job_id,
        "department": department.code,
        "user": user.pk,
        "state": RUNNING,
        "done": 0,
        "total": total,
        "published": published,
        "counts": None,
    }
    _write(job_id, state)
    return job_id, state


def run(job_id: str, state: dict, plan, user, publish: bool):
    """Apply ``plan`` and record the outcome in the job's file (never raises)."""
    from imports.plan import apply

    last = {"at": 0.0}

    def progress(done: int, total: int):
        now = time.monotonic()
        if now - last["at"] >= WRITE_EVERY:
            last["at"] = now
            _write(job_id, {**state, "done": done, "total": total})

    try:
        counts = apply(plan, user, publish=publish, progress=progress)
    except Exception:
        logger.exception("import %s failed (rolled back)", job_id)
        state.update(state=FAILED)
    else:
        state.update(state=DONE, done=state["total"], counts=counts)
    _write(job_id, state)
    return state


def start(job_id: str, state: dict, plan, user, publish: bool) -> bool:
    """Run the job now (True) when it is small or the request is inside a transaction, else in a thread."""
    if state["total"] <= SYNC_ROWS or connection.in_atomic_block:
        run(job_id, state, plan, user, publish)
        return True

    def target():
        close_old_connections()
        try:
            run(job_id, state, plan, user, publish)
        finally:
            connection.close()  # this thread's own connection

    threading.Thread(target=target, name=f"import-{job_id}", daemon=True).start()
    return False
