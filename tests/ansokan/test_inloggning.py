"""The applicant's login: test-legitimation in development only, OIDC, a session separate
from staff login, and the timeout (docs/arkitektur.md: E-tjänst)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ansokan.inloggning import IDENTITET, PERSON, SENAST
from bistand.models import Person

pytestmark = pytest.mark.django_db
ROT = Path(__file__).resolve().parents[2]


def test_the_anonymous_page_shows_the_personnummer_field_first(client):
    svar = client.get("/e-tjanst/")
    assert svar.status_code == 200
    html = svar.content.decode()
    assert 'name="personnummer"' in html
    assert "Logga in" in html


@pytest.mark.parametrize(
    "nummer", ["199001012385", "19900101-2385", "9001012385", "900101-2385", " 19900101 2385 "]
)
def test_test_legitimation_accepts_10_or_12_digits_with_or_without_hyphen(client, akt, nummer):
    person = Person.objects.create(
        identitet="199001012385",
        id_typ="personnummer",
        fornamn="Test",
        efternamn="Person",
        fodelsedatum="1990-01-01",
    )
    svar = client.post("/e-tjanst/logga-in/", {"personnummer": nummer})
    assert svar.status_code == 302
    assert client.session[PERSON] == person.pk


def test_an_invalid_personnummer_gets_a_swedish_error_and_keeps_the_input(client):
    svar = client.post("/e-tjanst/logga-in/", {"personnummer": "19900101-2386"})
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "kontrollsiffran är fel" in html
    assert 'value="19900101-2386"' in html
    assert PERSON not in client.session


def test_a_valid_unknown_personnummer_may_log_in_and_make_a_first_nyansokan(
    client, nytt_personnummer, enhet
):
    nummer = nytt_personnummer()
    client.post("/e-tjanst/logga-in/", {"personnummer": nummer})
    assert client.session[IDENTITET] == nummer
    assert "Börja din första ansökan" in client.get("/e-tjanst/").content.decode()
    svar = client.post("/e-tjanst/om-dig/", {"fornamn": "Ny", "efternamn": "Sökande"})
    assert svar.status_code == 302
    person = Person.objects.get(identitet=nummer)
    assert client.session[PERSON] == person.pk
    svar = client.post("/e-tjanst/ny/nyansokan/")
    assert svar.status_code == 302 and "/steg/kontakt/" in svar["Location"]


def test_test_legitimation_is_refused_when_the_setting_is_off(client, settings, sokande):
    settings.ETJANST_TESTLEGITIMATION = False
    assert 'name="personnummer"' not in client.get("/e-tjanst/").content.decode()
    svar = client.post("/e-tjanst/logga-in/", {"personnummer": sokande.identitet})
    assert svar.status_code == 404
    assert PERSON not in client.session


def test_test_legitimation_is_off_with_production_settings_even_if_the_variable_is_set():
    miljo = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bistand.settings",
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "ETJANST_TESTLEGITIMATION": "1",
    }
    ut = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.ETJANST_TESTLEGITIMATION)",
        ],
        env=miljo,
        cwd=ROT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert ut.stdout.strip() == "False"


def test_the_applicant_session_is_not_a_staff_login(sokande_klient):
    assert sokande_klient.get("/").status_code == 302  # staff start page asks for staff login
    assert sokande_klient.get("/ansokningar/").status_code == 302


def test_a_staff_login_does_not_open_the_e_tjanst(client, handlaggare):
    client.force_login(handlaggare)
    svar = client.get("/e-tjanst/")
    assert 'name="personnummer"' in svar.content.decode()


def test_an_idle_session_ends_and_says_so(sokande_klient, settings):
    session = sokande_klient.session
    session[SENAST] = int(time.time()) - settings.ETJANST_SESSION_TIMEOUT - 5
    session.save()
    svar = sokande_klient.post("/e-tjanst/ny/nyansokan/", follow=True)
    assert "inte varit aktiv" in svar.content.decode()
    assert PERSON not in sokande_klient.session


def test_the_page_carries_the_timeout_warning(sokande_klient, settings):
    html = sokande_klient.get("/e-tjanst/").content.decode()
    assert f'data-session-sekunder="{settings.ETJANST_SESSION_TIMEOUT}"' in html
    assert "Du loggas snart ut" in html
    assert sokande_klient.post("/e-tjanst/aktiv/").json()["ok"] is True


def test_logging_out_ends_the_applicant_session(sokande_klient):
    sokande_klient.post("/e-tjanst/logga-ut/")
    assert PERSON not in sokande_klient.session


def _session_skrivs(klient, gor) -> bool:
    with CaptureQueriesContext(connection) as fangade:
        gor()
    return any(
        "bistand_session" in q["sql"] and q["sql"].lstrip().upper().startswith("UPDATE")
        for q in fangade.captured_queries
    )


def test_activity_is_noted_at_most_once_a_minute_and_always_by_the_warnings_answer(
    sokande_klient,
):
    session = sokande_klient.session
    session[SENAST] = int(time.time()) - 10
    session.save()
    fore = sokande_klient.session[SENAST]
    # An ordinary page view within the minute does not write the session.
    assert not _session_skrivs(sokande_klient, lambda: sokande_klient.get("/e-tjanst/"))
    assert sokande_klient.session[SENAST] == fore
    # Answering the timeout warning notes it at once.
    assert _session_skrivs(sokande_klient, lambda: sokande_klient.post("/e-tjanst/aktiv/"))
    assert sokande_klient.session[SENAST] >= int(time.time()) - 1
    # After a minute a page view notes it.
    session = sokande_klient.session
    session[SENAST] = int(time.time()) - 70
    session.save()
    sokande_klient.get("/e-tjanst/")
    assert sokande_klient.session[SENAST] >= int(time.time()) - 1
