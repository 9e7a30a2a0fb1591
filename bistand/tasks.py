"""Core Celery tasks. Tasks are thin wrappers that take ids and call services
(docs/arkitektur.md: Periodiska jobb)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings

from .models import Atkomstlogg
from .periodiskt import jobblas, kor_alla

logger = logging.getLogger(__name__)


@shared_task(name="bistand.ping")
def ping() -> str:
    """A liveness probe for the worker: answers without touching case data."""
    return "pong"


@shared_task(name="bistand.logga_atkomst", bind=True, max_retries=5, retry_backoff=True)
def logga_systemhandelse(self, text: str) -> int:
    """Write a system row to the access log from the worker (proves the worker reaches the
    database); returns the row id."""
    return Atkomstlogg.objects.create(
        anvandare_id=None, anvandarnamn="system", sida="system", sokvag=text[:500], beviljad=True
    ).pk


@shared_task(name="bistand.kor_periodiska")
def kor_periodiska(urval: str = "tata") -> dict[str, int]:
    """Run the registered periodic jobs (beat calls this; see CELERY_BEAT_SCHEDULE).

    One batch at a time across all workers (a cache lock with an expiry); a second delivery
    while one runs does nothing. No retry: each job catches its own failure and is idempotent,
    so the next beat tick is the retry. Beat gives each message an expiry, so a backlog after
    a broker outage does not run a batch once per missed tick."""
    with jobblas(f"periodiska-{urval}", sekunder=settings.PERIODISKA_JOBB_LAS_SEKUNDER) as fatt:
        if not fatt:
            logger.info("Periodiska jobb (%s) körs redan av en annan worker.", urval)
            return {}
        return kor_alla(urval=urval)
