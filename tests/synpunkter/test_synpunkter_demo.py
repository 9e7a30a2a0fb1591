"""The demo has synpunkter in enhet 1 in every channel and state, one in enhet 2, an IVO
matter and a lex Sarah report, and a second run adds nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from synpunkter.models import Avvikelse, Kanal, Status, Synpunkt, Tillsynsarende

pytestmark = pytest.mark.django_db


def test_the_demo_covers_every_channel_and_state_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    enhet1 = Synpunkt.objects.filter(enhet__kod="enhet-1")
    assert enhet1.count() >= 3
    assert set(enhet1.values_list("kanal", flat=True)) == set(Kanal.values)
    assert set(enhet1.values_list("status", flat=True)) == set(Status.values)
    assert Synpunkt.objects.filter(enhet__kod="enhet-2").count() >= 1
    assert Tillsynsarende.objects.filter(myndighet="ivo").count() == 1
    sarah = Avvikelse.objects.exclude(typ="avvikelse").get()
    assert sarah.allvarligt and sarah.ivo_senast is not None
    # The demo applicant has an answer to read in Mina sidor.
    assert Synpunkt.objects.filter(
        person__identitet="199001012385", aterkopplingar__satt="etjanst"
    ).exists()
    antal = Synpunkt.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Synpunkt.objects.count() == antal
    settings.DEBUG = False
    assert "Lämna klagomål, beröm eller förslag" in client.get("/e-tjanst/").content.decode()
