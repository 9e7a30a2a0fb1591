"""Settings for the test suite: production settings with DEBUG off, minus what needs HTTPS.

The live server of the browser tests speaks plain HTTP on 127.0.0.1, so HTTPS redirects and
secure-only cookies are turned off; everything else is as in production.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from .settings import *  # noqa: E402, F403
from .settings import STORAGES  # noqa: E402

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
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
EXTERNA_UPPSLAG = "utredning.externa.TestUppslag"
TESTDATA_TILLATEN = True
# The second factor is off in the suite so `client.force_login(user)` reaches the pages; the
# tests of the second factor turn it on with the `settings` fixture (tests/test_sakerhet.py).
PERSONAL_TVASTEG = False
