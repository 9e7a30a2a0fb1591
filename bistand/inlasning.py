"""What every request reads before its page: the session, the logged-in user and the user's
second-factor device — each one row by its key, read through a prepared query
(docs/prestanda.md: Förberedda frågor) instead of Django's and django-otp's ORM look-ups,
which build and compile the same small query on every request. The session is read with whom
it is for — the user, her device, the e-tjänst's applicant — in one query
(`bistand.models.Session`; docs/prestanda.md: Sessionen och vem den är för).

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
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.db import connection
from django.db.models import CharField, DateTimeField
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from .forberedd import Param, forberedd
from .grunddataversion import satt_version, version_sql
from .periodiskt import periodisk

# The e-tjänst session's key for the applicant's Person id (ansokan.inloggning).
ETJANST_PERSON = "etjanst_person_id"


@dataclass
class Forlast:
    """Whom a session was read with (`bistand.models.Session`): copies its data decides over."""

    anvandare: object | None
    enhet: object | None
    person: object | None


def _id(varde) -> int | None:
    """An id as the session data holds it (a number, or its text), or None."""
    try:
        return int(varde)
    except (TypeError, ValueError):
        return None


class SessionStore(db.SessionStore):
    """Django's database session (SESSION_ENGINE "bistand.inlasning") in `bistand.models.Session`,
    read by a prepared query with the user, her second-factor device and the applicant it names
    joined (`forlast`), and saved with their ids beside the data."""

    forlast: Forlast | None = None

    @classmethod
    def get_model_class(cls):
        # Import cycle: the model names this store as its own (get_session_store_class).
        from .models import Session

        return Session

    def create_model_instance(self, data):
        obj = super().create_model_instance(data)
        obj.anvandare_id = _id(data.get(SESSION_KEY))
        obj.person_id = _id(data.get(ETJANST_PERSON))
        enhet = _enhetens_modell(str(data.get(DEVICE_ID_SESSION_KEY) or ""))
        kolumnens = obj._meta.get_field("tvastegsenhet").related_model
        obj.tvastegsenhet_id = enhet[1] if enhet is not None and enhet[0] is kolumnens else None
        return obj

    def _get_session_from_db(self):
        modell = self.model
        rader = forberedd(
            ("session", modell._meta.label),
            lambda: _sessionsfraga(modell),
        ).rader({"nyckel": self.session_key, "nu": timezone.now()})
        if rader:
            s = rader[0]
            satt_version(getattr(s, "grunddataversion", None))
            fakta = getattr(s, "anvandarfakta", None)
            if s.anvandare is not None and fakta is not None:
                s.anvandare._bistand_fakta = [tuple(rad) for rad in fakta]
            self.forlast = Forlast(s.anvandare, s.tvastegsenhet, s.person)
            return s
        self._session_key = None
        return None

    def tag_person(self, pk):
        """The applicant read with the session when she is the Person `pk`, once: a second
        ask in the same request reads her anew."""
        forlast = self.forlast
        if forlast is None or forlast.person is None or forlast.person.pk != pk:
            return None
        person, forlast.person = forlast.person, None
        return person


def _sessionsfraga(modell):
    """The session by its key while it has not expired, with whom it is for joined; on
    PostgreSQL also what every page asks about the user (`bistand.access.anvandarfakta_sql`:
    roles, Enhet, notices, grants) as an array beside it, and the grunddata number
    (bistand.grunddataversion)."""
    qs = modell.objects.filter(
        session_key=Param("nyckel", CharField()),
        expire_date__gt=Param("nu", DateTimeField()),
    ).select_related("anvandare", "tvastegsenhet", "person")
    if connection.vendor != "postgresql":
        return qs
    # Import cycle: bistand.access imports the models, whose Session names this module.
    from .access import anvandarfakta_sql

    kolumn = f'"{modell._meta.db_table}"."{modell._meta.get_field("anvandare").column}"'
    # The texts are fixed statements with the model's column name; nothing from a request.
    return qs.annotate(
        anvandarfakta=RawSQL(anvandarfakta_sql(kolumn), ()),  # noqa: S611
        grunddataversion=RawSQL(version_sql(), ()),  # noqa: S611
    )


@periodisk("sessioner-utgangna", nattlig=True)
def sessioner_utgangna(idag) -> int:
    """Remove the sessions that have run out, every night: they hold who was logged in (a
    staff user, an applicant's Person) and nothing reads them any more (GDPR art. 5.1 e:
    kept no longer than needed). Django's own table, read before `bistand.models.Session`,
    is emptied the same way as its last sessions run out."""
    # Import cycle: the model names this module as its store (get_session_store_class).
    from django.contrib.sessions.models import Session as DjangosSession

    from .models import Session

    nu = timezone.now()
    return sum(
        modell.objects.filter(expire_date__lte=nu).delete()[0]
        for modell in (Session, DjangosSession)
    )


# Whom the session of the request being let in was read with, set by `Tvastegsmiddleware`
# around its read of the user, so `Backend.get_user` takes the user from there.
_FORLAST: ContextVar[Forlast | None] = ContextVar("bistand_forlast", default=None)


def _enhetens_modell(persistent_id: str):
    """The device model and id a persistent id names ("otp_totp.totpdevice/7"), or None."""
    with suppress(ValueError, LookupError):
        etikett, enhet_id = persistent_id.rsplit("/", 1)
        modell = apps.get_model(*etikett.split("."))
        if issubclass(modell, Device):
            return modell, int(enhet_id)
    return None


class Backend(ModelBackend):
    """Django's ModelBackend, the logged-in user taken from the session's read when it is the
    user the session names (`Tvastegsmiddleware`), else read by a prepared query."""

    def get_user(self, user_id):
        modell = get_user_model()
        try:
            pk = modell._meta.pk.to_python(user_id)
        except Exception:  # noqa: BLE001 - a session holding no valid id: nobody
            return None
        forlast = _FORLAST.get()
        if forlast is not None and forlast.anvandare is not None and forlast.anvandare.pk == pk:
            user = forlast.anvandare
        else:
            rader = forberedd(
                ("inloggad", modell._meta.label),
                lambda: modell._default_manager.filter(pk=Param("pk")),
            ).rader({"pk": pk})
            if not rader:
                return None
            user = rader[0]
        return user if self.user_can_authenticate(user) else None


class Tvastegsmiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware with the user and the device taken from the session's read
    (`SessionStore.forlast`) when they are the ones the session's data names, else read by
    prepared queries of their own. Its rules are django-otp's: a device counts only when it is
    the user's own and confirmed (`_finalize_device`)."""

    def _verify_user_sync(self, request, user):
        session = request.session
        persistent_id = session.get(DEVICE_ID_SESSION_KEY)  # reads the session, and whom for
        forlast = getattr(session, "forlast", None)
        token = _FORLAST.set(forlast)
        try:
            self._init_user_fields(user)  # reads the lazy user: `Backend` takes it from there
        finally:
            _FORLAST.reset(token)
        if user.is_authenticated:
            device = None
            if persistent_id:
                enhet = forlast.enhet if forlast is not None else None
                device = (
                    enhet
                    if enhet is not None
                    and enhet.persistent_id == self._normalize_persistent_id(persistent_id)
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
