"""Core Celery tasks. Tasks are thin wrappers that take ids and call services (STYLE.md §4)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="bistand.ping")
def ping() -> str:
    """A liveness probe for the worker: answers without touching case data."""
    return "pong"


@shared_task(name="bistand.logga_atkomst", bind=True, max_retries=5, retry_backoff=True)
def logga_systemhandelse(self, text: str) -> int:
    """Write a system row to the access log from the worker (proves the worker reaches the
    database); returns the row id."""
    from .models import Atkomstlogg

    return Atkomstlogg.objects.create(
        anvandare_id=None, anvandarnamn="system", sida="system", sokvag=text[:500], beviljad=True
    ).pk


@shared_task(
    name="bistand.kor_periodiska",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def kor_periodiska(urval: str = "tata") -> dict[str, int]:
    """Run the registered periodic jobs (beat calls this; see CELERY_BEAT_SCHEDULE)."""
    from .periodiskt import kor_alla

    return kor_alla(urval=urval)
