"""Navigation per role for the base layout."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from .access import enhetens_namn, har_attestratt, olasta_notiser, roller
from .behorighet import MATRIS
from .models import ENHETSROLLER, Roll


def navigering(request: HttpRequest) -> dict:
    """The navigation, computed once per request: every panel another app renders with the
    request runs the context processors again, and the attest check and the unread count are
    queries (docs/prestanda.md)."""
    sparad = getattr(request, "_navigering", None)
    if sparad is None:
        sparad = _navigering(request)
        request._navigering = sparad
    return sparad


def _navigering(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    lankar: list[tuple[str, str]] = []
    if user is not None and user.is_authenticated:
        r = roller(user)
        if r & ENHETSROLLER:
            lankar.append(("/arbetslista/", "Arbetslista"))
            lankar.append(("/", "Akter"))
            lankar.append(("/ansokningar/", "Ansökningar"))
        if Roll.KVALITET in r:
            lankar.append(("/", "Akter i alla enheter"))
        if r & (ENHETSROLLER | {Roll.KVALITET}):
            lankar.append(("/riktlinjer/", "Riktlinjer"))
        if r & {Roll.ENHETSCHEF, Roll.FORSTE}:
            lankar.append(("/samrad/", "Samråd"))
        if r & ENHETSROLLER:
            lankar.append(("/aterkrav/", "Återkrav"))
        if r & {Roll.ENHETSCHEF, Roll.FORSTE, Roll.KVALITET}:
            lankar.append(("/kvalitet/oversikt/", "Översikt"))
        if r & (ENHETSROLLER | {Roll.KVALITET}):
            lankar.append(("/kvalitet/journalgranskning/", "Journalgranskning"))
            lankar.append(("/kvalitet/arendedragning/", "Ärendedragning"))
        if r & {Roll.ENHETSCHEF, Roll.KVALITET}:
            lankar.append(("/kvalitet/loggkontroll/", "Loggkontroll"))
        if Roll.EKONOMIASSISTENT in r or har_attestratt(user):
            lankar.append(("/utbetalning/", "Utbetalningar"))
        if Roll.EKONOMIASSISTENT in r:
            lankar.append(("/utbetalning/mottagare/", "Betalningsmottagare"))
            lankar.append(("/utbetalning/uppfoljning/", "Utbetalt mot budget"))
        if r & (ENHETSROLLER | {Roll.KVALITET, Roll.AVDELNINGSCHEF}):
            lankar.append(("/synpunkter/", "Synpunkter"))
        if Roll.ENHETSCHEF in r:
            lankar.append(("/skyddade-akter/", "Skyddade personuppgifter"))
        # docs/regler.md: Gallring och registerutdrag; shown to the roles the matrix lets in.
        if r & MATRIS["gallring-lista"].get:
            lankar.append(("/gallring/", "Gallring"))
        if Roll.KONTAKTCENTER in r:
            lankar.append(("/kontaktcenter/", "Statusfrågor"))
        if r & (ENHETSROLLER | {Roll.KVALITET}):
            olasta = olasta_notiser(user)
            lankar.append(("/notiser/", f"Notiser ({olasta} olästa)" if olasta else "Notiser"))
        if Roll.ADMINISTRATOR in r or user.is_superuser:
            lankar.append(("/admin/", "Administration"))
    return {
        "nav_lankar": lankar,
        "nav_enhet": enhetens_namn(user) if user is not None else "",
        "kommun_namn": settings.KOMMUN_NAMN,
    }
