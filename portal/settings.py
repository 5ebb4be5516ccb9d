"""Satu Layanan settings: one module, driven by typed environment variables.

Every variable is documented in the README's "Configuration" table. The embedded
default (SQLite, database search, local-memory cache, local media, immediate tasks)
needs no variable but SECRET_KEY and ENCRYPTION_KEYS, which `make demo` writes into
a git-ignored `.env` the first time it runs. There is deliberately no fallback
secret: a process without one refuses to start, rather than run with a guessable key.

PORTAL_ENV picks the profile:
- ``development``: the embedded default; Google's public reCAPTCHA test keys allowed.
- ``test``: as development, plus fast hashers, local-memory email, no .env file read
  (the test plugin in tests/plugin.py sets every variable it needs).
- ``production``: refuses to start without its secrets and real reCAPTCHA keys; HTTPS
  only, HSTS, secure cookies.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PORTAL_DIR = BASE_DIR / "portal"

# The tests must never pick up a developer's .env (its database, its keys).
if os.environ.get("PORTAL_ENV") != "test":
    environ.Env.read_env(BASE_DIR / ".env")

env = environ.Env()

PORTAL_ENV = env.str("PORTAL_ENV", default="development")
if PORTAL_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        f"PORTAL_ENV must be development, test or production, not {PORTAL_ENV!r}."
    )
PRODUCTION = PORTAL_ENV == "production"
TESTING = PORTAL_ENV == "test"


def required(name: str) -> str:
    """A secret with no default: a missing one stops start-up with a clear message."""
    value = env.str(name, default="")
    if not value:
        hint = "run `make demo` once to write a development .env" if not PRODUCTION else ""
        raise ImproperlyConfigured(f"The environment variable {name} is required. {hint}".strip())
    return value


SECRET_KEY = required("SECRET_KEY")
# Old keys after a rotation: sessions, CSRF tokens and signed links made with them still
# verify (receipt codes have their own RECEIPT_SECRET below); see docs/deploy.md.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
# The key of the receipt-code digests (forms/receipts.py), apart from SECRET_KEY so that
# a leaked SECRET_KEY and a database dump together still open no receipt.
RECEIPT_SECRET = required("RECEIPT_SECRET")
RECEIPT_SECRET_FALLBACKS = env.list("RECEIPT_SECRET_FALLBACKS", default=[])
# The key of the blind index of a report's district (forms/regions.py): counting and
# scoping by district without the district in clear.
REGION_INDEX_SECRET = required("REGION_INDEX_SECRET")
DEBUG = env.bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    # Debug pages show settings, SQL and local variables: reporters' words among them.
    raise ImproperlyConfigured("DEBUG must not be true in production.")
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Envelope encryption of complaint data (forms/crypto.py). A comma-separated list of
# ``key_id:urlsafe-base64-32-bytes``; the first key wraps new data keys, the others
# still unwrap old ones until `manage.py rotate_keys` has re-wrapped everything.
ENCRYPTION_KEYS = env.list("ENCRYPTION_KEYS", default=[])
if not ENCRYPTION_KEYS:
    required("ENCRYPTION_KEYS")

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "portal",
    "content",
    "forms",
    "forms.triage",
    "search",
    "wagtail_localize",
    # Replaces wagtail.locales: locale management that knows about translations.
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    # Wagtail's users app; only superusers may tick "Administrator" (portal/security/users.py).
    "portal.security.apps.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_recaptcha",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.sitemaps",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Same-origin referrers for the admin's forms (CSRF); public pages keep no-referrer.
    "portal.security.headers.AdminReferrerPolicyMiddleware",
    # no-store where the URL carries a search or a location (portal/security/headers.py).
    "portal.security.headers.PrivateQueryNoStoreMiddleware",
    # A NUL byte in the URL gets a clear 400, not a database error (portal/security/input.py).
    "portal.security.input.RefuseNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # /api/ and /open-data/: per-client limit before any query (portal/security/throttle.py).
    "portal.security.throttle.PublicDataThrottleMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outside session, CSRF and locale: it must see the cookies they set (content/page_cache.py).
    "content.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body (CSRF does, in process_view), after the user is
    # known: refuses oversized POSTs of anyone but signed-in staff (forms/middleware.py).
    "forms.middleware.PublicRequestSizeLimit",
    "django_otp.middleware.OTPMiddleware",
    # Signed-in staff get the admin in their profile's language, the messages stored
    # after the view included (portal/admin_language.py).
    "portal.admin_language.AdminLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs staff out after STAFF_SESSION_IDLE_MINUTES without a request.
    "portal.security.sessions.IdleSessionTimeoutMiddleware",
    # Staff who need a second factor reach no admin page before passing it.
    "portal.security.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Sets the known-device cookie after a staff sign-in (portal/security/lockout.py).
    "portal.security.lockout.KnownDeviceMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by the backend into a response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Throttles failed staff logins (see "Staff security" in the README).
    "axes.backends.AxesStandaloneBackend",
    # A username over its own limit, for browsers that never signed in to it.
    "portal.security.lockout.UsernameLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Staff roles (Django groups made by migrations) whose members must pass a second
# factor before any admin page opens: the triage roles, the partner units' roles, and
# the editorial ones, since moderators publish the hotline numbers every public page
# shows.
STAFF_GROUPS_REQUIRING_2FA = [
    "Intake operator",
    "Triage officer",
    "Case manager",
    "Administrator",
    "Unit staff",
    "Unit coordinator",
    "Moderator",
    "Editor",
    "Campaign editors",
    "News editors",
    "Directory editors",
]
# The name authenticator apps show next to the code.
OTP_TOTP_ISSUER = "Satu Layanan"

# Failed admin logins (django-axes). Locking by username *and* address together means
# an attacker who guesses at a colleague's account locks out only their own
# (user, address) pair: the colleague still signs in from their office, and nobody
# can lock a whole agency out by spraying its usernames from one machine.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Counters in the database, not the cache: every web process shares them, and a Redis
# restart or outage cannot reset them (a lockout that failed open would let a password
# guesser through exactly when the cache is down).
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
# Wrong passwords for one username from every origin together before browsers that
# never signed in to it are refused too (portal/security/lockout.py).
LOGIN_USERNAME_FAILURE_LIMIT = env.int("LOGIN_USERNAME_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/security/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "portal.security.lockout.client_address"
# Successful logins are not logged with their address: only failures are kept, and
# those older than the cool-off are deleted at the next attempt.
AXES_DISABLE_ACCESS_LOG = True
# What django-axes writes to the log about a login: masked, the browser too.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "user_agent"]
# Load balancers / CDNs in front of the portal: their count tells django-axes which
# X-Forwarded-For entry is the staff member's address (portal/security/lockout.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Staff sessions end after this many idle minutes (portal/security/sessions.py), and
# after a working day whatever happens.
STAFF_SESSION_IDLE_MINUTES = env.int("STAFF_SESSION_IDLE_MINUTES", default=30)
# Counted from the sign-in, however busy the session (portal/security/sessions.py).
STAFF_SESSION_ABSOLUTE_HOURS = env.int("STAFF_SESSION_ABSOLUTE_HOURS", default=10)
SESSION_COOKIE_AGE = 60 * 60 * STAFF_SESSION_ABSOLUTE_HOURS

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # portal/templates is the portal app's own template folder (found first: portal
        # leads INSTALLED_APPS); listed here too it would be searched twice, and a
        # template that extends the one it overrides would be rendered twice.
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Database, cache, search, tasks, storage, email: embedded default or production parts
# ---------------------------------------------------------------------------
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# In production each web thread keeps its connection: opening one per request cost
# more than rendering a small page (a new PostgreSQL backend process, or SQLite's
# set-up and a WAL checkpoint on close). The health check at the start of a request
# replaces a connection that a database restart has closed, instead of failing on it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's readers and the one writer proceed together.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared state of several web processes: the cache, the page cache's generation counter,
# rate-limit counters and (SESSION_ENGINE=cache or cached_db) sessions. django-redis
# rather than Django's own RedisCache for IGNORE_EXCEPTIONS: a Redis that is down or
# unreachable turns every cache call into a miss (logged) instead of an error page, so
# public pages and the complaint form keep answering; the short socket timeouts keep
# a hung Redis from holding requests.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "LOG_IGNORED_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate limits whose counters cannot be read (Redis down) let the request through: a
# complaint must never be refused for a cache outage (CSRF, the honeypot, the minimum
# fill time and reCAPTCHA still apply), and a 16-digit receipt code cannot be guessed
# in the time an outage lasts. Staff login lockout is not affected: django-axes keeps
# its counters in the database (AXES_HANDLER below).
RATELIMIT_FAIL_OPEN = True

# Sessions (staff only: readers get none). "db" (the default) keeps them in the
# database, which every web process shares already; "cached_db" reads them from Redis
# first and falls back to the database; "cache" keeps them in Redis alone (a Redis
# restart signs every staff member out).
SESSION_ENGINE = {
    "db": "django.contrib.sessions.backends.db",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "cache": "django.contrib.sessions.backends.cache",
}.get(env.str("SESSION_ENGINE", default="db"))
if SESSION_ENGINE is None:
    raise ImproperlyConfigured("SESSION_ENGINE must be db, cached_db or cache.")
if not SESSION_ENGINE.endswith(".db") and not REDIS_URL and PRODUCTION:
    # A process's local memory would keep a session another process has ended.
    raise ImproperlyConfigured("SESSION_ENGINE cache or cached_db needs REDIS_URL.")

# Whole-page cache for anonymous readers (content/page_cache.py); 0 turns it off. Off in
# the test profile so that tests see what they just wrote; the cache's own tests turn it on.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if TESTING else 300)
# Parts of pages kept between renders the page cache cannot serve, under the same
# generation (content/templatetags/fragments.py); 0 renders every part every time.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=PAGE_CACHE_SECONDS)

# The CDN in front (content/cdn.py): how long it may keep a public page (0: never),
# and how long it may still answer with its last copy while the portal is down.
CDN_CACHE_SECONDS = env.int("CDN_CACHE_SECONDS", default=300)
CDN_STALE_IF_ERROR_SECONDS = env.int("CDN_STALE_IF_ERROR_SECONDS", default=60 * 60 * 24)
# Purges on publish, through Wagtail's frontend cache backends: any of a plain HTTP
# PURGE endpoint (Varnish, nginx, a CDN's purge gateway), Cloudflare, CloudFront.
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_URL := env.str("FRONTEND_CACHE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_URL,
    }
if CLOUDFLARE_ZONE_ID := env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": CLOUDFLARE_ZONE_ID,
        "BEARER_TOKEN": required("CLOUDFLARE_API_TOKEN"),
    }
if CLOUDFRONT_DISTRIBUTION_ID := env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    # Credentials from the usual AWS_* variables or the instance role (boto3).
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": CLOUDFRONT_DISTRIBUTION_ID,
    }
# content/cdn.py purges each translation by its own URL; no prefix swapping.
WAGTAILFRONTENDCACHE_LANGUAGES = []

ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env.str("ELASTICSEARCH_INDEX_PREFIX", default="satu-layanan")
# The portal's own search API (search/) picks its backend from this; Wagtail's admin
# search keeps using the database backend, which needs no extra service.
SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "database"
# "simple" on PostgreSQL: search.text already stems Indonesian and English text in
# Python (PostgreSQL has no Indonesian configuration, and one index holds both
# languages), so the database only splits and lower-cases. Ignored on SQLite.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}

TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static-collected")
STATICFILES_DIRS = [PORTAL_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Evidence files: never below MEDIA_ROOT, never given a public URL.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    _media = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"location": "media"}}
    _private = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_PRIVATE_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME),
            "location": "private",
            "querystring_auth": True,
        },
    }
else:
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _private = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "default": _media,
    "private": _private,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# In development and tests whitenoise serves straight from the finders, so neither
# runserver with DEBUG off nor a live-server test needs collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if PRODUCTION else 60

# Tests keep mail in memory; a process they start (a task worker) may be given EMAIL_URL.
if TESTING and not env.str("EMAIL_URL", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
    vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="satu-layanan@localhost")

# ---------------------------------------------------------------------------
# Languages: Indonesian first, English second (wagtail-localize)
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
# A new translation is a draft, whatever the state of its source: it is published by
# the moderation workflow like any edit (portal/moderation.py). wagtail-localize's own
# default copies the source's live status, publishing an untranslated page at once.
# (The setting's name has no underscore between WAGTAIL and LOCALIZE.)
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The portal's own strings first; then the admin's Indonesian for Wagtail,
# wagtail-localize, django-otp... (portal/admin_catalogue.py), over the packages' own.
LOCALE_PATHS = [BASE_DIR / "locale", PORTAL_DIR / "locale_admin"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Satu Layanan"
# The admin speaks Indonesian first (complete, portal/locale_admin/), English second;
# new staff start in Indonesian (portal/staff.py) and may choose English in their account.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILADMIN_USER_LOGIN_FORM = "portal.admin_login.LoginForm"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# mp4/webm: campaign videos are played from the portal, never from a third party.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "png", "jpg", "jpeg", "mp4", "webm"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call out to a third party
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Editorial workflow (portal/migrations/0001_editorial_roles.py): moderation, comments,
# and an edit made while a page awaits moderation sends it back for approval.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# Staff avatars are never fetched from Gravatar: no staff email hash to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# ---------------------------------------------------------------------------
# Triage (forms/triage): due times per status, retention
# ---------------------------------------------------------------------------
# Hours a report may stay in each status ("new=24,in_review=48"); stricter ones for
# reports of immediate danger. Statuses left out (invalid, closed) have no due time.
TRIAGE_DUE_HOURS = env.dict(
    "TRIAGE_DUE_HOURS",
    cast={"value": int},
    default={
        "new": 24,
        "in_review": 48,
        "verified": 72,
        "referred": 168,
        "in_handling": 336,
        "resolved": 168,
    },
)
TRIAGE_DANGER_DUE_HOURS = env.dict(
    "TRIAGE_DANGER_DUE_HOURS",
    cast={"value": int},
    default={
        "new": 1,
        "in_review": 4,
        "verified": 12,
        "referred": 24,
        "in_handling": 72,
        "resolved": 168,
    },
)
# Closed reports (and their files) are purged this many days after closing
# (manage.py purge_reports), leaving only anonymous counts.
TRIAGE_RETENTION_DAYS = env.int("TRIAGE_RETENTION_DAYS", default=365)
# How long a partner unit has to accept or decline a referral (forms/triage/workflow.py);
# shorter when someone is in immediate danger.
REFERRAL_RESPONSE_HOURS = env.int("REFERRAL_RESPONSE_HOURS", default=72)
REFERRAL_DANGER_RESPONSE_HOURS = env.int("REFERRAL_DANGER_RESPONSE_HOURS", default=4)
# How long a staff member who is not the case holder sees contact details they revealed
# (with a reason, audited) before they are masked again.
TRIAGE_CONTACT_REVEAL_MINUTES = env.int("TRIAGE_CONTACT_REVEAL_MINUTES", default=15)
# The key of the blind index that lets a unit's inbox find "referrals to my units"
# while the unit itself stays sealed (forms/triage/unit_index.py, docs/referrals.md).
# Its own secret, so that neither SECRET_KEY nor the encryption keys open it. Required in
# production; elsewhere derived from SECRET_KEY when unset (`make demo` writes one).
REFERRAL_INDEX_KEY = env.str("REFERRAL_INDEX_KEY", default="")
if PRODUCTION and not REFERRAL_INDEX_KEY:
    required("REFERRAL_INDEX_KEY")
# Earlier keys, during a rotation (forms/triage/unit_index.py): the audit log's unit
# filter still finds entries written under them.
REFERRAL_INDEX_KEY_FALLBACKS = env.list("REFERRAL_INDEX_KEY_FALLBACKS", default=[])

# Public statistics: counts below this are never published (docs/statistics.md).
STATISTICS_THRESHOLD = env.int("STATISTICS_THRESHOLD", default=5)
if STATISTICS_THRESHOLD < 2:
    raise ImproperlyConfigured("STATISTICS_THRESHOLD must be at least 2.")

# ---------------------------------------------------------------------------
# reCAPTCHA (the complaint page only)
# ---------------------------------------------------------------------------
# Google's documented always-pass test keys, for development and tests only.
RECAPTCHA_TEST_PUBLIC_KEY = "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"
RECAPTCHA_TEST_PRIVATE_KEY = "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe"
RECAPTCHA_PUBLIC_KEY = env.str("RECAPTCHA_PUBLIC_KEY", default="")
RECAPTCHA_PRIVATE_KEY = env.str("RECAPTCHA_PRIVATE_KEY", default="")
if PRODUCTION:
    if not RECAPTCHA_PUBLIC_KEY or not RECAPTCHA_PRIVATE_KEY:
        raise ImproperlyConfigured(
            "RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY are required in production."
        )
    if RECAPTCHA_PRIVATE_KEY == RECAPTCHA_TEST_PRIVATE_KEY:
        raise ImproperlyConfigured("Google's reCAPTCHA test keys must not be used in production.")
else:
    RECAPTCHA_PUBLIC_KEY = RECAPTCHA_PUBLIC_KEY or RECAPTCHA_TEST_PUBLIC_KEY
    RECAPTCHA_PRIVATE_KEY = RECAPTCHA_PRIVATE_KEY or RECAPTCHA_TEST_PRIVATE_KEY
    if RECAPTCHA_PRIVATE_KEY == RECAPTCHA_TEST_PRIVATE_KEY:
        SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]
# The siteverify endpoint; tests point it at a local stand-in.
RECAPTCHA_DOMAIN = env.str("RECAPTCHA_DOMAIN", default="www.google.com")
RECAPTCHA_VERIFY_TIMEOUT = env.int("RECAPTCHA_VERIFY_TIMEOUT", default=5)
# The name django-recaptcha itself reads (django_recaptcha/client.py).
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = RECAPTCHA_VERIFY_TIMEOUT
# "v2" (the "I'm not a robot" checkbox) or "v3" (an invisible score).
RECAPTCHA_VERSION = env.str("RECAPTCHA_VERSION", default="v2")
if RECAPTCHA_VERSION not in {"v2", "v3"}:
    raise ImproperlyConfigured("RECAPTCHA_VERSION must be v2 or v3.")
# v3 only: below this score a report is kept but flagged for triage as a likely bot.
RECAPTCHA_REQUIRED_SCORE = env.float("RECAPTCHA_REQUIRED_SCORE", default=0.5)

# The complaint form's own limits (forms/intake/). Rates are django-ratelimit's
# "count/period"; per client is keyed on a salted hash of the address, in the cache only.
INTAKE_RATE_PER_CLIENT = env.str("INTAKE_RATE_PER_CLIENT", default="10/h")
INTAKE_RATE_GLOBAL = env.str("INTAKE_RATE_GLOBAL", default="120/m")
# Receipt-code look-ups on the follow-up page, right or wrong.
INTAKE_STATUS_RATE_PER_CLIENT = env.str("INTAKE_STATUS_RATE_PER_CLIENT", default="20/h")
# The read API (/api/v2/), the open data and the statistics downloads, per client.
OPEN_DATA_RATE_PER_CLIENT = env.str(
    "OPEN_DATA_RATE_PER_CLIENT", default="600/m" if TESTING else "60/m"
)
INTAKE_MIN_FILL_SECONDS = env.int("INTAKE_MIN_FILL_SECONDS", default=3)
# How long an intake operator sees and may correct a report they recorded.
INTAKE_OPERATOR_CORRECTION_HOURS = env.int("INTAKE_OPERATOR_CORRECTION_HOURS", default=24)
INTAKE_MAX_FILES = env.int("INTAKE_MAX_FILES", default=5)
INTAKE_MAX_FILE_BYTES = env.int("INTAKE_MAX_FILE_BYTES", default=10 * 1024 * 1024)
INTAKE_MAX_TOTAL_BYTES = env.int("INTAKE_MAX_TOTAL_BYTES", default=20 * 1024 * 1024)
# Pixels of one picture, all its frames together, read from its header before any is
# decoded (forms/intake/evidence.py): 50 million holds a 48-megapixel phone photo.
INTAKE_MAX_IMAGE_PIXELS = env.int("INTAKE_MAX_IMAGE_PIXELS", default=50_000_000)
# Any POST larger than this is refused before it is read (signed-in staff are exempt).
PUBLIC_MAX_REQUEST_BYTES = env.int("PUBLIC_MAX_REQUEST_BYTES", default=22 * 1024 * 1024)
# Uploads stay in memory up to the request cap: evidence is never written to a
# temporary file in clear before it is sealed (only staff uploads above it spool).
FILE_UPLOAD_MAX_MEMORY_SIZE = PUBLIC_MAX_REQUEST_BYTES

# ---------------------------------------------------------------------------
# Security
# ---------------------------------------------------------------------------
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Strict"
# A session cookie, gone when the browser closes: a one-year cookie would show anyone
# holding a shared phone that it once opened the complaint form.
CSRF_COOKIE_AGE = None
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is hard to undo and binds every subdomain of the agency's domain:
        # each agency opts in with SECURE_HSTS_PRELOAD, so its absence is no warning.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Query parameters that carry what a reader typed or where they are: a page whose URL
# has one answers no-store (portal/security/headers.py).
PRIVATE_QUERY_PARAMETERS = ["q", "near"]
# The health checks are probed over plain HTTP by load balancers.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# Public pages load nothing from anywhere but the portal itself. The complaint page
# widens script-src/frame-src for reCAPTCHA alone (forms/), and the admin, which needs
# inline styles for Wagtail's widgets, is excluded here and protected by login instead.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

# The admin's own policy (portal/security/headers.py): Wagtail's widgets need inline
# script and style; nothing may come from, or be sent to, anywhere else.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, "blob:"],
        "frame-src": [SELF],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}

PASSWORD_HASHERS = (
    ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if TESTING
    else [
        "django.contrib.auth.hashers.ScryptPasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "portal.security.passwords.SiteWordsValidator"},
    {"NAME": "portal.security.passwords.VarietyValidator"},
]

# ---------------------------------------------------------------------------
# Logging: the request logger never sees who asked (the portal's privacy rules).
# ---------------------------------------------------------------------------
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "portal.log_format.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # runserver's access log prints the client's address and path for every request.
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
        # With DEBUG on, every SQL statement would be logged with its parameters
        # (sealed columns are ciphertext, but a receipt digest or region is not).
        "django.db.backends": {"level": "INFO"},
    },
}
