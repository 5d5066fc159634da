"""Settings shared by every environment. Values come from the environment (config.env) with safe defaults
for development; production.py tightens them and refuses to start without its secrets."""

from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str
from config.frontend_cache import varnish_backends

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key", "Django secret key (required in production)")
DEBUG = env_bool("DEBUG", False, "Django debug mode (dev settings default to on)")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["localhost", ".localhost", "127.0.0.1", "[::1]", "testserver"],
    "Comma-separated host names served (required in production; '.example.fr' allows subdomains)",
)
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [], "Comma-separated origins trusted for CSRF (https://…)"
)

INSTALLED_APPS = [
    # Project apps first so their templates override Wagtail's where needed.
    "core",
    "home",
    "departments",
    "geo",
    "news",
    "events",  # the agenda of each section, iCalendar feeds (events/README.md)
    "resources",  # the library of documents and links (resources/README.md)
    "directory",
    "search",
    "accounts",
    "reports",
    "activity",  # monthly activity reports and the indicators (activity/README.md)
    "imports",
    "dashboard",
    "network",
    "operations",  # /healthz, the 503 page when the database is down, security headers
    "pagecache",  # the anonymous page cache and its invalidation (pagecache/README.md)
    "demo",
    "adminui",  # admin branding and e-mail templates: before wagtail.admin to override its templates
    "wagtail_localize",
    # Wagtail's own locale admin, not wagtail_localize.locales: the latter offers "synchronise content from
    # another locale", which would alias every département's pages into English (wagtail-localize#386).
    "wagtail.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",  # django-csp: its system checks
]

MIDDLEWARE = [
    # First: turns the 500 of a database that is down or stuck into a 503 (operations/faults.py).
    "operations.faults.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "operations.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, strict about the /en/ prefix and 404 for a language the site lacks.
    "core.i18n.LanguageMiddleware",
    # The anonymous page cache (pagecache/README.md): after the language is known, outside CSRF, messages
    # and authentication so that it sees every cookie they set.
    "pagecache.middleware.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: axes must see the authentication attempts of every view above.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_context",
            ],
        },
    },
]

DATABASE_URL = env_str(
    "DATABASE_URL",
    f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
    "Database URL (postgres://user:pass@host:5432/name); SQLite file under var/ by default",
)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, "Seconds a database connection is kept open"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (the search log, counters): every transaction takes the write lock when it begins
    # (IMMEDIATE), waiting up to 20 s, instead of failing at once with "database is locked" when a reading
    # transaction starts to write; WAL keeps readers going during a write (tests/operations/test_sqlite_concurrency.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first, English for the national site.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# adminui/wagtail_fr: corrections of Wagtail's French (LOCALE_PATHS come before the apps' own catalogues).
LOCALE_PATHS = [BASE_DIR / "site" / "locale", BASE_DIR / "adminui" / "wagtail_fr" / "locale"]
# The site setting that names a section (core/sections.py names no app: this is the one place that does).
SECTION_IDENTITY_MODEL = "departments.SiteIdentity"
FORMAT_MODULE_PATH = ["core.formats"]  # dates and times per language, Paris time (core/formats/)
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static"), "Where collectstatic writes"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media"), "Uploaded images and documents"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Caching (pagecache/README.md) -------------------------------------------------------------------------
# One cache for every process: Redis when REDIS_URL is set (Django's own RedisCache backend, redis-py), local
# memory otherwise (one per process: fine for development). It holds the page-tree memo (core/navigation.py),
# the anonymous page cache, and the reports' rate limit.
REDIS_URL = env_str(
    "REDIS_URL", None, "Redis URL (redis://127.0.0.1:6379/0); the shared cache of every process"
)
CACHE_KEY_PREFIX = env_str(
    "CACHE_KEY_PREFIX", "pdn", "Prefix of every cache key (several sites on one Redis)"
)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "TIMEOUT": 24 * 60 * 60,
            # A cache that does not answer must not hang a worker (pagecache treats a failure as a miss).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pdn",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Anonymous page cache: the longest a page is kept (seconds; 0 turns the cache off). A page is also never kept
