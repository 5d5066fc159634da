"""The setting of wagtail.contrib.frontend_cache for the Varnish servers in front of the application."""


def varnish_backends(urls: list[str], hostnames: list[str] | None = None) -> dict:
    """One HTTP backend (PURGE) per Varnish server: with several application servers each behind its own
    Varnish, every one must drop its copies. ``hostnames`` limits the purges to those sites' hosts (Wagtail's
    per-backend ``HOSTNAMES``), for a Varnish that serves only some of the network's sites."""
    backends = {}
    for number, url in enumerate(urls, start=1):
        backend = {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
        if hostnames:
            backend["HOSTNAMES"] = list(hostnames)
        backends[f"varnish{number}" if len(urls) > 1 else "varnish"] = backend
    return backends
