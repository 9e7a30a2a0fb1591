"""Navigation per role for the base layout."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

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
    enhet = enhetens_namn(user) if user is not None else ""
    return {
        "nav_lankar": lankar,
        "nav_enhet": enhet,
        "kommun_namn": settings.KOMMUN_NAMN,
        "sidhuvud_meny": SimpleLazyObject(lambda: _sidhuvud_meny(request, user, lankar, enhet)),
    }


def _sidhuvud_meny(
    request: HttpRequest, user, lankar: list[tuple[str, str]], enhet: str
) -> SafeString:
    """The logged-in header: the role's menu, the current page marked, the user's name and
    Enhet, the password link and the logout form with its CSRF token. Drawn in Python rather
    than by the base layout's loop and conditions: every page of the system pays for it
    (docs/prestanda.md: Sidhuvudet). The markup is what the template gave, character for
    character (`tests/test_sidhuvud.py` keeps that template and compares)."""
    if user is None or not user.is_authenticated:
        return mark_safe("")
    aktuell = ' aria-current="page"'
    meny = "".join(
        f'<li><a href="{conditional_escape(url)}"{aktuell if request.path == url else ""}>'
        f"{conditional_escape(text)}</a></li>"
        for url, text in lankar
    )
    namn = conditional_escape(user.get_full_name() or user.username)
    if enhet:
        namn += f", {conditional_escape(enhet)}"
    csrf = escape(get_token(request))
    return mark_safe(  # noqa: S308 - every value escaped above
        '\n      <nav aria-label="Huvudmeny">\n        <ul class="meny">\n          '
        f"{meny}\n        </ul>\n      </nav>\n"
        f'      <form class="logga-ut" method="post" action="{reverse("logout")}">\n'
        f'        <input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">\n'
        f'        <span class="inloggad">{namn}</span>\n'
        f'        <a class="konto-lank" href="{reverse("konto-losenord")}">Byt lösenord</a>\n'
        '        <button type="submit" class="knapp knapp-diskret">Logga ut</button>\n'
        "      </form>\n      "
    )
