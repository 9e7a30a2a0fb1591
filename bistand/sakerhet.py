"""Staff login security: the second factor, the idle timeout and the security log.

- Second factor (docs/drift.md: Tvåstegsinloggning): with `PERSONAL_TVASTEG` on, a staff user
  who has logged in by password reaches nothing but the second-factor pages until a TOTP code
  is verified (django-otp). On by default when DEBUG is off; a deploy check refuses it off.
- Idle timeout (docs/drift.md: Inaktivitet): a staff session ends after
  `PERSONAL_SESSION_TIMEOUT` seconds without a request; the page warns before.
- Security log: every login, failed login, lockout, logout, second-factor result and password
  change is written to the `bistand.sakerhet` logger, with the user name and client address.
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlencode

from axes.signals import user_locked_out
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.functional import LazyObject, empty

from .natverk import klient_ip

logg = logging.getLogger("bistand.sakerhet")

SENAST = "personal_senast_aktiv"

# Activity is noted at most once a minute, so an ordinary page view does not write the session.
NOTERA_EFTER = 60

# Paths an authenticated staff user may reach before the second factor is verified.
FRIA_SOKVAGAR = ("/login/", "/logout/", "/konto/tvasteg/", "/static/", "/health/")


def handelse(request: HttpRequest | None, typ: str, anvandare: str = "", **data) -> None:
    """One line in the security log: what happened, to which account, from which address."""
    adress = klient_ip(request) if request is not None else "-"
    extra = " ".join(f"{k}={v}" for k, v in sorted(data.items()))
    logg.info("sakerhet %s anvandare=%s adress=%s %s", typ, anvandare or "-", adress, extra)


def tvasteg_pa() -> bool:
    return bool(settings.PERSONAL_TVASTEG)


def tvasteg_klart(request: HttpRequest) -> bool:
    """True when the second factor is off, or verified in this session."""
    if not tvasteg_pa():
        return True
    user = request.user
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def utan_omslag(user):
    """The object behind Django's lazy wrappers (`SimpleLazyObject`), read now."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def markera_aktiv(request: HttpRequest) -> None:
    request.session[SENAST] = int(time.time())


class PersonalSakerhetMiddleware:
    """Enforces the second factor and the idle timeout for logged-in staff users, and from here
    on gives the views the user herself in `request.user` (`utan_omslag`).

    Runs after django-otp's OTPMiddleware (as bistand.inlasning.Tvastegsmiddleware), which
    sets `user.is_verified`. Applicants in the e-tjänst are not Django users and are not
    affected; their timeout is the e-tjänst's own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None:
            # The user as herself from here on, not behind the two lazy wrappers Django's and
            # django-otp's middleware put her in: every role check, menu and template reads
            # `request.user`, and through the wrappers each attribute costs three calls, a few
            # hundred per page (docs/prestanda.md: Den inloggade användaren).
            user = request.user = utan_omslag(user)
        if user is not None and user.is_authenticated:
            svar = self._kontrollera(request)
            if svar is not None:
                return svar
        return self.get_response(request)

    def _kontrollera(self, request: HttpRequest) -> HttpResponse | None:
        senast = request.session.get(SENAST)
        if senast is not None and time.time() - senast > settings.PERSONAL_SESSION_TIMEOUT:
            handelse(request, "utloggad_inaktiv", request.user.get_username())
            logout(request)
            messages.info(
                request,
                "Du har loggats ut eftersom du inte varit aktiv på en stund. "
                "Utkast som sparats automatiskt finns kvar.",
            )
            return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}")
        if senast is None or time.time() - senast >= NOTERA_EFTER:
            markera_aktiv(request)
        if request.path.startswith(FRIA_SOKVAGAR) or tvasteg_klart(request):
            return None
        return redirect(f"/konto/tvasteg/?{urlencode({'next': request.get_full_path()})}")


@receiver(user_logged_in, dispatch_uid="bistand_sakerhet_inloggad")
def _inloggad(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        markera_aktiv(request)
    handelse(request, "inloggning", user.get_username())


@receiver(user_login_failed, dispatch_uid="bistand_sakerhet_misslyckad")
def _misslyckad(sender, credentials, request=None, **kwargs) -> None:
    handelse(request, "inloggning_misslyckad", str(credentials.get("username", "")))


@receiver(user_logged_out, dispatch_uid="bistand_sakerhet_utloggad")
def _utloggad(sender, request, user, **kwargs) -> None:
    handelse(request, "utloggning", user.get_username() if user else "")


def _last(sender, request, username, ip_address, **kwargs) -> None:
    logg.warning("sakerhet last anvandare=%s adress=%s", username or "-", ip_address or "-")


def koppla_signaler() -> None:
    """Called from AppConfig.ready: the lockout signal lives in django-axes."""
    user_locked_out.connect(_last, dispatch_uid="bistand_sakerhet_last")


def sammanhang(request: HttpRequest) -> dict:
    """Context processor: the idle-timeout figures and whether the second factor is on."""
    return {
        "tvasteg_pa": tvasteg_pa(),
        "personal_session_sekunder": settings.PERSONAL_SESSION_TIMEOUT,
        "personal_session_varning": settings.PERSONAL_SESSION_VARNING,
    }


class IngenLagringMiddleware:
    """`Cache-Control: no-store` on every response a view makes: pages, JSON and documents hold
    case data or may (names, personnummer, decisions), and must stay out of browser and proxy
    caches (GDPR art. 32; OSL 26 kap. 1 §). Static files are served before this by WhiteNoise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        svar = self.get_response(request)
        patch_cache_control(svar, no_store=True, private=True)
        return svar


# What lets a response or request change its Content-Security-Policy in django-csp: a view's
# decorators (config, update, replace, exempt, each also for the report-only header).
_EGEN_POLICY = tuple(
    f"_csp_{slag}{ro}" for slag in ("config", "update", "replace", "exempt") for ro in ("", "_ro")
)


def _policyn() -> tuple[str, str, tuple[str, ...]]:
    """The policy and the report-only policy as settings give them, and the path prefixes
    either excludes — written once per process (`InnehallspolicyMiddleware`)."""
    if _policyn.varde is None:
        prefix = tuple(
            p
            for namn in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY")
            for p in ((getattr(settings, namn, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
        )
        _policyn.varde = (build_policy(), build_policy(report_only=True), prefix)
    return _policyn.varde


_policyn.varde = None


@receiver(setting_changed)
def _ny_policy(sender, setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        _policyn.varde = None


class InnehallspolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy written once per process: every page of the
    project has the same Content-Security-Policy (settings.CONTENT_SECURITY_POLICY: scripts and
    styles only from static/, nothing from another origin), and django-csp builds the header
    text from the settings anew on every response (docs/prestanda.md: Innehållspolicyn).

    A response whose view changes its policy (django-csp's decorators), a request that used a
    nonce, an excluded path and DEBUG (where django-csp leaves error pages without the header)
    go to django-csp's own code, unchanged."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        policy, policy_ro, undantag = _policyn()
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, namn) for namn in _EGEN_POLICY)
            or (undantag and request.path_info.startswith(undantag))
        ):
            return super().process_response(request, response)
        if policy and HEADER not in response:
            response[HEADER] = policy
        if policy_ro and HEADER_REPORT_ONLY not in response:
            response[HEADER_REPORT_ONLY] = policy_ro
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
