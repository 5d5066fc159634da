"""Client address for login throttling (django-axes) in production, behind the reverse proxy."""


def client_ip_behind_proxy(request) -> str | None:
    """The address our reverse proxy appended to X-Forwarded-For (its right-most entry): addresses further
    left were sent by the client and can be forged, so they never count. Without the header (direct
    access), REMOTE_ADDR."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    candidates = [part.strip() for part in forwarded.split(",") if part.strip()]
    return candidates[-1] if candidates else request.META.get("REMOTE_ADDR")
