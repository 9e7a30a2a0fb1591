"""The session, the logged-in user and the second-factor device are read by prepared queries
with Django's and django-otp's rules unchanged (bistand.inlasning; docs/prestanda.md:
Förberedda frågor): an expired session is not read, an inactive user is nobody, and a device
counts only when it is the user's own and confirmed."""

from __future__ import annotations

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from bistand.inlasning import Backend, SessionStore, Tvastegsmiddleware
from bistand.models import Session

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


# The session read with whom it is for (docs/prestanda.md: Sessionen och vem den är för).


def _session_med_enhet(client, user, enhet):
    """A logged-in session naming `enhet` as its verified second factor."""
    client.force_login(user, backend="bistand.inlasning.Backend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = enhet.persistent_id
    session.save()


def _fragor(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as fangade:
        svar = client.get(url)
    return svar, [q["sql"] for q in fangade.captured_queries]


def test_the_session_the_user_and_her_device_are_read_in_one_query(client, settings, handlaggare):
    from bistand.inlasning import _FORLAST

    settings.PERSONAL_TVASTEG = True
    enhet = TOTPDevice.objects.create(user=handlaggare, name="app", confirmed=True)
    _session_med_enhet(client, handlaggare, enhet)
    svar, fragor = _fragor(client, "/konto/losenord/")
    assert svar.status_code == 200  # the second factor counted: no way to the tvasteg page
    sessionens = [q for q in fragor if 'FROM "bistand_session"' in q]
    assert len(sessionens) == 1
    assert '"bistand_user"."password"' in sessionens[0]
    assert '"otp_totp_totpdevice"."confirmed"' in sessionens[0]
    # and neither the user nor the device by a query of its own
    assert not any('FROM "bistand_user"' in q or 'FROM "otp_totp_totpdevice"' in q for q in fragor)
    assert _FORLAST.get() is None  # nothing of this request stays for the next


def test_the_applicant_is_read_with_her_e_tjanst_session(client, akt):
    from ansokan.inloggning import PERSON, SENAST

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    session = client.session
    session[PERSON] = sokande.pk
    session[SENAST] = int(timezone.now().timestamp())
    session.save()
    svar, fragor = _fragor(client, "/e-tjanst/")
    assert svar.status_code == 200
    assert sokande.fornamn in svar.content.decode()
    sessionens = [q for q in fragor if 'FROM "bistand_session"' in q]
    assert len(sessionens) == 1 and '"bistand_person"."identitet"' in sessionens[0]
    # not read again by her id
    assert not any('FROM "bistand_person" WHERE "bistand_person"."id"' in q for q in fragor)


def test_an_applicant_copy_naming_another_person_is_not_used(client, akt, skapa_akt, enhet):
    from ansokan.inloggning import PERSON, SENAST
    from bistand.models import Session as Sessionsrad

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    annan = skapa_akt(enhet).hushall.medlemmar.get(roll="sokande").person
    session = client.session
    session[PERSON] = sokande.pk
    session[SENAST] = int(timezone.now().timestamp())
    session.save()
    Sessionsrad.objects.filter(session_key=session.session_key).update(person_id=annan.pk)
    svar = client.get("/e-tjanst/")
    assert svar.status_code == 200
    assert svar.wsgi_request.sokande == sokande


def test_the_session_data_decides_whom_it_is_for_not_the_copies_beside_it(
    client, settings, handlaggare, kollega
):
    """A copy that names someone else — stale, or written by hand — is not used: the user,
    the device and the applicant are those the data names, each read by its own query."""
    from bistand.models import Session as Sessionsrad

    settings.PERSONAL_TVASTEG = True
    egen = TOTPDevice.objects.create(user=handlaggare, name="egen", confirmed=True)
    annans = TOTPDevice.objects.create(user=kollega, name="annans", confirmed=True)
    _session_med_enhet(client, handlaggare, egen)
    Sessionsrad.objects.filter(session_key=client.session.session_key).update(
        anvandare_id=kollega.pk, tvastegsenhet_id=annans.pk
    )
    svar, fragor = _fragor(client, "/konto/losenord/")
    assert svar.status_code == 200
    assert svar.wsgi_request.user == handlaggare
    assert svar.wsgi_request.user.otp_device == egen
    assert any('FROM "bistand_user"' in q for q in fragor)
    assert any('FROM "otp_totp_totpdevice"' in q for q in fragor)


def test_saving_a_session_writes_whom_it_is_for(client, handlaggare):
    from bistand.models import Session as Sessionsrad

    enhet = TOTPDevice.objects.create(user=handlaggare, name="app", confirmed=True)
    _session_med_enhet(client, handlaggare, enhet)
    rad = Sessionsrad.objects.get(session_key=client.session.session_key)
    assert (rad.anvandare_id, rad.tvastegsenhet_id, rad.person_id) == (
        handlaggare.pk,
        enhet.pk,
        None,
    )
    client.logout()
    assert not Sessionsrad.objects.filter(anvandare_id=handlaggare.pk).exists()


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


def test_on_postgresql_what_every_page_asks_about_the_user_comes_with_the_session(
    client, handlaggare, akt
):
    """Roles, Enhet, unread notices and grants to protected Akter (bistand.access:
    `_las_anvandaren`) are read in the session's query on PostgreSQL, and mean the same."""
    from django.db import connection
    from guardian.shortcuts import assign_perm

    from bistand.access import har_roll, roller
    from bistand.models import Notis

    from .conftest import krav_tjanst

    krav_tjanst("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    assign_perm("bistand.visa_skyddad_akt", handlaggare, akt)
    Notis.objects.create(mottagare=handlaggare, text="Ny uppgift")
    client.force_login(handlaggare, backend="bistand.inlasning.Backend")
    svar, fragor = _fragor(client, "/konto/losenord/")
    assert svar.status_code == 200
    assert not any("SELECT 'r', g.name" in q and "ARRAY" not in q for q in fragor)
    user = svar.wsgi_request.user
    assert roller(user) == {"Handläggare"} and har_roll(user, "Handläggare")
    assert user._bistand_enhet_namn == "Enhet Norr"
    assert user._bistand_olasta_notiser == 1
    assert user._bistand_skyddade_akter == {akt.pk}


def test_the_nightly_job_removes_the_sessions_that_have_run_out_from_both_tables(handlaggare):
    from django.contrib.sessions.models import Session as DjangosSession

    from bistand.models import Session as Sessionsrad
    from bistand.periodiskt import NATTLIGA, PERIODISKA

    assert "sessioner-utgangna" in NATTLIGA
    nu = timezone.now()
    for modell in (Sessionsrad, DjangosSession):
        modell.objects.create(
            session_key=f"ute{modell.__name__}",
            session_data="x",
            expire_date=nu - datetime.timedelta(seconds=1),
        )
        modell.objects.create(
            session_key=f"kvar{modell.__name__}",
            session_data="x",
            expire_date=nu + datetime.timedelta(hours=1),
        )
    assert PERIODISKA["sessioner-utgangna"](nu.date()) == 2
    assert set(Sessionsrad.objects.values_list("session_key", flat=True)) == {"kvarSession"}
    assert set(DjangosSession.objects.values_list("session_key", flat=True)) == {"kvarSession"}
