"""What every request reads before its page: the session, the logged-in user and the user's
second-factor device — each one row by its key, read through a prepared query
(docs/prestanda.md: Förberedda frågor) instead of Django's and django-otp's ORM look-ups,
which build and compile the same small query on every request. The user and the device the
session names are read together, in one query (docs/prestanda.md: Användaren och enheten).

Each is read by its primary key, so without a LIMIT: with one as a parameter PostgreSQL never
takes the prepared statement's generic plan (it cannot tell how many rows the limit lets
through) and plans the statement anew on every request.

The rules are theirs, unchanged: a session is read only while it has not expired; a user is
let in only while active (`ModelBackend.user_can_authenticate`); a device counts only when it
is the user's own and confirmed (`OTPMiddleware._finalize_device`).
"""

from __future__ import annotations

from contextlib import suppress
from contextvars import ContextVar

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.db.models import CharField, DateTimeField
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from .forberedd import Param, forberedd


class SessionStore(db.SessionStore):
    """Django's database session (SESSION_ENGINE "bistand.inlasning"), read by a prepared
    query."""

    def _get_session_from_db(self):
        modell = self.model
        rader = forberedd(
            ("session", modell._meta.label),
            lambda: modell.objects.filter(
                session_key=Param("nyckel", CharField()),
                expire_date__gt=Param("nu", DateTimeField()),
            ),
        ).rader({"nyckel": self.session_key, "nu": timezone.now()})
        if rader:
            return rader[0]
        self._session_key = None
        return None


# The second-factor device the session of the request being let in names (its persistent id),
# set by `Tvastegsmiddleware` while it reads the user, so `Backend.get_user` reads both at once.
_ENHET: ContextVar[str | None] = ContextVar("bistand_enhet", default=None)


def _enhetens_modell(persistent_id: str):
    """The device model and id a persistent id names ("otp_totp.totpdevice/7"), or None."""
    with suppress(ValueError, LookupError):
        etikett, enhet_id = persistent_id.rsplit("/", 1)
        modell = apps.get_model(*etikett.split("."))
        if issubclass(modell, Device):
            return modell, int(enhet_id)
    return None


class Backend(ModelBackend):
    """Django's ModelBackend, the logged-in user read by a prepared query — together with the
    session's second-factor device when `Tvastegsmiddleware` names it."""

    def get_user(self, user_id):
        modell = get_user_model()
        try:
            pk = modell._meta.pk.to_python(user_id)
        except Exception:  # noqa: BLE001 - a session holding no valid id: nobody
            return None
        user = self._med_enhet(pk, _ENHET.get())
        if user is not None:
            return user if self.user_can_authenticate(user) else None
        rader = forberedd(
            ("inloggad", modell._meta.label),
            lambda: modell._default_manager.filter(pk=Param("pk")),
        ).rader({"pk": pk})
        if not rader:
            return None
        return rader[0] if self.user_can_authenticate(rader[0]) else None

    @staticmethod
    def _med_enhet(pk, persistent_id: str | None):
        """The user with the device `persistent_id` names, in one query, the device kept on the
        user for `Tvastegsmiddleware`; None when there is no such device of this user (then the
        user is read alone, and the middleware's own look-up decides about the device)."""
        if not persistent_id:
            return None
        funnen = _enhetens_modell(OTPMiddleware._normalize_persistent_id(persistent_id))
        if funnen is None:
            return None
        modell, enhet_id = funnen
        rader = forberedd(
            ("inloggad_med_enhet", modell._meta.label),
            lambda: modell.objects.filter(id=Param("id"), user_id=Param("pk")).select_related(
                "user"
            ),
        ).rader({"id": enhet_id, "pk": pk})
        if not rader:
            return None
        enhet = rader[0]
        user = enhet.user
        user._bistand_enhet = (persistent_id, enhet)
        return user


class Tvastegsmiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware, the session's device read with the user (`Backend`) or,
    when that did not find it, by a prepared query of its own. Its rules are django-otp's:
    a device counts only when it is the user's own and confirmed (`_finalize_device`)."""

    def _verify_user_sync(self, request, user):
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        token = _ENHET.set(persistent_id)
        try:
            self._init_user_fields(user)  # reads the lazy user, and with it the device
        finally:
            _ENHET.reset(token)
        if user.is_authenticated:
            device = None
            if persistent_id:
                forlast = getattr(user, "_bistand_enhet", None)
                device = (
                    forlast[1]
                    if forlast is not None and forlast[0] == persistent_id
                    else self._device_from_persistent_id(persistent_id)
                )
            user.otp_device = self._finalize_device(request, user, device)
        return user

    def _device_from_persistent_id(self, persistent_id: str):
        funnen = _enhetens_modell(self._normalize_persistent_id(persistent_id))
        if funnen is None:
            return None
        modell, enhet_id = funnen
        rader = forberedd(
            ("otp_enhet", modell._meta.label),
            lambda: modell.objects.filter(id=Param("id")),
        ).rader({"id": enhet_id})
        return rader[0] if rader else None
