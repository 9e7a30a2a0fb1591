"""Every kind of bevakning: registered by its app, met by its event, överskriden when passed
(docs/arkitektur.md: Periodiska jobb). Deadlines end on midsommarafton, julafton and nyårsafton."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from bistand.bevakning import TYPER
from bistand.bevakning_skanning import bevakningar_markera_overskridna
from bistand.models import Bevakning, Notis
from tests.beslut.conftest import post_beslut

pytestmark = pytest.mark.django_db

D = dt.date


def _dag(dag: dt.date):
    return time_machine.travel(
        dt.datetime(dag.year, dag.month, dag.day, 9, tzinfo=dt.UTC), tick=False
    )


def _forfaller_och_overskrids(typ: str, forfaller: dt.date) -> Bevakning:
    """The bevakning of `typ` is due on `forfaller`, stays active that day, is överskriden the
    day after (with a notice), and a second scan changes nothing."""
    b = Bevakning.objects.get(typ=typ, status="aktiv")
    assert b.forfaller == forfaller
    bevakningar_markera_overskridna(forfaller)
    b.refresh_from_db()
    assert b.status == "aktiv"
    assert bevakningar_markera_overskridna(forfaller + dt.timedelta(days=1)) >= 1
    assert bevakningar_markera_overskridna(forfaller + dt.timedelta(days=1)) == 0
    b.refresh_from_db()
    assert b.status == "overskriden"
    assert Notis.objects.filter(bevakning=b).exists()
    return b


def test_every_kind_the_design_names_is_registered():
    assert {
        "komplettering",
        "akut_ansokan",
        "handlaggningsmal",
        "nybesok",
        "kommunicering",
        "besvarstid",
        "overlamnande",
        "avsteg",
        "radrum",
        "handlingsplan",
        "forhandsbedomning",
    } <= set(TYPER)


def test_komplettering_on_julafton(skapa_utredd, akt, handlaggare):
    from ansokan import services

    with _dag(D(2026, 12, 10)):
        ansokan = skapa_utredd(akt, handlaggare)
        k = services.komplettering_begar(
            ansokan=ansokan,
            av=handlaggare,
            vad="Hyreskontrakt",
            varfor="Boendekostnaden.",
            senast=D(2026, 12, 24),
        )
    b = _forfaller_och_overskrids("komplettering", D(2026, 12, 24))
    with _dag(D(2026, 12, 28)):
        services.komplettering_besvara(komplettering=k, text="Här.", av=handlaggare, kanal="papper")
    b.refresh_from_db()
    assert b.status == "uppfylld"


def test_nybesok_met_when_held(skapa_utredd, akt, handlaggare):
    from utredning import services

    with _dag(D(2026, 6, 5)):
        ansokan = skapa_utredd(akt, handlaggare, mottagen=D(2026, 6, 5))
    b = _forfaller_och_overskrids("nybesok", D(2026, 6, 19))
    with _dag(D(2026, 6, 22)):
        mote = services.mote_boka(
            utredning=ansokan.utredning,
            av=handlaggare,
            typ="nybesok",
            kanal="besok",
            med_vem="Sökande",
            bokad=dt.datetime(2026, 6, 22, 10, tzinfo=dt.UTC),
        )
        services.mote_halla(mote=mote, hallen=dt.datetime(2026, 6, 22, 10, tzinfo=dt.UTC))
    b.refresh_from_db()
    assert b.status == "uppfylld"


def test_kommunicering_on_nyarsafton(skapa_utredd, akt, handlaggare):
    from utredning import services

    with _dag(D(2026, 12, 15)):
        ansokan = skapa_utredd(akt, handlaggare)
        k = services.kommunicering_skicka(
            utredning=ansokan.utredning,
            av=handlaggare,
            vad="Yttrande från hyresvärden",
            svara_senast=D(2026, 12, 31),
        )
    b = _forfaller_och_overskrids("kommunicering", D(2026, 12, 31))
    services.kommunicering_besvara(
        kommunicering=k, svar="Jag har betalat.", kanal="papper", av=handlaggare
    )
    b.refresh_from_db()
    assert b.status == "uppfylld"


def test_handlingsplan_follow_up_on_midsommarafton(skapa_utredd, akt, handlaggare):
    from utredning import services

    with _dag(D(2026, 6, 1)):
        ansokan = skapa_utredd(akt, handlaggare, mottagen=D(2026, 6, 1))
        services.handlingsplan_spara(
            utredning=ansokan.utredning,
            mal="Egen försörjning",
            aktiviteter="Söka arbete",
            sokandes_ataganden="Söka tre jobb i veckan",
            handlaggarens_ataganden="Remiss",
            uppfoljning=D(2026, 6, 19),
        )
    b = _forfaller_och_overskrids("handlingsplan", D(2026, 6, 19))
    with _dag(D(2026, 6, 23)):
        mote = services.mote_boka(
            utredning=ansokan.utredning,
            av=handlaggare,
            typ="uppfoljning",
            kanal="besok",
            med_vem="Sökande",
            bokad=dt.datetime(2026, 6, 23, 10, tzinfo=dt.UTC),
        )
        services.mote_halla(mote=mote, hallen=dt.datetime(2026, 6, 23, 10, tzinfo=dt.UTC))
    b.refresh_from_db()
    assert b.status == "uppfylld"


def test_radrum_ends_on_julafton(
    skapa_utredd, akt, handlaggare, django_capture_on_commit_callbacks
):
    from beslut import services

    with _dag(D(2026, 11, 2)):
        ansokan = skapa_utredd(akt, handlaggare, poster={"hyra": ("9000", "bifall", "9000")})
        with django_capture_on_commit_callbacks(execute=True):
            services.beslut_fatta(
                ansokan=ansokan,
                av=handlaggare,
                poster=[
                    post_beslut(
                        ansokan,
                        "hyra",
                        belopp=Decimal("9000"),
                        radrum="sanka_boendekostnad",
                        radrum_slut=D(2026, 12, 24),
                    )
                ],
            )
    _forfaller_och_overskrids("radrum", D(2026, 12, 24))


def test_besvarstid_and_forwarding_after_christmas(
    skapa_utredd, akt, handlaggare, django_capture_on_commit_callbacks
):
    from beslut import services
    from beslut.models import Beslutsbrev

    with _dag(D(2026, 12, 1)):
        ansokan = skapa_utredd(akt, handlaggare)
        with django_capture_on_commit_callbacks(execute=True):
            brev = services.beslut_fatta(
                ansokan=ansokan,
                av=handlaggare,
                poster=[post_beslut(ansokan, utfall="delvis_bifall", belopp=Decimal("6000"))],
            )
    Beslutsbrev.objects.filter(pk=brev.pk).update(skickad=D(2026, 12, 2))
    brev.refresh_from_db()
    with _dag(D(2026, 12, 3)):
        services.beslutsbrev_oppnat(brev=brev, idag=D(2026, 12, 3))
    # Three weeks from 3 December end on julafton, so the time runs to Monday 28 December.
    besvarstid = _forfaller_och_overskrids("besvarstid", D(2026, 12, 28))
    beslut = brev.beslut.get()
    with _dag(D(2026, 12, 28)):
        o = services.overklagande_registrera(
            beslut=beslut, text="Jag behöver mer.", inkommen=D(2026, 12, 24), av=handlaggare
        )
    # One week from julafton ends on nyårsafton: moved past New Year and the weekend.
    overlamnande = _forfaller_och_overskrids("overlamnande", D(2027, 1, 4))
    assert overlamnande.objekt == o
    assert besvarstid.status == "overskriden"


def test_forhandsbedomning_fourteen_days_from_the_report(akt, handlaggare):
    from barnkonsekvens import services

    with _dag(D(2026, 12, 10)):
        anmalan = services.orosanmalan_registrera(
            akt=akt,
            av=handlaggare,
            datum=D(2026, 12, 10),
            mottagare="Barn och familj",
            skal="Barnet har inte varit i skolan på två veckor.",
        )
    b = _forfaller_och_overskrids("forhandsbedomning", D(2026, 12, 24))
    with _dag(D(2026, 12, 28)):
        services.orosanmalan_aterkoppling(anmalan=anmalan, av=handlaggare, datum=D(2026, 12, 28))
    b.refresh_from_db()
    assert b.status == "uppfylld"
