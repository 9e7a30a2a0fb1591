"""The test suite does not depend on the developer's environment: a production-like `.env` or
exported variables (a broker, a Redis cache, SMTP e-mail, a production SECRET_KEY) change
nothing in the test settings, and tests that send e-mail and run tasks still pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROT = Path(__file__).resolve().parent.parent

PRODUKTION = {
    "CELERY_BROKER_URL": "redis://127.0.0.1:1/0",
    "CACHE_URL": "rediscache://127.0.0.1:1/0",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.kommun.example",
    "SECRET_KEY": "produktion-" + "k" * 50,
    "DEBUG": "1",
    "ETJANST_TESTLEGITIMATION": "1",
    "ALLOWED_HOSTS": "bistand.kommun.example",
    "SMS_BACKEND": "ansokan.sms.ConsoleSmsBackend",
    "KOMMUN_NAMN": "Produktionskommun",
}

LAS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "broker": s.CELERY_BROKER_URL, "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "cache": s.CACHES["default"]["BACKEND"], "epost": s.EMAIL_BACKEND,
    "nyckel": s.SECRET_KEY, "debug": s.DEBUG, "testlegitimation": s.ETJANST_TESTLEGITIMATION,
    "sms": s.SMS_BACKEND, "kommun": s.KOMMUN_NAMN,
}))
"""


def _miljo(**extra: str) -> dict[str, str]:
    miljo = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUKTION and not k.startswith(("PYTEST", "DJANGO"))
    }
    miljo.pop("BISTAND_ENV_FIL", None)
    miljo.update(extra)
    return miljo


def _installningar(modul: str, miljo: dict[str, str]) -> dict:
    svar = subprocess.run(
        [sys.executable, "-c", LAS],
        cwd=ROT,
        env={**miljo, "DJANGO_SETTINGS_MODULE": modul},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(svar.stdout.strip().splitlines()[-1])


def _ar_testinstallningar(s: dict) -> None:
    assert s == {
        "broker": "",
        "eager": True,
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "epost": "django.core.mail.backends.locmem.EmailBackend",
        "nyckel": "test-only-secret-key-" + "x" * 40,
        "debug": False,
        "testlegitimation": False,
        "sms": "ansokan.sms.AvstangdSmsBackend",
        "kommun": "Exempelkommun",
    }


def test_a_production_like_env_file_is_read_by_production_settings_and_ignored_by_tests(
    tmp_path,
):
    env_fil = tmp_path / ".env"
    env_fil.write_text("".join(f"{k}={v}\n" for k, v in PRODUKTION.items()))
    produktion = _installningar("bistand.settings", _miljo(BISTAND_ENV_FIL=str(env_fil)))
    assert (produktion["broker"], produktion["eager"], produktion["kommun"]) == (
        PRODUKTION["CELERY_BROKER_URL"],
        False,
        "Produktionskommun",
    )
    _ar_testinstallningar(
        _installningar("bistand.settings_test", _miljo(BISTAND_ENV_FIL=str(env_fil)))
    )


def test_production_like_variables_in_the_environment_are_ignored_by_the_test_settings():
    _ar_testinstallningar(_installningar("bistand.settings_test", _miljo(**PRODUKTION)))


def _egen_databas(miljo: dict[str, str]) -> dict[str, str]:
    """The inner run gets a database name of its own: on PostgreSQL, the outer run's test
    database is in use, and the inner run would otherwise try to drop it."""
    url = miljo.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        delar = urlsplit(url)
        miljo["DATABASE_URL"] = urlunsplit(delar._replace(path=delar.path + "_miljotest"))
    return miljo


def test_tests_that_send_e_mail_and_run_tasks_pass_with_production_like_variables():
    svar = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/beslut/test_beslut_fatta.py::test_a_bifall_within_delegation_decides_the_ansokan",
            "tests/test_bevakning_skanning.py::"
            "test_an_overdue_bevakning_notifies_the_owner_and_the_enhetschef_once",
        ],
        cwd=ROT,
        env=_egen_databas(_miljo(**PRODUKTION)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert svar.returncode == 0, svar.stdout[-3000:] + svar.stderr[-2000:]
    assert "2 passed" in svar.stdout
