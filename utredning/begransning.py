"""Rate limit of the public provberäkning, per client IP (docs/regler.md: Beräkning).

Settings, read from the environment with django-environ (docs/arkitektur.md: Kodstil (inställningar)
— bad values fail loudly, checked at start-up in `apps.py`):

- `PROVBERAKNING_RATE_LIMIT`: "N/S", at most N calculations per client in S seconds
  (default "30/60").
- The client's address is the core's (`bistand.natverk.klient_ip`, setting `PROXY_ANTAL`): with
  0 proxies REMOTE_ADDR; with n > 0 the n:th address from the right in X-Forwarded-For, which a
  client cannot forge past a trusted proxy.

The counter lives in Django's cache (a fixed window per client), so with a shared cache
(Redis) the limit holds across processes; with the default local-memory cache it is per
process.
"""

from __future__ import annotations

import math
import time

import environ
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from bistand import natverk

env = environ.Env()

STANDARD_GRANS = "30/60"


def grans() -> tuple[int, int]:
    """(antal, sekunder) from PROVBERAKNING_RATE_LIMIT."""
    text = env.str("PROVBERAKNING_RATE_LIMIT", default=STANDARD_GRANS)
    try:
        antal_text, sekunder_text = text.split("/")
        antal, sekunder = int(antal_text), int(sekunder_text)
    except ValueError:
        raise ImproperlyConfigured(
            f"PROVBERAKNING_RATE_LIMIT={text!r}: ange antal/sekunder, till exempel 30/60."
        ) from None
    if antal < 1 or sekunder < 1:
        raise ImproperlyConfigured(
            f"PROVBERAKNING_RATE_LIMIT={text!r}: antal och sekunder måste vara minst 1."
        )
    return antal, sekunder


def proxy_antal() -> int:
    antal = natverk.proxy_antal()
    if antal < 0:
        raise ImproperlyConfigured("PROXY_ANTAL kan inte vara negativt.")
    return antal


def kontrollera_installningar() -> None:
    grans()
    proxy_antal()


def klient_ip(request: HttpRequest) -> str:
    proxy_antal()
    return natverk.klient_ip(request)


def provberakning_registrera(klient: str, *, nu: float | None = None) -> int | None:
    """Count one request from `klient`. Returns the seconds to wait (for Retry-After) when the
    limit is exceeded, else None."""
    antal, sekunder = grans()
    nu = time.time() if nu is None else nu
    fonster = int(nu // sekunder)
    nyckel = f"utredning:provberakning:{antal}/{sekunder}:{fonster}:{klient}"
    cache.add(nyckel, 0, timeout=sekunder + 1)
    try:
        raknare = cache.incr(nyckel)
    except ValueError:  # expired between add and incr
        cache.set(nyckel, 1, timeout=sekunder + 1)
        raknare = 1
    if raknare > antal:
        return max(1, math.ceil((fonster + 1) * sekunder - nu))
    return None
