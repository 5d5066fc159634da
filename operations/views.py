"""`/healthz`: is this process able to serve? Checks the database and the cache; shows no data."""

import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _check(name, probe):
    started = time.monotonic()
    try:
        probe()
    except Exception as error:  # noqa: BLE001 - any failure of a dependency is a failed check
        return {"name": name, "ok": False, "error": error.__class__.__name__}
    return {"name": name, "ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not keep a value")
    cache.delete(key)


@never_cache
@require_safe
def healthz(request):
    checks = [_check("database", _database), _check("cache", _cache)]
    healthy = all(check["ok"] for check in checks)
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": {c.pop("name"): c for c in checks}},
        status=200 if healthy else 503,
    )
