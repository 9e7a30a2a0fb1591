"""Minimal settings for the floor: no apps, no middleware, the project's database.

The floor is a bare Django view that renders one row of an indexed table through a template,
so every page of the project can be compared with it in the same run (docs/prestanda.md).
"""

from __future__ import annotations

from pathlib import Path

import environ

env = environ.Env()
DEBUG = False
SECRET_KEY = "bench-floor-only-renders-public-test-rows"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "bench.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).with_name("templates")],
        "OPTIONS": {"context_processors": []},
    }
]
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = 60
USE_TZ = True
