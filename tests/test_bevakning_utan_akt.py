"""A deadline on something outside any Akt (a statistics delivery, an IVO matter): created,
scanned, notified and met like any other; seen by its owner and the owner's enhetschef only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from bistand import services
from bistand.bevakning_skanning import bevakningar_markera_overskridna
from bistand.models import Bevakning, Notis

pytestmark = pytest.mark.django_db

BESKRIVNING = "Månadsstatistiken ska lämnas till SCB"


def test_a_deadline_without_an_akt_or_owner_goes_to_every_enhetschef(
    client, namnd, handlaggare, enhetschef, skapa_anvandare, annan_enhet
):
    annan_chef = skapa_anvandare("annanchef", "Enhetschef", annan_enhet)
    b = services.bevakning_skapa(
        typ="paminnelse", akt=None, forfaller=dt.date(2026, 12, 10), objekt=namnd
    )
    for user, ser in [(handlaggare, False), (enhetschef, True), (annan_chef, True)]:
        client.force_login(user)
        assert (f'id="bevakning-{b.pk}"' in client.get("/notiser/").content.decode()) is ser
    assert bevakningar_markera_overskridna(dt.date(2026, 12, 11)) == 1
    assert set(Notis.objects.values_list("mottagare__username", flat=True)) == {
        "chefen",
        "annanchef",
    }


def test_a_deadline_without_an_akt_is_created_scanned_notified_and_met(
    client, namnd, handlaggare, kollega, enhetschef, utomstaende
):
    handlaggare.email = "agare@kommun.example"
    handlaggare.save()
    b = services.bevakning_skapa(
        typ="paminnelse",
        akt=None,
        forfaller=dt.date(2026, 12, 10),
        objekt=namnd,
        agare=handlaggare,
        beskrivning=BESKRIVNING,
    )
    igen = services.bevakning_skapa(
        typ="paminnelse",
        akt=None,
        forfaller=dt.date(2026, 12, 11),
        objekt=namnd,
        agare=handlaggare,
        beskrivning=BESKRIVNING,
    )
    assert igen.pk == b.pk and Bevakning.objects.count() == 1

    for user, ser in [
        (handlaggare, True),
        (enhetschef, True),
        (kollega, False),
        (utomstaende, False),
    ]:
        client.force_login(user)
        sida = client.get("/notiser/").content.decode()
        assert (f'id="bevakning-{b.pk}"' in sida and BESKRIVNING in sida) is ser, user

    assert bevakningar_markera_overskridna(dt.date(2026, 12, 11)) == 0
    assert bevakningar_markera_overskridna(dt.date(2026, 12, 12)) == 1
    assert bevakningar_markera_overskridna(dt.date(2026, 12, 13)) == 0
    b.refresh_from_db()
    assert b.status == "overskriden"
    assert set(Notis.objects.values_list("mottagare__username", flat=True)) == {"agare", "chefen"}
    notis = Notis.objects.get(mottagare=handlaggare)
    assert BESKRIVNING in notis.text and notis.lank == "/notiser/"
    assert len(mail.outbox) == 1 and BESKRIVNING in mail.outbox[0].body

    assert services.bevakning_uppfyll(typ="paminnelse", objekt=namnd) == 1
    b.refresh_from_db()
    assert b.status == "uppfylld"
    client.force_login(handlaggare)
    assert f'id="bevakning-{b.pk}"' not in client.get("/notiser/").content.decode()
