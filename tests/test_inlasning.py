"""The session, the logged-in user and the second-factor device are read by prepared queries
with Django's and django-otp's rules unchanged (bistand.inlasning; docs/prestanda.md:
Förberedda frågor): an expired session is not read, an inactive user is nobody, and a device
counts only when it is the user's own and confirmed."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.test import RequestFactory
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bistand.inlasning import Backend, SessionStore, Tvastegsmiddleware

pytestmark = pytest.mark.django_db


def test_a_session_is_read_until_it_expires_and_not_after():
    session = SessionStore()
    session["varde"] = "kvar"
    session.create()
    assert SessionStore(session.session_key).load() == {"varde": "kvar"}
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    utgangen = SessionStore(session.session_key)
    assert utgangen.load() == {}
    assert utgangen.session_key is None


def test_the_logged_in_user_is_read_while_active_and_nobody_after(handlaggare):
    backend = Backend()
    assert backend.get_user(handlaggare.pk) == handlaggare
    assert backend.get_user(str(handlaggare.pk)) == handlaggare
    assert backend.get_user(10**30) is None
    assert backend.get_user("inte-ett-id") is None
    handlaggare.is_active = False
    handlaggare.save()
    assert backend.get_user(handlaggare.pk) is None


def test_only_the_users_own_confirmed_device_verifies_the_session(handlaggare, kollega):
    egen = TOTPDevice.objects.create(user=handlaggare, name="egen", confirmed=True)
    annans = TOTPDevice.objects.create(user=kollega, name="annans", confirmed=True)
    obekraftad = TOTPDevice.objects.create(user=handlaggare, name="ny", confirmed=False)
    middleware = Tvastegsmiddleware(lambda request: None)

    def verifierad(enhet) -> bool:
        request = RequestFactory().get("/")
        request.session = SessionStore()
        request.session[DEVICE_ID_SESSION_KEY] = enhet.persistent_id
        user = middleware._verify_user_sync(
            request, type(handlaggare).objects.get(pk=handlaggare.pk)
        )
        return user.is_verified()

    assert middleware._device_from_persistent_id(egen.persistent_id) == egen
    assert middleware._device_from_persistent_id("otp_totp.totpdevice/999999999") is None
    assert middleware._device_from_persistent_id("finns.inte/1") is None
    assert verifierad(egen)
    assert not verifierad(annans)
    assert not verifierad(obekraftad)


# The user and the session's device read together (docs/prestanda.md: Användaren och enheten).


def _session_med_enhet(client, user, enhet):
    """A logged-in session naming `enhet` as its verified second factor."""
    client.force_login(user, backend="bistand.inlasning.Backend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = enhet.persistent_id
    session.save()


def test_the_user_and_her_device_are_read_in_one_query(client, settings, handlaggare):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PERSONAL_TVASTEG = True
    enhet = TOTPDevice.objects.create(user=handlaggare, name="app", confirmed=True)
    _session_med_enhet(client, handlaggare, enhet)
    with CaptureQueriesContext(connection) as fangade:
        svar = client.get("/konto/losenord/")
    assert svar.status_code == 200  # the second factor counted: no way to the tvasteg page
    enhetens = [q["sql"] for q in fangade.captured_queries if "otp_totp_totpdevice" in q["sql"]]
    assert len(enhetens) == 1
    assert '"bistand_user"."password"' in enhetens[0]
    # and no query of the user alone
    assert not any('FROM "bistand_user"' in q["sql"] for q in fangade.captured_queries)
    from bistand.inlasning import _ENHET

    assert _ENHET.get() is None  # nothing of this request stays for the next


@pytest.mark.parametrize("fall", ["annans", "obekraftad", "borttagen"])
def test_a_device_read_with_the_user_counts_only_when_it_is_her_own_and_confirmed(
    client, settings, handlaggare, kollega, fall
):
    settings.PERSONAL_TVASTEG = True
    if fall == "annans":
        enhet = TOTPDevice.objects.create(user=kollega, name="annans", confirmed=True)
    else:
        enhet = TOTPDevice.objects.create(
            user=handlaggare, name="egen", confirmed=fall != "obekraftad"
        )
    _session_med_enhet(client, handlaggare, enhet)
    if fall == "borttagen":
        TOTPDevice.objects.filter(pk=enhet.pk).delete()
    svar = client.get("/konto/losenord/")
    assert svar.status_code == 302
    assert svar["Location"].startswith("/konto/tvasteg/")
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_an_inactive_user_is_nobody_also_when_read_with_her_device(client, settings, handlaggare):
    settings.PERSONAL_TVASTEG = True
    enhet = TOTPDevice.objects.create(user=handlaggare, name="app", confirmed=True)
    _session_med_enhet(client, handlaggare, enhet)
    type(handlaggare).objects.filter(pk=handlaggare.pk).update(is_active=False)
    svar = client.get("/konto/losenord/")
    assert svar.status_code == 302
    assert svar["Location"].startswith("/login/")
