"""Reference data in one home: one idempotent loader for national data, run by `migrate` (and
`flush`), that inserts what is missing and never overwrites an administrator's change; the
municipality's own settings come with `seed_demo`."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from ansokan.models import Posttyp
from bistand.grunddata import nationell_grunddata_ladda
from bistand.models import Handelsetyp, Lagrum, Parameter
from utredning.models import BerakningKoppling, Riksnorm, RiksnormBelopp

ROT = Path(__file__).resolve().parent.parent


def _nationellt() -> dict[str, set]:
    # The test nämnd's example riksnorm for a year not yet entered is demo data, not national
    # (utredning.demo.riksnorm_exempel_sakerstall).
    riksnormer = Riksnorm.objects.exclude(benamning__endswith="(exempel)")
    return {
        "riksnorm": set(riksnormer.values_list("giltig_fran", "benamning", "kalla")),
        "belopp": set(
            RiksnormBelopp.objects.filter(riksnorm__in=riksnormer).values_list(
                "riksnorm__giltig_fran", "post", "belopp", "kalla", "verifierad"
            )
        ),
        "parameter": set(
            Parameter.objects.values_list("kod", "giltig_fran", "varde", "kalla", "verifierad")
        ),
        "lagrum": set(Lagrum.objects.values_list("kod", "giltig_fran", "text", "verifierad")),
        "posttyp": set(Posttyp.objects.values_list("kod", "namn")),
        "koppling": set(BerakningKoppling.objects.values_list("berakningsdel", "posttyp__kod")),
        "roller": set(Group.objects.values_list("name", flat=True)),
        "handelsetyper": set(Handelsetyp.objects.values_list("kod", "namn")),
    }


@pytest.mark.django_db
def test_the_loader_rebuilds_exactly_the_national_data_the_migrations_made():
    fore = _nationellt()
    assert all(fore.values()), fore
    RiksnormBelopp.objects.all().delete()
    Riksnorm.objects.all().delete()
    Parameter.objects.all().delete()
    Lagrum.objects.all().delete()
    BerakningKoppling.objects.all().delete()
    nationell_grunddata_ladda()
    efter = _nationellt()
    # No parameter lives in a migration only: a fresh migrate makes exactly what the loader
    # brings back after a flush.
    assert fore["parameter"] - efter["parameter"] == set()
    assert efter["parameter"] - fore["parameter"] == set()
    assert efter == fore
    assert Parameter.objects.filter(kod="prisbasbelopp").count() >= 6


@pytest.mark.django_db
def test_the_parameters_apps_added_in_their_own_migrations_come_back_after_they_are_deleted():
    koder = [
        "forsening-paminnelse-arbetsdagar",
        "avgorande-efter-manader",
        "avgorande-inom-veckor",
        "bilagor-max-per-ansokan",
        "utbetalning-stickprov-procent",
        "utbetalning-stickprov-fro",
        "avsteg-max-manader",
        "delgivning-presumerad-dagar",
    ]
    fore = set(Parameter.objects.filter(kod__in=koder).values_list("kod", "giltig_fran", "varde"))
    assert {k for k, _, _ in fore} == set(koder)
    Parameter.objects.filter(kod__in=koder).delete()
    nationell_grunddata_ladda()
    efter = set(Parameter.objects.filter(kod__in=koder).values_list("kod", "giltig_fran", "varde"))
    assert efter == fore


@pytest.mark.django_db
def test_the_loader_adds_what_is_missing_and_keeps_what_an_administrator_changed():
    norm = RiksnormBelopp.objects.get(riksnorm__giltig_fran__year=2026, post="ensamstaende")
    RiksnormBelopp.objects.filter(pk=norm.pk).update(belopp=4000, kalla="Ändrat av admin")
    Lagrum.objects.filter(kod="fl-partsinsyn").update(text="Admin: 10 § FL")
    RiksnormBelopp.objects.filter(riksnorm__giltig_fran__year=2026, post="sambor").delete()
    Parameter.objects.filter(kod="prisbasbelopp", giltig_fran__year=2026).delete()
    nationell_grunddata_ladda()
    nationell_grunddata_ladda()
    norm.refresh_from_db()
    assert (norm.belopp, norm.kalla) == (4000, "Ändrat av admin")
    assert set(Lagrum.objects.filter(kod="fl-partsinsyn").values_list("text", flat=True)) == {
        "Admin: 10 § FL"
    }
    assert RiksnormBelopp.objects.filter(riksnorm__giltig_fran__year=2026, post="sambor").exists()
    assert Parameter.objects.filter(kod="prisbasbelopp", giltig_fran__year=2026).count() == 1


KONTROLL_EFTER_FLUSH = """
import json
from django.contrib.auth.models import Group
from beslut.models import Delegation
from bistand.models import Lagrum
from utredning.models import KontrollMall, Riksnorm
print(json.dumps({
    "riksnorm_2026": Riksnorm.objects.filter(giltig_fran__year=2026).exists(),
    "lagrum": Lagrum.objects.filter(kod="sol-ratt-till-bistand").exists(),
    "roll": Group.objects.filter(name="Handläggare").exists(),
    "delegation": Delegation.objects.exists(),
    "kontrollmall": KontrollMall.objects.exists(),
}))
"""


@contextlib.contextmanager
def _egen_databas(tmp_path):
    """A database of the test's own, so that migrate and flush run on it as an operator would,
    without touching the test database the rest of the suite shares (on PostgreSQL a flush
    restarts the sequences of the shared database)."""
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'grunddata.sqlite3'}"
        return
    import psycopg

    namn = f"bistand_grunddata_{os.getpid()}"
    vard = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    anvandare = settings["USER"] or "postgres"
    bas = f"postgresql://{anvandare}@{vard}:{port}"
    with psycopg.connect(f"{bas}/postgres", autocommit=True) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{namn}"')
        pg.execute(f'CREATE DATABASE "{namn}"')
    try:
        yield f"postgres://{anvandare}@{vard}:{port}/{namn}"
    finally:
        with psycopg.connect(f"{bas}/postgres", autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{namn}" WITH (FORCE)')


def test_migrate_then_flush_then_seed_demo_works_and_the_municipal_settings_come_with_the_demo(
    tmp_path,
):
    with _egen_databas(tmp_path) as url:
        miljo = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))},
            "DJANGO_SETTINGS_MODULE": "bistand.settings_test",
            "DATABASE_URL": url,
        }

        def manage(*argv: str) -> str:
            svar = subprocess.run(
                [sys.executable, "manage.py", *argv],
                cwd=ROT,
                env=miljo,
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert svar.returncode == 0, svar.stdout[-2000:] + svar.stderr[-3000:]
            return svar.stdout

        manage("migrate", "--noinput", "-v", "0")
        efter_migrate = json.loads(manage("shell", "-c", KONTROLL_EFTER_FLUSH).splitlines()[-1])
        manage("flush", "--noinput", "-v", "0")
        efter_flush = json.loads(manage("shell", "-c", KONTROLL_EFTER_FLUSH).splitlines()[-1])
        # A fresh database gets the national data and none of Exempelkommun's own settings.
        assert (
            efter_migrate
            == efter_flush
            == {
                "riksnorm_2026": True,
                "lagrum": True,
                "roll": True,
                "delegation": False,  # the nämnd's own, not forced by the loader
                "kontrollmall": False,
            }
        )
        assert "Demodata klar." in manage("seed_demo", "--force")
        efter_demo = json.loads(manage("shell", "-c", KONTROLL_EFTER_FLUSH).splitlines()[-1])
        assert (efter_demo["delegation"], efter_demo["kontrollmall"]) == (True, True)
