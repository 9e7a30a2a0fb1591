"""The applicant's answer to a komplettering is a single-shot form: it carries a key made when
the page is shown, and the same form sent twice — one after the other, or at the same moment on
two database connections (PostgreSQL) — makes one answer with one set of files
(docs/regler.md: Ett inskick blir ett; Komplettering)."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from ansokan.models import Bilaga, Komplettering
from bistand.models import Handelse, Inskick
from tests.ansokan.conftest import fil, logga_in_sokande
from tests.conftest import krav_tjanst

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sokandens_klient(sokande) -> Client:
    c = Client()
    logga_in_sokande(c, sokande)
    return c


def _nyckel(c: Client, begard) -> str:
    html = c.get(f"/e-tjanst/komplettering/{begard.pk}/").content.decode()
    return re.search(r'name="inskick" value="([0-9a-f-]{36})"', html).group(1)


def _svara(c: Client, begard, nyckel: str, text: str = "Här är kontoutdraget"):
    return c.post(
        f"/e-tjanst/komplettering/{begard.pk}/",
        {"text": text, "kategori": "kontoutdrag", "fil": fil(), "inskick": nyckel},
    )


def _ett_svar(begard) -> None:
    k = Komplettering.objects.get(pk=begard.pk)
    assert k.besvarad is not None and k.svar == "Här är kontoutdraget"
    assert Bilaga.objects.filter(komplettering=k).count() == 1
    handelser = Handelse.objects.filter(typ="ansokan.komplettering_inkommen", objekt_id=k.pk)
    assert handelser.count() == 1
    assert Inskick.objects.filter(typ="komplettering_svar", objekt_id=k.pk).count() == 1


def test_an_answer_sent_twice_makes_one_answer(sokande, begard):
    c = _sokandens_klient(sokande)
    nyckel = _nyckel(c, begard)
    assert _svara(c, begard, nyckel).status_code == 302
    assert _svara(c, begard, nyckel, text="Ett andra klick").status_code == 302
    _ett_svar(begard)


def test_an_answer_sent_twice_at_the_same_moment_makes_one_answer(sokande, begard):
    krav_tjanst("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    klienter = [_sokandens_klient(sokande) for _ in range(2)]
    nyckel = _nyckel(klienter[0], begard)
    start = threading.Barrier(len(klienter), timeout=20)
    svar: list = [None] * len(klienter)

    def skicka(i: int) -> None:
        try:
            start.wait()
            svar[i] = _svara(klienter[i], begard, nyckel)
        except Exception as fel:  # noqa: BLE001 - the assertion below names it
            svar[i] = fel
        finally:
            connections.close_all()

    tradar = [threading.Thread(target=skicka, args=(i,)) for i in range(len(klienter))]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join(60)
    assert [getattr(s, "status_code", s) for s in svar] == [302, 302]
    _ett_svar(begard)
