"""What every request reads before its page: the session, the logged-in user and the user's
second-factor device — each one row by its key, read through a prepared query
(docs/prestanda.md: Förberedda frågor) instead of Django's and django-otp's ORM look-ups,
which build and compile the same small query on every request.

Each is read by its primary key, so without a LIMIT: with one as a parameter PostgreSQL never
takes the prepared statement's generic plan (it cannot tell how many rows the limit lets
through) and plans the statement anew on every request.

The rules are theirs, unchanged: a session is read only while it has not expired; a user is
let in only while active (`ModelBackend.user_can_authenticate`); a device counts only when it
is the user's own and confirmed (`OTPMiddleware._finalize_device`).
"""

from __future__ import annotations

from contextlib import suppress

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.db.models import CharField, DateTimeField
from django.utils import timezone
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


class Backend(ModelBackend):
    """Django's ModelBackend, the logged-in user read by a prepared query."""

    def get_user(self, user_id):
        modell = get_user_model()
        try:
            pk = modell._meta.pk.to_python(user_id)
        except Exception:  # noqa: BLE001 - a session holding no valid id: nobody
            return None
        rader = forberedd(
            ("inloggad", modell._meta.label),
            lambda: modell._default_manager.filter(pk=Param("pk")),
        ).rader({"pk": pk})
        if not rader:
            return None
        return rader[0] if self.user_can_authenticate(rader[0]) else None


class Tvastegsmiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware, the session's device read by a prepared query."""

    def _device_from_persistent_id(self, persistent_id: str):
        persistent_id = self._normalize_persistent_id(persistent_id)
        with suppress(ValueError, LookupError):
            etikett, enhet_id = persistent_id.rsplit("/", 1)
            modell = apps.get_model(*etikett.split("."))
            if issubclass(modell, Device):
                rader = forberedd(
                    ("otp_enhet", modell._meta.label),
                    lambda: modell.objects.filter(id=Param("id")),
                ).rader({"id": int(enhet_id)})
                return rader[0] if rader else None
        return None
