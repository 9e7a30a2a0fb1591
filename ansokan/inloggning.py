"""The applicant's login to the e-tjänst, separate from staff login (issue 3, point 1).

The session holds the Person id (or, for a valid personnummer not yet known, the number until
the person has told us their name). Staff users are Django users; applicants never are.
Login is by OpenID Connect from the municipality's identity broker (BankID, Freja), or — only in
development, when settings.ETJANST_TESTLEGITIMATION is on — by test-legitimation.
"""

from __future__ import annotations

import functools
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from bistand.identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer
from bistand.models import Person

PERSON = "etjanst_person_id"
IDENTITET = "etjanst_identitet"
SENAST = "etjanst_senast_aktiv"
OIDC_STATE = "etjanst_oidc_state"
OIDC_NONCE = "etjanst_oidc_nonce"


def testlegitimation_pa() -> bool:
    """Settings turn it on only with DEBUG (never with production settings)."""
    return bool(settings.ETJANST_TESTLEGITIMATION)


def oidc_pa() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


def logga_in(request: HttpRequest, identitet: str) -> Person | None:
    """Start an applicant session for this (already validated) 12-digit number."""
    logga_ut(request)
    request.session.cycle_key()
    person = Person.objects.filter(identitet=identitet).first()
    if person is not None:
        request.session[PERSON] = person.pk
    else:
        request.session[IDENTITET] = identitet
    request.session[SENAST] = int(time.time())
    return person


def satt_person(request: HttpRequest, person: Person) -> None:
    request.session.pop(IDENTITET, None)
    request.session[PERSON] = person.pk


def logga_ut(request: HttpRequest) -> None:
    for nyckel in (PERSON, IDENTITET, SENAST, OIDC_STATE, OIDC_NONCE):
        request.session.pop(nyckel, None)


def inloggad(request: HttpRequest) -> bool:
    return bool(request.session.get(PERSON) or request.session.get(IDENTITET))


def _aktiv(request: HttpRequest) -> bool:
    """Issue 3, point 1: the session ends after ETJANST_SESSION_TIMEOUT seconds without
    activity (the page warns before; drafts are already saved on the server)."""
    senast = request.session.get(SENAST)
    if senast is None or time.time() - senast > settings.ETJANST_SESSION_TIMEOUT:
        return False
    request.session[SENAST] = int(time.time())
    return True


def aktiv_person(request: HttpRequest) -> Person | None:
    """The logged-in applicant on a page open to anyone (e.g. a synpunkt form), or None when
    nobody is logged in or the session has run out (which then ends it)."""
    if not inloggad(request):
        return None
    if not _aktiv(request):
        logga_ut(request)
        return None
    return Person.objects.filter(pk=request.session.get(PERSON)).first()


def sokande_kravs(vy: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorator: sets request.sokande (a Person or None) and request.sokande_identitet, or
    sends the visitor to the login page."""

    @functools.wraps(vy)
    def inre(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not inloggad(request):
            return redirect("ansokan:start")
        if not _aktiv(request):
            logga_ut(request)
            messages.info(
                request,
                "Du har loggats ut eftersom du inte varit aktiv på en stund. "
                "Det du hade sparat finns kvar.",
            )
            return redirect("ansokan:start")
        request.sokande = Person.objects.filter(pk=request.session.get(PERSON)).first()
        request.sokande_identitet = (
            request.sokande.identitet if request.sokande else request.session.get(IDENTITET)
        )
        if request.sokande is None and not request.sokande_identitet:
            logga_ut(request)
            return redirect("ansokan:start")
        return vy(request, *args, **kwargs)

    return inre


def person_kravs(vy: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like sokande_kravs, but the person must be registered (has told us their name)."""

    @sokande_kravs
    @functools.wraps(vy)
    def inre(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.sokande is None:
            return redirect("ansokan:om_dig")
        return vy(request, *args, **kwargs)

    return inre


# ---- OpenID Connect ------------------------------------------------------------------------


def oidc_backend():
    """mozilla-django-oidc's backend does the token exchange and signature check; its
    `get_or_create_user` is replaced so that no Django user is made for an applicant."""
    from mozilla_django_oidc.auth import OIDCAuthenticationBackend

    class SokandeBackend(OIDCAuthenticationBackend):
        def get_or_create_user(self, access_token, id_token, payload):
            claims = dict(payload)
            if settings.OIDC_OP_USER_ENDPOINT:
                claims.update(self.get_userinfo(access_token, id_token, payload))
            return claims

    return SokandeBackend()


def oidc_start_url(request: HttpRequest, callback: str) -> str:
    from urllib.parse import urlencode

    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    request.session[OIDC_STATE] = state
    request.session[OIDC_NONCE] = nonce
    parametrar = {
        "response_type": "code",
        "scope": settings.OIDC_RP_SCOPES,
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "redirect_uri": request.build_absolute_uri(callback),
        "state": state,
        "nonce": nonce,
    }
    return f"{settings.OIDC_OP_AUTHORIZATION_ENDPOINT}?{urlencode(parametrar)}"


def oidc_identitet(request: HttpRequest) -> str | None:
    """Check state, let the backend exchange the code and verify the token, and map the
    personnummer claim to a 12-digit number. None when anything fails."""
    state = request.session.pop(OIDC_STATE, None)
    nonce = request.session.pop(OIDC_NONCE, None)
    if not state or not secrets.compare_digest(state, request.GET.get("state", "")):
        return None
    claims = oidc_backend().authenticate(request, nonce=nonce)
    if not claims:
        return None
    try:
        nummer = tolka_identitetsnummer(str(claims.get(settings.ETJANST_OIDC_PERSONNUMMER_CLAIM)))
    except OgiltigtIdentitetsnummer:
        return None
    return nummer.nummer


def meddela_fel(request: HttpRequest, text: str) -> None:
    messages.error(request, text)
