"""The worklist's order and search, and moving a handläggare's ärenden at once
(docs/regler.md: Utredning)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from beslut import services as beslut_services
from bistand import services as bistand_services
from bistand.models import Bevakning, Handelse
from tests.beslut.conftest import post_beslut
from utredning import services as utredning_services
from utredning.models import Kommunicering

pytestmark = pytest.mark.django_db

IDAG = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _tid():
    with time_machine.travel(IDAG, tick=False):
        yield


def _rader(client, **params):
    return [a.pk for a in client.get("/arbetslista/", params).context["rader"]]


def test_nearest_deadline_comes_first_and_none_last(
    client, handlaggare, skapa_akt, enhet, registrera
):
    utan = registrera(skapa_akt(enhet, handlaggare), mottagen=dt.date(2026, 11, 2))
    sen = registrera(skapa_akt(enhet, handlaggare), mottagen=dt.date(2026, 11, 3))
    snar = registrera(skapa_akt(enhet, handlaggare), mottagen=dt.date(2026, 11, 4))
    Bevakning.objects.filter(akt__in=[utan.akt, sen.akt, snar.akt]).delete()
    for ansokan, dag in ((sen, dt.date(2026, 12, 10)), (snar, dt.date(2026, 11, 25))):
        bistand_services.bevakning_skapa(
            typ="paminnelse", akt=ansokan.akt, forfaller=dag, beskrivning="Följ upp"
        )
    client.force_login(handlaggare)
    assert _rader(client) == [snar.pk, sen.pk, utan.pk]


def _referenser_i_ordning(html: str, *ansokningar) -> list[str]:
    return sorted((a.referens for a in ansokningar), key=html.index)


def test_todays_akut_first_then_new_appeals_and_unread_answers_then_by_deadline(
    client, handlaggare, skapa_akt, enhet, registrera, django_capture_on_commit_callbacks
):
    utan_frist = registrera(skapa_akt(enhet, handlaggare), mottagen=dt.date(2026, 11, 2))
    med_frist = registrera(skapa_akt(enhet, handlaggare), mottagen=dt.date(2026, 11, 3))
    besvarad = registrera(skapa_akt(enhet, handlaggare), mottagen=dt.date(2026, 11, 4))
    akut = registrera(skapa_akt(enhet, handlaggare), typ="akut", mottagen=dt.date(2026, 11, 20))
    overklagad = registrera(skapa_akt(enhet, handlaggare), poster=("forsorjningsstod",))
    oppna = [utan_frist, med_frist, besvarad, akut]
    Bevakning.objects.filter(akt__in=[a.akt for a in oppna]).delete()
    bistand_services.bevakning_skapa(
        typ="paminnelse", akt=med_frist.akt, forfaller=dt.date(2026, 11, 23), beskrivning="Följ upp"
    )
    bistand_services.bevakning_skapa(
        typ="paminnelse", akt=besvarad.akt, forfaller=dt.date(2026, 12, 20), beskrivning="Följ upp"
    )
    Kommunicering.objects.create(
        utredning=utredning_services.utredning_starta(ansokan=besvarad, av=handlaggare),
        vad="Uppgift från hyresvärden.",
        skickad=dt.date(2026, 11, 10),
        svara_senast=dt.date(2026, 11, 24),
        skickad_av=handlaggare,
        besvarad=dt.date(2026, 11, 19),
        svar="Hyran stämmer inte.",
    )
    utredning = utredning_services.utredning_starta(ansokan=overklagad, av=handlaggare)
    utredning_services.forslag_spara(
        utredning=utredning,
        post=overklagad.poster.get(),
        utfall="delvis_bifall",
        av=handlaggare,
        belopp=Decimal("6000"),
        motivering="Utkast till motivering.",
    )
    overklagad.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        brev = beslut_services.beslut_fatta(
            ansokan=overklagad,
            av=handlaggare,
            poster=[post_beslut(overklagad, utfall="delvis_bifall", belopp=Decimal("6000"))],
        )
    beslut_services.overklagande_registrera(
        beslut=brev.beslut.get(),
        text="Jag behöver hela beloppet.",
        inkommen=dt.date(2026, 11, 20),
        av=handlaggare,
    )
    client.force_login(handlaggare)
    # The paged SQL rows alone: akut, then the unread answer, then by deadline (none last).
    assert _rader(client) == [akut.pk, besvarad.pk, med_frist.pk, utan_frist.pk]
    html = client.get("/arbetslista/").content.decode()
    html = html[html.index("<tbody>") :]
    assert _referenser_i_ordning(html, *oppna, overklagad) == [
        a.referens for a in (akut, overklagad, besvarad, med_frist, utan_frist)
    ]


def test_search_by_name_personnummer_or_referens(
    client, handlaggare, skapa_akt, enhet, registrera, nytt_personnummer
):
    sara = registrera(skapa_akt(enhet, handlaggare))
    annan_akt = skapa_akt(enhet, handlaggare)
    person = annan_akt.hushall.medlemmar.get(roll="sokande").person
    person.fornamn, person.efternamn = "Östen", "Ekman"
    person.save()
    osten = registrera(annan_akt)
    client.force_login(handlaggare)
    assert _rader(client, sok="Ekman") == [osten.pk]
    assert _rader(client, sok="Östen Ekman") == [osten.pk]
    nummer = person.identitet
    assert _rader(client, sok=f"{nummer[2:8]}-{nummer[8:]}") == [osten.pk]
    assert _rader(client, sok=sara.referens) == [sara.pk]
    assert _rader(client, sok="Ingen sådan") == []
    html = client.get("/arbetslista/", {"sok": "Ekman"}).content.decode()
    assert 'value="Ekman"' in html


def test_the_enhetschef_moves_every_open_arende_of_a_handlaggare_with_events(
    client, handlaggare, kollega, enhetschef, skapa_akt, enhet, registrera
):
    forsta = registrera(skapa_akt(enhet, handlaggare))
    andra = registrera(skapa_akt(enhet, handlaggare))
    kvar = registrera(skapa_akt(enhet, kollega), av=kollega)
    client.force_login(enhetschef)
    html = client.get("/arbetslista/?visa=alla").content.decode()
    assert "Flytta ärendena" in html
    svar = client.post("/arbetslista/omfordela/", {"fran": handlaggare.pk, "till": kollega.pk})
    assert svar.status_code == 302
    for a in (forsta, andra, kvar):
        a.akt.refresh_from_db()
        assert a.akt.handlaggare_id == kollega.pk
    assert Handelse.objects.filter(typ_id="akt.omfordelad").count() == 2


def test_a_handlaggare_cannot_move_arenden(client, handlaggare, kollega, akt, registrera):
    registrera(akt)
    client.force_login(handlaggare)
    assert "Flytta ärendena" not in client.get("/arbetslista/?visa=alla").content.decode()
    svar = client.post("/arbetslista/omfordela/", {"fran": handlaggare.pk, "till": kollega.pk})
    assert svar.status_code == 404
    akt.refresh_from_db()
    assert akt.handlaggare_id == handlaggare.pk
