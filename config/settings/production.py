"""Production: the secure base. Refuses to start without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL."""

from config.env import env_bool, env_int, env_required, env_str

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

# --- Operations (operations/README.md, deploy/README.md) ----------------------------------------------------
# A database that does not answer gives the 503 page within seconds instead of hanging a worker: a connection
# attempt gives up after PG_CONNECT_TIMEOUT seconds, a statement after PG_STATEMENT_TIMEOUT_MS (0 = no limit,
# as the systemd timers of long management commands set it). Both raise OperationalError -> 503.
DATABASES["default"]["CONN_MAX_AGE"] = env_int(
    "DB_CONN_MAX_AGE", 60, "Seconds a database connection is kept open"
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _statement_timeout = env_int(
        "PG_STATEMENT_TIMEOUT_MS", 10000, "PostgreSQL statement_timeout in production, ms (0: none)"
    )
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": env_int(
                "PG_CONNECT_TIMEOUT", 3, "Seconds to wait for a PostgreSQL connection"
            ),
            "options": f"-c statement_timeout={_statement_timeout}",
        }
    )

# The load balancer's or monitor's health check may call gunicorn directly over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# `manage.py check --deploy` (tests/deploy/test_check_deploy.py): the three warnings below are deliberate.
SILENCED_SYSTEM_CHECKS = [
    # HSTS includeSubDomains: départements may run sub-domains of their own with their own policy.
    "security.W005",
    # HSTS preload needs includeSubDomains (above).
    "security.W021",
    # X-Frame-Options SAMEORIGIN, not DENY: Wagtail's admin frames its own preview.
    "security.W019",
]

# Media: S3-compatible object storage through django-storages when a bucket is set, the filesystem otherwise.
# Credentials come from the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables (read by boto3).
AWS_STORAGE_BUCKET_NAME = env_str(
    "AWS_STORAGE_BUCKET_NAME", "", "Media bucket (S3-compatible); empty: filesystem"
)
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", None, "Object storage endpoint (https://…)"),
            "region_name": env_str("AWS_S3_REGION_NAME", None, "Object storage region"),
            "custom_domain": env_str(
                "AWS_S3_CUSTOM_DOMAIN", None, "Public host name serving the media bucket"
            ),
            "location": env_str("AWS_LOCATION", "media", "Key prefix of the media in the bucket"),
            # Files keep the random names Wagtail gives them (directory/photos.py); never overwritten.
            "file_overwrite": False,
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False, "Signed media URLs"),
        },
    }

# Structured logs: one JSON object per line on standard error (journald keeps them).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING", "Root log level")},
    "loggers": {"django.request": {"level": "ERROR", "propagate": True}},
}
