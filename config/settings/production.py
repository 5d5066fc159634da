"""Production: the secure base. Refuses to start without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL."""

from config.env import env_bool, env_int, env_required

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY", "Django secret key")
ALLOWED_HOSTS = [
    host.strip() for host in env_required("ALLOWED_HOSTS", "Served host names").split(",") if host.strip()
]
DATABASES = {
    "default": dj_database_url.parse(  # noqa: F405
        env_required("DATABASE_URL", "PostgreSQL URL"), conn_max_age=60, conn_health_checks=True
    )
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True, "Redirect HTTP to HTTPS")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Admin sessions: "remember me" keeps one for a working day at most (without it, until the browser closes).
SESSION_COOKIE_AGE = 12 * 60 * 60
# Login throttling behind the reverse proxy: the address the proxy appended, never one the client sent.
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip_behind_proxy"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, "HSTS max-age in seconds")
SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # Départements may run their own domains with their own policy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
