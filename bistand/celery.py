"""The Celery application (docs/arkitektur.md: Periodiska jobb).

With no CELERY_BROKER_URL, settings turn on `task_always_eager`, so tasks run in-process: the
embedded mode needs nothing else installed. In production Redis is the broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bistand.settings")

app = Celery("bistand")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
