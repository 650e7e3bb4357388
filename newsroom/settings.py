"""Newsroom settings, read from environment variables.

Development needs none of them: SQLite in the checkout, a local-memory cache and DEBUG on.
Production sets DEBUG=0 and must then provide SECRET_KEY and SITE_URL; DATABASE_URL and
REDIS_URL choose PostgreSQL and Redis.
"""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_flag("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"

# The site's public origin, e.g. https://news.example.com: every absolute address a page, feed,
# sitemap, robots.txt or API response writes starts with it. Never the request's Host header:
# a client chooses that, and what it would write is stored and served to every later reader
# (docs/security.md, "Host header and cache keys").
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured("SITE_URL must be set when DEBUG is off.")
    SITE_URL = "http://127.0.0.1:8000"  # `make run`'s address
# An origin only: the paths we append already carry any script prefix.
site_parts = urlsplit(SITE_URL)
if (
    site_parts.scheme not in ("http", "https")
    or not site_parts.hostname
    or "@" in site_parts.netloc
    or any((site_parts.path, site_parts.query, site_parts.fragment))
):
    raise ImproperlyConfigured(
        f"SITE_URL must be a scheme and host only, such as https://news.example.com: {SITE_URL!r}"
    )
del site_parts

# Production is HTTPS only. A TLS-terminating proxy in front sets X-Forwarded-Proto;
# SECURE_SSL_REDIRECT=0 serves plain HTTP (the loopback benchmark).
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG

# Content-Security-Policy on every response (docs/security.md). Scripts only from our own
# origin or carrying this response's nonce; no inline script, style or handler anywhere else.
TIPTAP_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CONTENT_SECURITY_POLICY = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The admin marks its <style> blocks with the nonce. The prose editor (Tiptap) adds its base
    # stylesheet as a <style> without one; this hash allows exactly that text and nothing else.
    "style-src": [CSP.SELF, CSP.NONCE, TIPTAP_STYLE_HASH],
    # data: for the reader pages' empty favicon and the icons inside Swagger UI's stylesheet.
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if CSP_REPORT_URI := os.environ.get("CSP_REPORT_URI", ""):
    CONTENT_SECURITY_POLICY["report-uri"] = CSP_REPORT_URI
# CSP_REPORT_ONLY=1 trials a policy change: browsers report what it would block, block nothing.
if env_flag("CSP_REPORT_ONLY", False):
    SECURE_CSP, SECURE_CSP_REPORT_ONLY = {}, CONTENT_SECURITY_POLICY
else:
    SECURE_CSP, SECURE_CSP_REPORT_ONLY = CONTENT_SECURITY_POLICY, {}

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_prose_editor",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "axes",
    "people",
    "shows",
    "newsroom",
]

MIDDLEWARE = [
    # Outermost: every log line of a request carries its id, and every response the header,
    # refusals and 500s included (newsroom/http/logs.py).
    "newsroom.http.logs.RequestIdMiddleware",
    # Then: an oversized request is refused before anything reads its body.
    "newsroom.http.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside both page caches, so that no stored page keeps a policy or a nonce of its own.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.http.csp.NonceOnEveryPageMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Before sessions, CSRF, authentication and messages: a stored public page or a 304 needs
    # none of them (newsroom/http/public_cache.py).
    "newsroom.http.public_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "newsroom.api.caching.ApiCachingMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its own response.
    "axes.middleware.AxesMiddleware",
]

# Five wrong passwords for one account from one address lock that pair out for an hour.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Unlocking is a command (`manage.py axes_reset_username NAME`), not an admin page of its own.
AXES_ENABLE_ADMIN = False

# The largest request accepted: an admin form with a 20 MB image and its fields (413 above it).
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_MB", "25")) * 1024 * 1024
# Fields of one form: Django's 1,000 refuses the change form of a show with 60 cast and 60 crew
# credits (about eight fields a row), or of a story with 120 blocks.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# PUBLIC_CACHE=0 turns whole-page caching off, for measuring the uncached site.
PUBLIC_CACHE_ENABLED = env_flag("PUBLIC_CACHE", True)
# BENCHMARK=1 adds the hello-world view that `make bench` measures as the framework's ceiling.
BENCHMARK = env_flag("BENCHMARK", False)

