"""Staff intake sent several times at the same moment on several database connections
(PostgreSQL) makes one ansökan: the requests that lose the race get the first's ansökan, not a
500 from the unique key (docs/regler.md: Ett inskick blir ett)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection, connections
from django.utils import timezone

from ansokan import services
from ansokan.models import Ansokan
from bistand import services as kart
from bistand.models import Akt
from tests.conftest import krav_tjanst

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _postgresql():
    krav_tjanst("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")


@pytest.fixture
def person(nytt_personnummer):
    return kart.person_registrera(
        identitet=nytt_personnummer(dt.date(1985, 4, 2)), fornamn="Sara", efternamn="Ny"
    )


def _samtidigt(f, antal: int) -> list:
    """Run `f` in threads that start together; each result or the exception it raised."""
    start = threading.Barrier(antal, timeout=20)
    utfall: list = [None] * antal

    def kor(i):
        try:
            start.wait()
            utfall[i] = f()
        except Exception as fel:  # noqa: BLE001 - the test asserts there was none
            utfall[i] = fel
        finally:
            connections.close_all()

    tradar = [threading.Thread(target=kor, args=(i,)) for i in range(antal)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join(60)
    return utfall


def test_one_intake_form_sent_four_times_at_once_registers_one_ansokan(person, handlaggare):
    nyckel = uuid.uuid4()

    def registrera():
        return services.ansokan_registrera(
            sokande=person,
            av=handlaggare,
            typ="nyansokan",
            kanal="papper",
            mottagen=timezone.localdate(),
            inskick_nyckel=nyckel,
        )

    utfall = _samtidigt(registrera, 4)
    assert all(isinstance(u, tuple) for u in utfall), utfall
    assert len({a.pk for a, _ny in utfall}) == 1
    assert sorted(ny for _a, ny in utfall) == [False, False, False, True]
    assert Ansokan.objects.filter(inskick_nyckel=nyckel).count() == 1
    assert Akt.objects.count() == 1
