"""A per-address limit of the reports sent, through Django's cache: the address is hashed (with the secret
key) into the key, never stored, and the key expires with its window."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

MAX_REPORTS = 5
WINDOW_SECONDS = 60 * 60


def client_ip(request) -> str:
    # The same address as the login throttling (accounts.security behind the production proxy).
    callable_path = getattr(settings, "AXES_CLIENT_IP_CALLABLE", None)
    address = import_string(callable_path)(request) if callable_path else None
    return address or request.META.get("REMOTE_ADDR") or ""


def _key(request) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|profile-report|{client_ip(request)}".encode()).hexdigest()
    return f"reports:rate:{digest[:40]}"


def is_limited(request) -> bool:
    return (cache.get(_key(request)) or 0) >= MAX_REPORTS


def record(request) -> None:
    """Count one report from this address; the window starts with the first one."""
    key = _key(request)
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=WINDOW_SECONDS)