# Pages whose content is the same for everyone: cached whole, with ETags
# (newsroom/http/public_cache.py).
PUBLIC_CACHE_NAMESPACES = ["newsroom", "shows", "people"]
PUBLIC_CACHE_URL_NAMES = [
    "sitemap-index",
    "django.contrib.sitemaps.views.sitemap",
    "news-sitemap",
    "robots",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

# Reader pages (templates/) are Jinja2, through newsroom/reader/environment.py; the admin's and
# the API documentation's templates are Django's, in the apps that own them.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "newsroom.reader.environment.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with a health check that needs no round trip and `json` read by orjson
    # (newsroom/core/postgresql/).
    DATABASES["default"]["ENGINE"] = "newsroom.core.postgresql"
    postgresql_options = DATABASES["default"].setdefault("OPTIONS", {})
    # An unreachable database must fail fast, so readers get the 503 page within seconds.
    postgresql_options.setdefault("connect_timeout", 2)
    # A stalled database must not hold a request until gunicorn kills the worker (an empty reply,
    # not the 503 page). The server cancels a statement that runs longer than this: a lock held
    # too long or a runaway query. A server or network that stops answering altogether cannot
    # cancel anything, so the client also gives up one second later and drops the connection
    # (reply_timeout, newsroom/core/postgresql/base.py). Both are errors that the 503 page
    # answers. manage.py sets 0 (off) unless told otherwise: migrations, backups and restores
    # may run long statements on purpose.
    statement_timeout = float(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "5"))
    if statement_timeout > 0:
        startup_options = postgresql_options.get("options", "")
        if "statement_timeout" not in startup_options:  # DATABASE_URL's own ?options= wins
            postgresql_options["options"] = (
                f"{startup_options} -c statement_timeout={round(statement_timeout * 1000)}"
            ).strip()
        postgresql_options.setdefault("reply_timeout", statement_timeout + 1)
    # A kept connection whose server or network went away is found by TCP keepalives (within
    # 11 s while idle) or by data left unacknowledged (10 s), and replaced, rather than written
    # to and waited on. Each can be changed in DATABASE_URL's query string (`?keepalives_idle=30`).
    postgresql_options.setdefault("keepalives", 1)
    postgresql_options.setdefault("keepalives_idle", 5)
    postgresql_options.setdefault("keepalives_interval", 2)
    postgresql_options.setdefault("keepalives_count", 3)
    postgresql_options.setdefault("tcp_user_timeout", 10_000)  # milliseconds
    # Parameters bound by the server, and a statement prepared once a connection has run it five
    # times: PostgreSQL then stops parsing and planning the pages' repeated queries (planning cost
    # the story page three times what executing did). A pooler that hands each transaction to
    # another session (PgBouncer's transaction mode without max_prepared_statements) cannot keep
    # prepared statements: DATABASE_PREPARED_STATEMENTS=0 goes back to binding in the client.
    if env_flag("DATABASE_PREPARED_STATEMENTS", True):
        postgresql_options.setdefault("server_side_binding", True)
        postgresql_options.setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down means a slower site, not a broken one (newsroom/http/outages.py).
            "BACKEND": "newsroom.http.outages.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "serializer": "newsroom.http.outages.ForgivingSerializer",
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Los_Angeles")
# An English-language desk: without translation, every label, choice and date a page writes skips
# the gettext lookups (about a tenth of an uncached story page). A desk publishing in another
# language turns this back on and adds LocaleMiddleware.
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# The partner API (/api/v1/): read-only, keyed by Api-Key headers, JSON unless DEBUG is on.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["newsroom.api.partners.ApiKeyAuthentication"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": ["newsroom.api.partners.PartnerRateThrottle"],
    "DEFAULT_FILTER_BACKENDS": [
        "newsroom.core.api.http.OnDemandFilterBackend",
        "newsroom.core.api.http.WhitelistOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "newsroom.core.api.http.ReferencePagination",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "newsroom.core.api.http.DebugOnlyBrowsableNegotiation",
    "EXCEPTION_HANDLER": "newsroom.core.api.http.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
# Requests per second, minute, hour or day for callers without a key; keys carry their own.
API_ANON_RATE = os.environ.get("API_ANON_RATE", "100/hour")
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))

SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom partner API",
    "DESCRIPTION": "Stories, quotes, shows and people of the Newsroom desk (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "BlockKindEnum": "newsroom.models.BlockKind",
        "CompanyKindEnum": "shows.models.CompanyKind",
        "CorrectionKindEnum": "newsroom.models.CorrectionKind",
        "SourceKindEnum": "shows.models.SourceKind",
        "StoryKindEnum": "newsroom.models.StoryKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "newsroom.core.api.http.document_errors",
    ],
}

# Partner web apps that may call the API from browsers, e.g. "https://app.example.com".
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-Request-ID",
]

# Logs: one JSON line per event on standard error (under gunicorn, its error log), each with the
# id of the request it happened in, which the response carries in X-Request-ID
# (newsroom/http/logs.py). A 500 is an ERROR line with its traceback, and a mail to ADMINS.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.http.logs.JsonFormatter"}},
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "not_an_outage": {"()": "newsroom.http.logs.NotAnOutage"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json"},
        "mail_admins": {
            "class": "newsroom.http.logs.RequestIdAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "not_an_outage"],
        },
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Django's own errors (a request's 500, a refused Host) also go to the mail; they reach the
    # standard-error line through the root logger.
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        # Its start-up line on every manage.py command says nothing an operator acts on.
        "axes": {"level": "WARNING"},
    },
}

# Who gets the mail of a 500: addresses separated by commas. Unset, no mail is sent.
ADMINS = env_list("ADMINS", [])
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "newsroom@localhost")


def mailer(url):
    """EMAIL_URL as Django's MAILERS entry. smtp://host:25 sends in plain text (a relay on the
    same network), smtp+tls://user:password@host:587 upgrades with STARTTLS, smtps://…:465
    speaks TLS from the start; console:// prints mail (development's default)."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme not in ("smtp", "smtp+tls", "smtps"):
        raise ImproperlyConfigured("EMAIL_URL must be smtp://, smtp+tls://, smtps:// or console://")
    options = {
        "host": parts.hostname,
        "port": parts.port,
        "use_tls": parts.scheme == "smtp+tls",
        "use_ssl": parts.scheme == "smtps",
        # The mail of a 500 is sent while its request waits: a stalled mail server must not
        # hold the worker until gunicorn kills it.
        "timeout": 5,
    }
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    return {"OPTIONS": options}


MAILERS = {
    "default": mailer(os.environ.get("EMAIL_URL", "console://" if DEBUG else "smtp://localhost"))
}
