"""Two decisions for the same löpande post and month at the same moment: the partial unique
constraint lets exactly one stand (PostgreSQL; docs/regler.md, Beslut och beslutsbrev)."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from beslut import selectors, services
from beslut.models import Beslut, Beslutsmanad
from tests.beslut.conftest import post_beslut
from tests.conftest import krav_tjanst

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_concurrent_decisions_for_the_same_month_leave_one_standing(
    skapa_utredd, akt, handlaggare, monkeypatch
):
    krav_tjanst("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")
    forsta = skapa_utredd(akt, handlaggare)
    andra = skapa_utredd(akt, handlaggare, {"forsorjningsstod": ("2000", "bifall", "2000")})
    # Both read "no standing decision" before either writes: the race the constraint is for.
    bada_har_last = threading.Barrier(2, timeout=20)
    riktig = selectors.staende_beslut

    def las_och_vanta(*args, **kwargs):
        svar = riktig(*args, **kwargs)
        bada_har_last.wait()
        return svar

    monkeypatch.setattr(selectors, "staende_beslut", las_och_vanta)
    utfall: dict[str, str] = {}

    def besluta(namn, ansokan, belopp):
        try:
            services.beslut_fatta(
                ansokan=ansokan,
                av=handlaggare,
                poster=[post_beslut(ansokan, belopp=Decimal(belopp))],
            )
            utfall[namn] = "fattat"
        except ValidationError as fel:
            utfall[namn] = " ".join(fel.messages)
        finally:
            connections.close_all()

    tradar = [
        threading.Thread(target=besluta, args=("forsta", forsta, "9000")),
        threading.Thread(target=besluta, args=("andra", andra, "2000")),
    ]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join(30)
    assert sorted(utfall.values(), key=len)[0] == "fattat"
    nekat = [v for v in utfall.values() if v != "fattat"]
    assert len(nekat) == 1 and "fick just ett beslut" in nekat[0]
    assert Beslut.objects.count() == 1
    assert Beslutsmanad.objects.filter(star_fast=True).count() == 1
