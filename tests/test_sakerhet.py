"""Staff login security: lockout, second factor, password rules, idle timeout, security log."""

from __future__ import annotations

import io
import logging
import os
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from bistand.sakerhet import SENAST

from .conftest import LOSENORD


def logga_in(client, username, losenord=LOSENORD, **extra):
    return client.post("/login/", {"username": username, "password": losenord}, **extra)


def kod(enhet: TOTPDevice) -> str:
    totp = TOTP(enhet.bin_key, enhet.step, enhet.t0, enhet.digits, enhet.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


# ---- lockout (django-axes) -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["handlaggare", "administrator"])
def test_thirty_wrong_passwords_lock_the_account_even_with_the_right_one(
    client, request, persona, caplog
):
    user = request.getfixturevalue(persona)
    caplog.set_level(logging.INFO, logger="bistand.sakerhet")
    for _ in range(29):
        assert logga_in(client, user.username, "fel-losenord").status_code == 200
    svar = logga_in(client, user.username, "fel-losenord")
    assert svar.status_code == 429
    svar = logga_in(client, user.username)
    assert svar.status_code == 429
    assert "spärrad" in svar.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("sakerhet last" in r.getMessage() for r in caplog.records)
    assert any(
        "inloggning_misslyckad" in r.getMessage() and f"anvandare={user.username}" in r.getMessage()
        for r in caplog.records
    )


@pytest.mark.django_db
def test_the_lock_holds_for_the_account_from_another_address(client, handlaggare):
    for i in range(30):
        logga_in(client, "agare", "fel-losenord", REMOTE_ADDR=f"192.0.2.{i + 1}")
    assert logga_in(client, "agare", REMOTE_ADDR="198.51.100.7").status_code == 429


@pytest.mark.django_db
def test_the_lock_holds_for_the_address_across_accounts(client, handlaggare, kollega):
    for i in range(30):
        logga_in(client, f"gissning{i}", "fel-losenord", REMOTE_ADDR="192.0.2.50")
    assert logga_in(client, "kollega", REMOTE_ADDR="192.0.2.50").status_code == 429
    assert logga_in(client, "agare", REMOTE_ADDR="192.0.2.51").status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_escape_the_address_lock(
    client, handlaggare, kollega, settings
):
    settings.PROXY_ANTAL = 1
    for i in range(30):
        logga_in(
            client,
            f"gissning{i}",
            "fel-losenord",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 192.0.2.60",
        )
    svar = logga_in(client, "kollega", HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.60")
    assert svar.status_code == 429


@pytest.mark.django_db
def test_a_successful_login_is_in_the_security_log(client, handlaggare, caplog):
    caplog.set_level(logging.INFO, logger="bistand.sakerhet")
    assert logga_in(client, "agare").status_code == 302
    assert any(
        "sakerhet inloggning " in r.getMessage() and "anvandare=agare" in r.getMessage()
        for r in caplog.records
    )


# ---- second factor (django-otp) ---------------------------------------------------------------


@pytest.fixture
def tvasteg(settings):
    settings.PERSONAL_TVASTEG = True


@pytest.mark.django_db
def test_without_the_second_factor_a_staff_login_reaches_no_case_page(
    client, tvasteg, handlaggare, akt
):
    assert logga_in(client, "agare").status_code == 302
    for sida in ("/", f"/akter/{akt.pk}/", "/arbetslista/", "/ansokningar/", "/notiser/"):
        svar = client.get(sida)
        assert svar.status_code == 302, sida
        assert svar["Location"].startswith("/konto/tvasteg/"), sida
    assert akt.aktnummer not in client.get(f"/akter/{akt.pk}/", follow=True).content.decode()


@pytest.mark.django_db
def test_the_admin_is_also_behind_the_second_factor(client, tvasteg, administrator):
    assert logga_in(client, "admin").status_code == 302
    svar = client.get("/admin/")
    assert svar["Location"].startswith("/konto/tvasteg/")


@pytest.mark.django_db
def test_the_first_login_enrols_an_app_and_then_reaches_the_case(
    client, tvasteg, handlaggare, akt, caplog
):
    caplog.set_level(logging.INFO, logger="bistand.sakerhet")
    logga_in(client, "agare")
    sida = client.get(f"/konto/tvasteg/?next=/akter/{akt.pk}/")
    text = sida.content.decode()
    assert "Koppla en autentiseringsapp" in text and "<svg" in text
    enhet = TOTPDevice.objects.get(user=handlaggare)
    assert not enhet.confirmed

    fel = client.post("/konto/tvasteg/", {"kod": "000000", "next": f"/akter/{akt.pk}/"})
    assert "Koden stämmer inte" in fel.content.decode()

    enhet.refresh_from_db()
    enhet.throttling_failure_count = 0
    enhet.throttling_failure_timestamp = None
    enhet.save()
    svar = client.post("/konto/tvasteg/", {"kod": kod(enhet), "next": f"/akter/{akt.pk}/"})
    assert svar.status_code == 302 and svar["Location"] == f"/akter/{akt.pk}/"
    enhet.refresh_from_db()
    assert enhet.confirmed
    assert akt.aktnummer in client.get(f"/akter/{akt.pk}/").content.decode()
    meddelanden = [r.getMessage() for r in caplog.records]
    assert any("tvasteg_misslyckat" in m for m in meddelanden)
    assert any("tvasteg_registrerat" in m for m in meddelanden)


@pytest.mark.django_db
def test_a_later_login_asks_for_the_code_and_shows_no_key(client, tvasteg, handlaggare):
    enhet = TOTPDevice.objects.create(user=handlaggare, name="app", confirmed=True)
    logga_in(client, "agare")
    text = client.get("/konto/tvasteg/").content.decode()
    assert "Ange engångskod" in text and "<svg" not in text
    svar = client.post("/konto/tvasteg/", {"kod": kod(enhet)})
    assert svar.status_code == 302 and svar["Location"] == "/arbetslista/"
    assert client.get("/arbetslista/").status_code == 200


@pytest.mark.django_db
def test_after_the_middleware_a_page_reads_the_verified_user_herself(client, tvasteg, handlaggare):
    # Not Django's lazy wrapper around her: each attribute read through it cost three calls.
    enhet = TOTPDevice.objects.create(user=handlaggare, name="app", confirmed=True)
    logga_in(client, "agare")
    client.post("/konto/tvasteg/", {"kod": kod(enhet)})
    user = client.get("/arbetslista/").wsgi_request.user
    assert type(user) is type(handlaggare) and user.pk == handlaggare.pk
    assert user.is_verified() and user.otp_device == enhet
    anonym = client.__class__().get("/login/").wsgi_request.user
    assert type(anonym) is AnonymousUser


@pytest.mark.django_db
def test_the_next_address_cannot_lead_off_site(client, tvasteg, handlaggare):
    enhet = TOTPDevice.objects.create(user=handlaggare, name="app", confirmed=True)
    logga_in(client, "agare")
    svar = client.post("/konto/tvasteg/", {"kod": kod(enhet), "next": "https://ond.example/"})
    assert svar["Location"] == "/arbetslista/"


def test_check_deploy_refuses_production_without_the_second_factor(settings):
    from bistand.checks import tvasteg_i_drift

    settings.DEBUG = False
    settings.PERSONAL_TVASTEG = False
    assert [e.id for e in tvasteg_i_drift(None)] == ["bistand.E001"]
    settings.PERSONAL_TVASTEG = True
    assert tvasteg_i_drift(None) == []


@pytest.mark.django_db
def test_with_the_second_factor_off_a_banner_says_so(client, handlaggare):
    client.force_login(handlaggare)
    assert "Tvåstegsinloggning är avstängd" in client.get("/").content.decode()


@pytest.mark.django_db
def test_with_the_second_factor_on_there_is_no_banner(client, tvasteg, handlaggare):
    enhet = TOTPDevice.objects.create(user=handlaggare, name="app", confirmed=True)
    logga_in(client, "agare")
    client.post("/konto/tvasteg/", {"kod": kod(enhet)})
    assert "Tvåstegsinloggning är avstängd" not in client.get("/").content.decode()


# ---- benchsession ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_benchsession_is_refused_without_benchmark(handlaggare, monkeypatch):
    monkeypatch.delenv("BENCHMARK", raising=False)
    with pytest.raises(CommandError, match="BENCHMARK=1"):
        call_command("benchsession", "agare")


@pytest.mark.django_db
def test_benchsession_prints_a_verified_session_key(client, tvasteg, handlaggare, monkeypatch):
    monkeypatch.setenv("BENCHMARK", "1")
    ut = io.StringIO()
    call_command("benchsession", "agare", stdout=ut)
    nyckel = ut.getvalue().strip()
    client.cookies["sessionid"] = nyckel
    assert client.get("/arbetslista/").status_code == 200
    assert os.environ["BENCHMARK"] == "1"


# ---- password rules and change ---------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("losenord", "godkant"),
    [
        ("Sommar2026", False),  # under 12 characters
        ("password1234", False),  # on the common-password list
        ("123456789012", False),  # only digits
        ("tre gröna kaniner hoppar", True),
    ],
)
def test_password_rules(handlaggare, losenord, godkant):
    if godkant:
        validate_password(losenord, handlaggare)
    else:
        with pytest.raises(ValidationError):
            validate_password(losenord, handlaggare)


@pytest.mark.django_db
def test_a_staff_user_changes_her_own_password_under_the_rules(client, handlaggare, caplog):
    caplog.set_level(logging.INFO, logger="bistand.sakerhet")
    client.force_login(handlaggare)
    assert "Byt lösenord" in client.get("/").content.decode()
    kort = client.post(
        "/konto/losenord/",
        {"old_password": LOSENORD, "new_password1": "Sommar2026", "new_password2": "Sommar2026"},
    )
    assert kort.status_code == 200
    assert "minst 12 tecken" in kort.content.decode()
    nytt = "tre gröna kaniner hoppar"
    svar = client.post(
        "/konto/losenord/",
        {"old_password": LOSENORD, "new_password1": nytt, "new_password2": nytt},
    )
    assert svar.status_code == 302
    handlaggare.refresh_from_db()
    assert handlaggare.check_password(nytt)
    assert any("losenord_bytt" in r.getMessage() for r in caplog.records)


# ---- idle timeout ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_idle_staff_session_is_logged_out(client, handlaggare, akt, settings, caplog):
    caplog.set_level(logging.INFO, logger="bistand.sakerhet")
    client.force_login(handlaggare)
    assert client.get(f"/akter/{akt.pk}/").status_code == 200
    session = client.session
    session[SENAST] = int(time.time()) - settings.PERSONAL_SESSION_TIMEOUT - 5
    session.save()
    svar = client.get(f"/akter/{akt.pk}/")
    assert svar.status_code == 302 and svar["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session
    assert any("utloggad_inaktiv" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_activity_keeps_the_session_and_the_page_warns_before(client, handlaggare, settings):
    client.force_login(handlaggare)
    session = client.session
    session[SENAST] = int(time.time()) - settings.PERSONAL_SESSION_TIMEOUT + 30
    session.save()
    assert client.post("/konto/aktiv/").json()["ok"] is True
    assert client.session[SENAST] >= int(time.time()) - 2
    html = client.get("/").content.decode()
    assert f'data-session-sekunder="{settings.PERSONAL_SESSION_TIMEOUT}"' in html
    assert 'id="session-varning"' in html and "personal-session.js" in html
