"""Periodic jobs: one registry that Celery beat and `manage.py run_periodic` both run.

Apps register their jobs in AppConfig.ready() with `@periodisk("namn")`; a job takes today's
date and returns how many things it handled. Every job must be idempotent and catch up: it
looks at what is due up to today, not at what became due since the last run
(docs/arkitektur.md: Periodiska jobb).
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import secrets
from collections.abc import Callable, Iterator

from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

Jobb = Callable[[datetime.date], int]
PERIODISKA: dict[str, Jobb] = {}
NATTLIGA: set[str] = set()


def periodisk(namn: str, *, nattlig: bool = False) -> Callable[[Jobb], Jobb]:
    """Register a job; a `nattlig` one runs once a night (figures), the others every few
    minutes (deadlines)."""

    def registrera(jobb: Jobb) -> Jobb:
        PERIODISKA[namn] = jobb
        if nattlig:
            NATTLIGA.add(namn)
        return jobb

    return registrera


def kor_alla(idag: datetime.date | None = None, *, urval: str = "alla") -> dict[str, int]:
    """Run the registered jobs once (`urval`: "alla", "tata" for the frequent ones or
    "nattliga"); one failing job does not stop the others."""
    idag = idag or timezone.localdate()
    resultat: dict[str, int] = {}
    for namn, jobb in PERIODISKA.items():
        if (urval == "tata" and namn in NATTLIGA) or (urval == "nattliga" and namn not in NATTLIGA):
            continue
        try:
            resultat[namn] = jobb(idag)
        except Exception:
            logger.exception("Periodiskt jobb %s misslyckades", namn)
            resultat[namn] = -1
    return resultat


@contextlib.contextmanager
def jobblas(namn: str, *, sekunder: int) -> Iterator[bool]:
    """A lock across workers: yields True for the one caller that got it, False for the rest.

    `cache.add` is atomic in the shared cache (Redis in production: SET NX with an expiry), so
    two workers never run the same periodic batch at once; the expiry frees the lock should a
    worker die holding it. In the embedded mode the local-memory cache is enough (one process).
    Released only by its holder (a token), so a run that outlived the expiry cannot free the
    next run's lock."""
    nyckel = f"bistand:las:{namn}"
    token = secrets.token_hex(16)
    fatt = cache.add(nyckel, token, timeout=sekunder)
    try:
        yield bool(fatt)
    finally:
        if fatt and cache.get(nyckel) == token:
            cache.delete(nyckel)
