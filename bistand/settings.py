"""Settings for Bistånd, read from the environment (and `.env`) with django-environ.

Defaults give the embedded mode of docs/arkitektur.md: Stack och körlägen: SQLite under var/, Celery
tasks run eagerly. Production sets DEBUG off, SECRET_KEY, DATABASE_URL, CELERY_BROKER_URL and
ALLOWED_HOSTS.
"""

import os
import sys
from pathlib import Path

import environ
from celery.schedules import crontab

from bistand.dbroller import agare_kommando

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# The test settings set BISTAND_ENV_FIL to "" so that no developer's `.env` reaches the tests.
ENV_FIL = os.environ.get("BISTAND_ENV_FIL", str(BASE_DIR / ".env"))
if ENV_FIL:
    environ.Env.read_env(ENV_FIL, overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-used-in-production")
else:
    # Fails loudly at start-up when missing: there is no safe default in production.
    SECRET_KEY = env.str("SECRET_KEY")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if DEBUG:
    # `make run` serves 127.0.0.1:8000 even when a production-style .env lists other hosts.
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Flow order (docs/arkitektur.md: Appar): seed_demo runs each app's demo module in this order.
    "bistand",
    "ansokan",
    "utredning",
    "barnkonsekvens",
    "beslut",
    "utbetalning",
    "synpunkter",
    "kvalitet",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: every response from a view (not static files) is never stored.
    "bistand.sakerhet.IngenLagringMiddleware",
    # django-csp's CSPMiddleware with the header written once (bistand/sakerhet.py).
    "bistand.sakerhet.InnehallspolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # django-otp's OTPMiddleware, the device read by a prepared query (bistand/inlasning.py).
    "bistand.inlasning.Tvastegsmiddleware",
    "bistand.sakerhet.PersonalSakerhetMiddleware",
    "bistand.middleware.MetodMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: answers a locked-out login with its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bistand.urls"
WSGI_APPLICATION = "bistand.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bistand.context_processors.navigering",
                "bistand.sakerhet.sammanhang",
            ],
            # `{% falt f %}`: every form field, in every template without a load
            # (docs/prestanda.md: Formulärens fält).
            "builtins": [
                "bistand.templatetags.bistand_falt",
                "bistand.templatetags.bistand_datum",
            ],
        },
    },
]

# Plain widgets drawn in Python with Django's own markup (bistand/formrendering.py).
FORM_RENDERER = "bistand.formrendering.Renderer"

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'bistand.sqlite3'}"),
}
# Two roles (bistand/dbroller.py, docs/drift.md: Databasroller): the application connects as a
# role that owns nothing; migrate and flush connect as the owner when DATABASE_AGARE_URL is set.
DATABASE_APP_ROLL = env.str("DATABASE_APP_ROLL", default="")
DATABASE_AGARE_URL = env.str("DATABASE_AGARE_URL", default="")
if DATABASE_AGARE_URL and agare_kommando(sys.argv):
    DATABASES["default"] = env.db_url_config(DATABASE_AGARE_URL)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend with the health check of a kept connection made only after it has
    # rested (bistand/databas/base.py, docs/drift.md: Databasen).
    DATABASES["default"]["ENGINE"] = "bistand.databas"
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Statements prepared on the server: the fixed SQL of bistand.forberedd.markor on its first
    # use; Django's own queries bind in the client and are never prepared. Off with
    # DATABASE_FORBEREDDA=0 behind a pooler that cannot keep them (docs/drift.md: Databasen).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "prepare_threshold", 5 if env.bool("DATABASE_FORBEREDDA", default=True) else None
    )

# Seconds a kept connection may rest and still be used without `SELECT 1` first (0: check
# before every request, as Django does).
DATABASE_HALSOKONTROLL_EFTER = env.float("DATABASE_HALSOKONTROLL_EFTER", default=10)

# Shared by every process in production (rate limits), per process in the embedded mode.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "bistand.User"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account or address before the password check.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, the logged-in user read by a prepared query (bistand/inlasning.py).
    "bistand.inlasning.Backend",
    "guardian.backends.ObjectPermissionBackend",
]
# guardian: no anonymous user row is needed; applicants are not Django staff users.
ANONYMOUS_USER_NAME = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

