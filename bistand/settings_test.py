"""Settings for the test suite: production settings with DEBUG off, minus what needs HTTPS.

The live server of the browser tests speaks plain HTTP on 127.0.0.1, so HTTPS redirects and
secure-only cookies are turned off; everything else is as in production.

The tests depend on nothing in the developer's environment: `.env` is not read at all, and
every setting the tests rely on is pinned below (eager Celery without a broker, local memory
cache and e-mail, temporary file storage, a fixed SECRET_KEY, no OIDC provider), so a
production-like `.env` or exported variable changes nothing. Only the database may be chosen
from outside (`DATABASE_URL`, for the PostgreSQL run).
"""

import os
import tempfile
from pathlib import Path

TEST_SECRET_KEY = "test-only-secret-key-" + "x" * 40
os.environ["BISTAND_ENV_FIL"] = ""  # never read a `.env` (bistand/settings.py)
os.environ["DEBUG"] = "0"
os.environ["SECRET_KEY"] = TEST_SECRET_KEY

from .settings import *  # noqa: E402, F403
from .settings import LOGGING, STORAGES  # noqa: E402

DEBUG = False
SECRET_KEY = TEST_SECRET_KEY
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
CSRF_TRUSTED_ORIGINS: list[str] = []
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_AGE = 60 * 60 * 8
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_STORAGE_DIR = Path(tempfile.mkdtemp(prefix="bistand-test-filer-"))
MEDIA_ROOT = FILE_STORAGE_DIR
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="bistand-test-static-"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not memory, so a separate Celery worker process can share the test database.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"bistand-test-{os.getpid()}.sqlite3")
    }

# Tasks run eagerly in the test process; the one test of a real worker sets its own broker.
CELERY_BROKER_URL = ""
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "bistand@kommun.example"
SMS_BACKEND = "ansokan.sms.AvstangdSmsBackend"
KOMMUN_NAMN = "Exempelkommun"
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "INFO"}}

ETJANST_TESTLEGITIMATION = False
ETJANST_MAX_FILSTORLEK = 10 * 1024 * 1024
ETJANST_SESSION_TIMEOUT = 20 * 60
ETJANST_SESSION_VARNING = 2 * 60
ETJANST_OIDC_PERSONNUMMER_CLAIM = "personal_number"
OIDC_RP_CLIENT_ID = ""
OIDC_RP_CLIENT_SECRET = ""
OIDC_OP_AUTHORIZATION_ENDPOINT = ""
OIDC_OP_TOKEN_ENDPOINT = ""
OIDC_OP_USER_ENDPOINT = ""
OIDC_OP_JWKS_ENDPOINT = None
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid"

EXTERNA_UPPSLAG = "utredning.externa.TestUppslag"
TESTDATA_TILLATEN = True
# The second factor is off in the suite so `client.force_login(user)` reaches the pages; the
# tests of the second factor turn it on with the `settings` fixture (tests/test_sakerhet.py).
PERSONAL_TVASTEG = False