# past the next convention end or office-hours boundary, and every content change starts a new generation.
PAGE_CACHE_SECONDS = env_int(
    "PAGE_CACHE_SECONDS", 600, "Longest an anonymous page is cached, in seconds (0: no page cache)"
)
# Varnish in front (deploy/varnish/default.vcl), purged through wagtail.contrib.frontend_cache: a ban of
# every site's host on each new generation, sent to each Varnish server listed. Off unless VARNISH_URL is set.
VARNISH_URLS = env_list(
    "VARNISH_URL",
    [],
    "Varnish addresses for purges, comma-separated (http://127.0.0.1:6081); off if unset",
)
VARNISH_HOSTNAMES = env_list(
    "VARNISH_HOSTNAMES",
    [],
    "Site hosts the Varnish servers of VARNISH_URL cache, comma-separated; every site if unset",
)
if VARNISH_URLS:
    WAGTAILFRONTENDCACHE = varnish_backends(VARNISH_URLS, VARNISH_HOSTNAMES)

# Wagtail
WAGTAIL_SITE_NAME = "Promeneurs du Net"
WAGTAILADMIN_BASE_URL = env_str(
    "WAGTAILADMIN_BASE_URL", "http://localhost:8000", "Public base URL of the admin (links in e-mails)"
)
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no outside service fed with e-mail hashes
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "pptx", "txt", "csv", "zip"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.forms.DocumentForm"  # adds the size limit below
DOCUMENT_MAX_UPLOAD_MB = env_int(
    "DOCUMENT_MAX_UPLOAD_MB", 20, "Largest document accepted in the admin, in MB"
)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# wagtail-localize: translations are reviewed, never made live behind the editor's back.
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Search (owned by the search app; timings in benchmarks/README.md, section "Search").
# Wagtail's database backend by default (SQLite FTS5, PostgreSQL full text), Elasticsearch 9 when
# ELASTICSEARCH_URL is set. French, case- and accent-insensitive everywhere:
# - the query side (search/query.py) folds accents, drops elided articles (l', d'…), French stop words and
#   query syntax for every backend;
# - SQLite FTS5: its default unicode61 tokenizer already folds case and diacritics (remove_diacritics=1);
#   no French stemmer exists for FTS5, so no stemming there;
# - PostgreSQL: the text search configurations pdn_french (unaccent + French snowball stemmer) and pdn_simple
#   (unaccent, no stemming, for autocomplete) are created by search/migrations/0001 on PostgreSQL only;
#   without SEARCH_CONFIG Wagtail would use the server's default_text_search_config (usually English);
# - Elasticsearch: the analysers below (the default analyser serves both indexing and querying).
ELASTICSEARCH_URL = env_str(
    "ELASTICSEARCH_URL", None, "Elasticsearch 9 URL; enables the Elasticsearch backend"
)
ELASTICSEARCH_INDEX_PREFIX = env_str(
    "ELASTICSEARCH_INDEX_PREFIX", "pdn_", "Prefix of the Elasticsearch index names"
)
SEARCH_DATABASE_BACKEND = {
    # Wagtail's database backend; on PostgreSQL the autocomplete configuration becomes configurable
    # (Wagtail hard-codes "simple", which keeps accents).
    "BACKEND": "search.backends",
    "SEARCH_CONFIG": "pdn_french",
    "AUTOCOMPLETE_SEARCH_CONFIG": "pdn_simple",
}
FRENCH_ELISION_ARTICLES = [
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
]
SEARCH_ELASTICSEARCH_BACKEND = {
    "BACKEND": "wagtail.search.backends.elasticsearch9",
    "URLS": [ELASTICSEARCH_URL or "http://localhost:9200"],
    "INDEX_PREFIX": ELASTICSEARCH_INDEX_PREFIX,
    "TIMEOUT": 5,
    "OPTIONS": {},
    # Passed to indices.create(): merged (deep_update) into Wagtail's own analysis settings.
    "INDEX_SETTINGS": {
        "settings": {
            "analysis": {
                "filter": {
                    "french_elision": {
                        "type": "elision",
                        "articles_case": True,
                        "articles": FRENCH_ELISION_ARTICLES,
                    },
                    "french_stemmer": {"type": "stemmer", "language": "light_french"},
                },
                "analyzer": {
                    # Used for every text field without its own analyser (search fields, _all_text),
                    # at index and at query time.
                    "default": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["french_elision", "lowercase", "asciifolding", "french_stemmer"],
                    },
                    # Wagtail's autocomplete analyser, plus elision so "l'éducation" yields "educ…" prefixes.
                    # Its search analyser is the built-in "standard" one, which keeps accents: the query
                    # side folds them before sending (search/query.py).
                    "edgengram_analyzer": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["french_elision", "lowercase", "asciifolding", "edgengram"],
                    },
                },
            }
        }
    },
}
WAGTAILSEARCH_BACKENDS = {
    "default": SEARCH_ELASTICSEARCH_BACKEND if ELASTICSEARCH_URL else SEARCH_DATABASE_BACKEND
}
SEARCH_AUTOCOMPLETE_BUDGET_MS = env_int(
    "SEARCH_AUTOCOMPLETE_BUDGET_MS", 20, "Time budget of a search suggestion; past it, no suggestion"
)
SEARCH_QUERY_LOG_MAX_AGE_DAYS = env_int(
    "SEARCH_QUERY_LOG_MAX_AGE_DAYS", 400, "Days the per-site search log is kept (purge_search_log)"
)
WAGTAILSEARCH_HITS_MAX_AGE = SEARCH_QUERY_LOG_MAX_AGE_DAYS
SEARCH_LOG_FLUSH_SECONDS = env_int(
    "SEARCH_LOG_FLUSH_SECONDS",
    5,
    "Seconds a process keeps its search counts before writing them together (0: each search at once)",
)

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Annuaire
ANNUAIRE_MAP_TILE_URL = env_str(
    "ANNUAIRE_MAP_TILE_URL",
    "https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png",
    "Tile URL template of the annuaire map (Leaflet); empty disables the map",
)
ANNUAIRE_MAP_ATTRIBUTION = env_str(
    "ANNUAIRE_MAP_ATTRIBUTION", "© les contributeurs d'OpenStreetMap", "Attribution shown on the map"
)
# Promeneurs' photos (directory/photos.py): when a structure's convention ends, its promeneurs' photos get new
# file names at once, and are deleted this many days later if the convention was not renewed.
PHOTO_RETENTION_AFTER_CONVENTION_DAYS = env_int(
    "PHOTO_RETENTION_AFTER_CONVENTION_DAYS",
    90,
    "Days a promeneur's photo is kept after their structure's convention ended (then deleted)",
)
# Import previews (imports/previews.py): abandoned ones are deleted by purge_import_previews past this age.
IMPORT_PREVIEW_MAX_AGE_HOURS = env_int(
    "IMPORT_PREVIEW_MAX_AGE_HOURS",
    24,
    "Hours an abandoned import preview (uploaded rows) is kept (purge_import_previews)",
)
# Profile reports (reports/): purge_profile_reports deletes them and their audit entries past this age.
PROFILE_REPORT_RETENTION_DAYS = env_int(
    "PROFILE_REPORT_RETENTION_DAYS",
    365,
    "Days a profile report is kept, with its audit entries (purge_profile_reports)",
)

