"""The client's address behind the documented deployment's reverse proxies.

`PROXY_ANTAL` (docs/drift.md: Proxy och klientadress) is how many trusted reverse proxies stand
in front of the application. With 0 the client is REMOTE_ADDR; with n > 0 it is the n:th
address from the right in X-Forwarded-For — the one the outermost trusted proxy appended — so
a client cannot forge its way past it by sending its own X-Forwarded-For. Used by the login
lockout (django-axes), the security log and the provberäkning's rate limit.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def proxy_antal() -> int:
    return int(getattr(settings, "PROXY_ANTAL", 0))


def klient_ip(request: HttpRequest) -> str:
    antal = proxy_antal()
    if antal:
        kedja = [
            del_.strip()
            for del_ in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if del_.strip()
        ]
        if len(kedja) >= antal:
            return kedja[-antal]
    return request.META.get("REMOTE_ADDR") or "okand"


def klient_ip_for_sparr(request: HttpRequest) -> str | None:
    """The address django-axes stores: a real IP address or None.

    The lockout tables keep the address in an IP-address column (PostgreSQL's `inet`), which
    refuses the placeholder the logs use for an unknown address — such as a login made without
    any request address, like Django's test client's `force_login`.
    """
    adress = klient_ip(request)
    try:
        ipaddress.ip_address(adress)
    except ValueError:
        return None
    return adress
