"""The applicant's login to the e-tjänst, separate from staff login (docs/arkitektur.md: E-tjänst).

The session holds the Person id (or, for a valid personnummer not yet known, the number until
the person has told us their name). Staff users are Django users; applicants never are.
Login is by OpenID Connect from the municipality's identity broker (BankID, Freja), or — only in
development, when settings.ETJANST_TESTLEGITIMATION is on — by test-legitimation.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable

import requests
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from bistand.forberedd import Param, forberedd
from bistand.identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer
from bistand.inlasning import ETJANST_PERSON
from bistand.models import Person
from bistand.sakerhet import NOTERA_EFTER

PERSON = ETJANST_PERSON  # saved beside the session's data too (bistand.models.Session)
IDENTITET = "etjanst_identitet"
SENAST = "etjanst_senast_aktiv"


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
    for nyckel in (PERSON, IDENTITET, SENAST, "oidc_states"):
        request.session.pop(nyckel, None)


def inloggad(request: HttpRequest) -> bool:
    return bool(request.session.get(PERSON) or request.session.get(IDENTITET))


def markera_aktiv(request: HttpRequest) -> None:
    """The applicant is active now (she answered the timeout warning)."""
    request.session[SENAST] = int(time.time())


def _aktiv(request: HttpRequest) -> bool:
    """The session ends after ETJANST_SESSION_TIMEOUT seconds without
    activity (the page warns before; drafts are already saved on the server). Activity is
    noted at most once a minute, as for staff (`bistand.sakerhet.NOTERA_EFTER`), so an
    ordinary page view does not write the session."""
    senast = request.session.get(SENAST)
    if senast is None or time.time() - senast > settings.ETJANST_SESSION_TIMEOUT:
        return False
    if time.time() - senast >= NOTERA_EFTER:
        markera_aktiv(request)
    return True


def aktiv_person(request: HttpRequest) -> Person | None:
    """The logged-in applicant on a page open to anyone (e.g. a synpunkt form), or None when
    nobody is logged in or the session has run out (which then ends it)."""
    if not inloggad(request):
        return None
    if not _aktiv(request):
        logga_ut(request)
        return None
    return _sessionens_person(request)


def _sessionens_person(request: HttpRequest) -> Person | None:
    """The Person the e-tjänst session is for, or None (not registered yet, or gone): read on
    every page of Mina sidor, so a prepared query (docs/prestanda.md: Förberedda frågor)."""
    pk = request.session.get(PERSON)
    if pk is None:
        return None
    # Read with the session when it is her (bistand.inlasning), else by its own query.
    tagen = getattr(request.session, "tag_person", None)
    person = tagen(pk) if tagen is not None else None
    if person is not None:
        return person
    rader = forberedd(
        ("sessionens_person",), lambda: Person.objects.filter(pk=Param("person"))
    ).rader({"person": pk})
    return rader[0] if rader else None


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
        request.sokande = _sessionens_person(request)
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
#
# mozilla-django-oidc runs the flow: its request view makes state, nonce and the PKCE pair
# (settings.OIDC_USE_PKCE) and keeps them in the session under "oidc_states"; its backend
# exchanges the code (sending the code_verifier) and checks the ID token's signature and nonce.
# The subclasses below only change what a successful login means: the personnummer claim is
# mapped to the e-tjänst session keys above. No Django user is ever made for an applicant, and
# the backend is not in AUTHENTICATION_BACKENDS (the staff login never reaches it).


class SokandeBackend(OIDCAuthenticationBackend):
    """Token exchange and ID-token check by the library; the 'user' is the claims dict."""

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if settings.OIDC_OP_USER_ENDPOINT:
            claims.update(self.get_userinfo(access_token, id_token, payload))
        return claims


def identitet_ur_claims(claims: dict | None) -> str | None:
    """The 12-digit personnummer from the identity broker's claim, or None."""
    if not claims:
        return None
    try:
        nummer = tolka_identitetsnummer(str(claims.get(settings.ETJANST_OIDC_PERSONNUMMER_CLAIM)))
    except OgiltigtIdentitetsnummer:
        return None
    return nummer.nummer


class OidcStart(OIDCAuthenticationRequestView):
    """The library's authentication request (state, nonce, PKCE code_challenge)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_pa():
            raise Http404
        request.session.pop("oidc_login_next", None)
        return super().get(request)


class OidcSvar(OIDCAuthenticationCallbackView):
    """The library's callback, with the state lookup kept as the library stores it; the code
    is exchanged by SokandeBackend (with the PKCE code_verifier and the nonce), and a success
    starts an applicant session instead of a Django login."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc_pa():
            raise Http404
        tillstand = request.session.get("oidc_states")
        state = request.GET.get("state", "")
        if request.GET.get("error") or not isinstance(tillstand, dict) or state not in tillstand:
            if isinstance(tillstand, dict) and state in tillstand:
                del tillstand[state]
                request.session.modified = True
            return self.login_failure()
        post = tillstand.pop(state)
        request.session.modified = True
        request.session.save()
        if "code" not in request.GET:
            return self.login_failure()
        try:
            claims = SokandeBackend().authenticate(
                request, nonce=post.get("nonce"), code_verifier=post.get("code_verifier")
            )
        except (SuspiciousOperation, requests.RequestException, ValueError):
            claims = None
        identitet = identitet_ur_claims(claims)
        if identitet is None:
            return self.login_failure()
        logga_in(request, identitet)
        return redirect("ansokan:start")

    def login_failure(self) -> HttpResponse:
        messages.error(self.request, "Inloggningen misslyckades. Försök igen.")
        return redirect("ansokan:start")


def meddela_fel(request: HttpRequest, text: str) -> None:
    messages.error(request, text)