# E-mail: console in development, SMTP in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend", "Django e-mail backend"
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost", "SMTP host")
EMAIL_PORT = env_int("EMAIL_PORT", 25, "SMTP port")
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "", "SMTP user")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "", "SMTP password")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False, "SMTP STARTTLS")
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Promeneurs du Net <ne-pas-repondre@promeneursdunet.invalid>", "Sender of e-mails"
)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
SECURITY_CONTACT = env_str(
    "SECURITY_CONTACT",
    "mailto:securite@promeneursdunet.invalid",
    "Where vulnerabilities are reported (/.well-known/security.txt, SECURITY.md): a mailto: or https: URI",
)
# Moderation e-mails go to the coordination group of the département (submissions) and to the structure
# manager who submitted (approval, rejection with its comment); administrators are not copied on each one.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Login throttling (django-axes): 10 failures lock the account/IP pair for 30 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10, "Failed logins before a lockout")
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, "Minutes a lockout lasts") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads the CSRF cookie.
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview is framed by the admin itself.
# Content-Security-Policy (django-csp) and Permissions-Policy: operations/README.md. Public pages have no
# inline script or style attribute; the map's tiles come from the tile server of ANNUAIRE_MAP_TILE_URL.
from operations.headers import content_security_policy  # noqa: E402

CONTENT_SECURITY_POLICY = content_security_policy(ANNUAIRE_MAP_TILE_URL)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING", "Root log level")},
}