# Swedish only: Django's own texts (form errors, the admin) in Swedish from LANGUAGE_CODE, with no
# LocaleMiddleware choosing a language per request among one; pages say lang="sv" themselves.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Case documents (attachments, letters) live outside any public URL and are served only
# through views that check access (docs/regler.md: Åtkomst).
FILE_STORAGE_DIR = Path(env.str("FILE_STORAGE_DIR", default=str(VAR_DIR / "filer")))
MEDIA_ROOT = FILE_STORAGE_DIR

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="bistand@kommun.example")

# Celery (docs/arkitektur.md: Periodiska jobb). With no broker the same tasks run eagerly
# in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Django's database sessions, kept in bistand.models.Session and read with whom they are for
# (bistand/inlasning.py).
SESSION_ENGINE = "bistand.inlasning"
# Case pages kept in the process while their Akt is unchanged (bistand.sidminne; PostgreSQL).
SIDMINNE = env.bool("SIDMINNE", default=True)
# A list page's access-log rows (one per Akt shown) commit without waiting for the disk;
# a case read's row always waits (docs/drift.md: Åtkomstloggen och disken).
LISTLOGG_VANTAR_PA_DISK = env.bool("LISTLOGG_VANTAR_PA_DISK", default=False)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)

# Content-Security-Policy (django-csp): every script and style comes from static/, never
# inline, and nothing is fetched from another origin (docs/arkitektur.md: Stack och körlägen — no
# CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Staff login security (bistand/sakerhet.py, docs/drift.md) ---
# The second factor (TOTP, django-otp) for every staff user. On unless DEBUG; a deploy check
# (`check --deploy`) fails when it is off in production. SAML/SITHS through the municipality's
# identity provider is the documented production alternative.
PERSONAL_TVASTEG = env.bool("PERSONAL_TVASTEG", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Bistånd")
# Staff are logged out after this many idle seconds, warned this many seconds before.
PERSONAL_SESSION_TIMEOUT = env.int("PERSONAL_SESSION_TIMEOUT", default=30 * 60)
PERSONAL_SESSION_VARNING = env.int("PERSONAL_SESSION_VARNING", default=2 * 60)
# Trusted reverse proxies in front of the app (bistand/natverk.py); docker compose: 1 (the TLS
# proxy in front of web, whose port is published only on the host's loopback).
PROXY_ANTAL = env.int("PROXY_ANTAL", default=0)
# django-axes: this many failed logins lock the account (whatever the address) and the address
# (whatever the account), until an administrator unlocks it or the cool-off (hours) passes.
AXES_FAILURE_LIMIT = env.int("INLOGGNING_MAX_FORSOK", default=30)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = env.float("INLOGGNING_SPARR_TIMMAR", default=0) or None
AXES_CLIENT_IP_CALLABLE = "bistand.natverk.klient_ip_for_sparr"
AXES_LOCKOUT_TEMPLATE = "registration/last.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The security log (bistand/sakerhet.py) records successful logins; axes keeps the failures.
AXES_DISABLE_ACCESS_LOG = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint and fontTools narrate every rendering step at INFO.
    "loggers": {
        # Security log (bistand/sakerhet.py): logins, failures, lockouts, second factor.
        "bistand.sakerhet": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The municipality as shown in the UI and letters.
KOMMUN_NAMN = env.str("KOMMUN_NAMN", default="Exempelkommun")

# The nämnd's own account that payment files draw on (pain.001 debtor): its bankgiro, the
# bank's BIC and the organisationsnummer the bank knows the municipality by. The defaults are
# demo values (a valid-looking bankgiro of Bankgirot's documentation), never a real account.
UTBETALNING_BANKGIRO = env.str("UTBETALNING_BANKGIRO", default="50501055")
UTBETALNING_BIC = env.str("UTBETALNING_BIC", default="HANDSESS")
UTBETALNING_ORGNR = env.str("UTBETALNING_ORGNR", default="2120000000")

# Celery beat (docs/arkitektur.md: Periodiska jobb): one dispatcher runs every registered
# periodic job. Each job is idempotent and catches up, so the interval only sets how soon a passed
# deadline is noticed.
CELERY_BEAT_SCHEDULE = {
    "periodiska-jobb": {
        "task": "bistand.kor_periodiska",
        "schedule": env.int("PERIODISKA_JOBB_SEKUNDER", default=600),
        "kwargs": {"urval": "tata"},
        # A message not started within one interval is dropped: the next tick does the work.
        "options": {"expires": env.int("PERIODISKA_JOBB_SEKUNDER", default=600)},
    },
    "nattliga-jobb": {
        "task": "bistand.kor_periodiska",
        "schedule": crontab(hour=2, minute=15),
        "kwargs": {"urval": "nattliga"},
        "options": {"expires": 6 * 3600},
    },
}
# The lock that keeps one periodic batch at a time across workers expires after this long
# (longer than a batch takes, so a dead worker's lock frees itself).
PERIODISKA_JOBB_LAS_SEKUNDER = env.int("PERIODISKA_JOBB_LAS_SEKUNDER", default=30 * 60)
# When the broker is down, give up publishing quickly: the periodic jobs catch up.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5}

# --- E-tjänst (ansokan) ---
# docs/arkitektur.md: E-tjänst. The applicant's login is separate from staff login (the session
# holds a Person id). Test-legitimation (log in with just a personnummer) is for development only:
# it is honoured only when DEBUG is on, so production settings can never enable it.
ETJANST_TESTLEGITIMATION = DEBUG and env.bool("ETJANST_TESTLEGITIMATION", default=False)
# OpenID Connect against the municipality's identity broker (BankID, Freja eID).
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="") or None
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid")
OIDC_AUTHENTICATION_CALLBACK_URL = "ansokan:oidc_callback"
# mozilla-django-oidc's own flow: PKCE (S256) beside state and nonce on every login.
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT", default=10)
ETJANST_OIDC_PERSONNUMMER_CLAIM = env.str(
    "ETJANST_OIDC_PERSONNUMMER_CLAIM", default="personal_number"
)
# Uploads: the largest accepted file, in bytes (type is checked by content, ansokan/filer.py).
ETJANST_MAX_FILSTORLEK = env.int("ETJANST_MAX_FILSTORLEK", default=10 * 1024 * 1024)
# The size is enforced while the body streams in, before anything is written (bistand/
# uppladdning.py); the file is held in memory up to that size and never spooled to disk.
FILE_UPLOAD_HANDLERS = ["bistand.uppladdning.BegransadUppladdning"]
# A request body larger than this is refused before it is read (the 400 page).
UPPLADDNING_MAX_BEGARAN = env.int(
    "UPPLADDNING_MAX_BEGARAN", default=5 * ETJANST_MAX_FILSTORLEK + 1024 * 1024
)
# Images that declare more pixels than this are refused (decompression bombs).
BILD_MAX_PIXLAR = env.int("BILD_MAX_PIXLAR", default=60_000_000)
# Virus scanning of every upload by ClamAV's clamd (bistand/virus.py, docs/drift.md): a Unix
# socket or "host:port". Required in production (check --deploy); without it (`make run`)
# uploads are marked "ej virusskannad".
CLAMD_SOCKET = env.str("CLAMD_SOCKET", default="")
CLAMD_ADRESS = env.str("CLAMD_ADRESS", default="")
CLAMD_TIMEOUT = env.int("CLAMD_TIMEOUT", default=60)
# Notices by SMS through a pluggable backend (ansokan/sms.py); console in development.
SMS_BACKEND = env.str(
    "SMS_BACKEND",
    default="ansokan.sms.ConsoleSmsBackend" if DEBUG else "ansokan.sms.AvstangdSmsBackend",
)
# The applicant is logged out after this many idle seconds, warned this many seconds before.
ETJANST_SESSION_TIMEOUT = env.int("ETJANST_SESSION_TIMEOUT", default=20 * 60)
ETJANST_SESSION_VARNING = env.int("ETJANST_SESSION_VARNING", default=2 * 60)
TEMPLATES[0]["OPTIONS"]["context_processors"].append("ansokan.context_processors.etjanst")
# --- slut E-tjänst (ansokan) ---

# External look-ups (SSBTEK) behind an interface (utredning/externa.py): test data in
# development, "not connected" in production until a real backend is configured.
EXTERNA_UPPSLAG = env.str(
    "EXTERNA_UPPSLAG",
    default="utredning.externa.TestUppslag" if DEBUG else "utredning.externa.EjAnslutet",
)
