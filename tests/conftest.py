"""Shared fixtures: personas (docs/arkitektur.md: Kodstil, Tests), services availability, and the
browser harness.

Personas: the handläggare who owns the case, a colleague in the same Enhet, an outsider from
another Enhet, Kontaktcenter, Kvalitet and the Administratör. Case fixtures are built through
the real services so they cannot drift from the rules.
"""

from __future__ import annotations

import datetime
import os
import random
import shutil
import socket
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from guardian.shortcuts import assign_perm

# Playwright's sync API runs an event loop in the test thread; pytest-django must allow ORM use.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
LOSENORD = "test-losenord-1"


def krav_tjanst(namn: str, tillganglig: bool) -> None:
    """Skip a test whose service is missing, with the reason; with REQUIRE_SERVICES=1 (CI) the
    same absence is a failure (docs/arkitektur.md: Appar)."""
    if tillganglig:
        return
    meddelande = f"{namn} finns inte på den här maskinen"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{meddelande}, men REQUIRE_SERVICES=1 kräver den.")
    pytest.skip(meddelande)


def port_svarar(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _tom_cache():
    """Each test starts with an empty cache: the database's ids repeat between tests on SQLite,
    and figures kept for a minute (the dashboard's) must not come from another test's data."""
    from django.core.cache import cache

    from bistand import grunddataversion, sidminne

    cache.clear()
    # What is kept in the process: ids, states and grunddata numbers repeat between tests.
    sidminne.glom_allt()
    grunddataversion.glom_allt()


# ---- persons and organisation ----------------------------------------------------------------


class Personnummer:
    """Valid personnummer made at test time (birth serial 980–999), never committed."""

    def __init__(self) -> None:
        from bistand.demo import DemoPersonnummer

        self._gen = DemoPersonnummer(random.Random(4711))
        self._antal = 0

    def __call__(self, fodd: datetime.date | None = None, *, kvinna: bool = False) -> str:
        self._antal += 1
        fodd = fodd or datetime.date(1985, 5, 17) + datetime.timedelta(days=self._antal)
        return self._gen.nytt(fodd, kvinna=kvinna)


@pytest.fixture
def nytt_personnummer(db) -> Personnummer:
    return Personnummer()


@pytest.fixture
def namnd(db):
    from bistand.models import Namnd

    return Namnd.objects.create(namn="Socialnämnden", kommun="Testkommun", telefon="0123-456")


@pytest.fixture
def enhet(namnd):
    from bistand.models import Enhet

    return Enhet.objects.create(namnd=namnd, namn="Enhet Norr", kod="norr")


@pytest.fixture
def annan_enhet(namnd):
    from bistand.models import Enhet

    return Enhet.objects.create(namnd=namnd, namn="Enhet Söder", kod="soder")


@pytest.fixture
def skapa_anvandare(namnd):
    from bistand.models import User

    def skapa(username: str, roll: str, enhet=None, **extra):
        user = User.objects.create_user(
            username=username,
            password=LOSENORD,
            namnd=namnd,
            enhet=enhet,
            first_name=username.capitalize(),
            **extra,
        )
        user.groups.add(Group.objects.get(name=roll))
        return user

    return skapa


@pytest.fixture
def handlaggare(skapa_anvandare, enhet):
    return skapa_anvandare("agare", "Handläggare", enhet)


@pytest.fixture
def kollega(skapa_anvandare, enhet):
    return skapa_anvandare("kollega", "Handläggare", enhet)


@pytest.fixture
def utomstaende(skapa_anvandare, annan_enhet):
    return skapa_anvandare("utomstaende", "Handläggare", annan_enhet)


@pytest.fixture
def enhetschef(skapa_anvandare, enhet):
    return skapa_anvandare("chefen", "Enhetschef", enhet)


@pytest.fixture
def kontaktcenter(skapa_anvandare):
    return skapa_anvandare("kontakt", "Kontaktcenter")


@pytest.fixture
def kvalitet(skapa_anvandare):
    return skapa_anvandare("kvalitet", "Kvalitet")


@pytest.fixture
def administrator(skapa_anvandare):
    return skapa_anvandare("admin", "Administratör", is_staff=True)


@pytest.fixture
def skapa_akt(nytt_personnummer):
    from bistand import services

    def skapa(enhet, handlaggare=None, *, skydd: str = "inget", barn: int = 0):
        sokande = services.person_registrera(
            identitet=nytt_personnummer(), fornamn="Sara", efternamn="Sökande", skydd=skydd
        )
        akt = services.akt_skapa(
            enhet=enhet, sokande=sokande, fran=datetime.date(2026, 1, 1), handlaggare=handlaggare
        )
        for i in range(barn):
            b = services.person_registrera(
                identitet=nytt_personnummer(datetime.date(2016, 3, 1 + i)),
                fornamn=f"Barn{i}",
                efternamn="Sökande",
            )
            services.hushall_medlem_lagg_till(
                hushall=akt.hushall, person=b, roll="barn", fran=datetime.date(2026, 1, 1)
            )
        return akt

    return skapa


@pytest.fixture
def akt(skapa_akt, enhet, handlaggare):
    return skapa_akt(enhet, handlaggare)


@pytest.fixture
def skyddad_akt(skapa_akt, enhet, handlaggare):
    akt = skapa_akt(enhet, handlaggare, skydd="skyddad_folkbokforing")
    assign_perm("bistand.visa_skyddad_akt", handlaggare, akt)
    return akt


# ---- the test nämnd's own settings ------------------------------------------------------------


def _exempelkommunens_installningar(sender, **kwargs) -> None:
    """The nämnd of the tests decides under Exempelkommun's delegationsordning and uses its
    checklists of controls (and, in a year whose riksnorm is not entered yet, the demo's
    example riksnorm).

    Neither is national data: a real database gets none from `migrate` (the nämnd enters its
    own), so the test database, made by `migrate`, gets the demo's example right after it, and
    the serialized copy that transactional tests restore includes it.
    """
    if sender.name != "utredning" or kwargs.get("using", "default") != "default":
        return
    from django.utils import timezone

    from beslut.demo import delegation_exempel_sakerstall
    from utredning.demo import kontroller_exempel_sakerstall, riksnorm_exempel_sakerstall

    delegation_exempel_sakerstall()
    kontroller_exempel_sakerstall()
    # After New Year and before the government's figures are entered, the tests calculate with
    # the demo's example for the year, as a demo database does.
    riksnorm_exempel_sakerstall(timezone.localdate())


def pytest_configure(config):
    from django.db.models.signals import post_migrate

    post_migrate.connect(_exempelkommunens_installningar, dispatch_uid="tests_exempelkommun")
    _flytta_klockan()


def _flytta_klockan() -> None:
    """With TEST_KLOCKA=YYYY-MM-DD the whole run starts on that day (the clock still ticks):
    a test that holds today but not next month shows itself before the calendar gets there
    (docs/arkitektur.md: Tests independent of the environment). Tests that travel themselves
    still travel from it."""
    dag = os.environ.get("TEST_KLOCKA")
    if not dag:
        return
    import time_machine

    start = datetime.datetime.fromisoformat(dag).replace(hour=10, tzinfo=datetime.UTC)
    time_machine.travel(start, tick=True).start()


# ---- transactional tests ---------------------------------------------------------------------


def _transaktionell(item) -> tuple[bool, bool]:
    """(runs in a real transaction, restores the migrated data first) for one test item."""
    namn = getattr(item, "fixturenames", ())
    markor = item.get_closest_marker("django_db")
    varden = markor.kwargs if markor else {}
    transaktion = bool(varden.get("transaction")) or {"transactional_db", "live_server"} & set(namn)
    aterstall = bool(varden.get("serialized_rollback")) or "django_db_serialized_rollback" in namn
    return bool(transaktion), aterstall


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the migrated data (`serialized_rollback`).

    A transactional test ends with a flush. Without serialized rollback the flush reloads the
    national reference data but not the roles, and a later test that restores the serialized
    data then collides with the reloaded rows; the outcome depended on test order. Refusing
    such a test at collection keeps the suite order-independent.
    """
    saknas = [i.nodeid for i in items if _transaktionell(i) == (True, False)]
    if saknas:
        raise pytest.UsageError(
            "Transactional tests must use serialized_rollback=True (tests/conftest.py): "
            + ", ".join(saknas)
        )


# ---- browser harness -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Make the serialized database contents visible to every connection object.

    Playwright's sync API runs an event loop in the test thread, and Django's connection
    handler keeps one connection object per async context; the copy of the migrated data that
    `serialized_rollback` restores lives on the first object only. Without this, a browser test
    after a flush starts on an empty database (no riksnorm, no roles).
    """
    from django.db import connections

    for alias in connections:
        forbindelse = connections[alias]
        innehall = getattr(forbindelse, "_test_serialized_contents", None)
        if innehall is not None:
            type(forbindelse)._test_serialized_contents = innehall
    return django_db_setup


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser, with the flags it needs as root here."""
    krav_tjanst(
        "Chromium (/usr/bin/chromium)", Path(CHROMIUM).exists() or bool(shutil.which("chromium"))
    )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def axe():
    """Run axe-core on the page and fail with its report if there is any violation."""
    from axe_playwright_python.sync_playwright import Axe

    motor = Axe()

    def kontrollera(page) -> None:
        resultat = motor.run(page)
        assert resultat.violations_count == 0, (
            f"axe: {resultat.violations_count} brister på {page.url}\n{resultat.generate_report()}"
        )

    return kontrollera


@pytest.fixture
def logga_in(live_server):
    """Log a staff user in through the real login form."""

    def logga_in(page, username: str, losenord: str = LOSENORD) -> None:
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(losenord)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state("domcontentloaded")

    return logga_in
