"""Väntetid and Kolada U31402 (docs/arkitektur.md: Periodiska jobb; docs/regler.md: Andra
regler)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from ansokan import services
from bistand.models import Bevakning
from bistand.periodiskt import kor_alla
from kvalitet.models import VantetidManad
from kvalitet.vantetid import vantetid_manad_spara

pytestmark = pytest.mark.django_db


def _klocka(dag: dt.date):
    return time_machine.travel(
        dt.datetime(dag.year, dag.month, dag.day, 9, tzinfo=dt.UTC), tick=False
    )


@pytest.fixture
def fall(akt, handlaggare):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person

    def fall(*, typ: str, mottagen: dt.date, beslut: dt.date, vantan: tuple | None = None):
        with _klocka(mottagen):
            ansokan, _ = services.ansokan_registrera(
                sokande=sokande, av=handlaggare, typ=typ, kanal="papper", mottagen=mottagen
            )
        if vantan:
            with _klocka(vantan[0]):
                k = services.komplettering_begar(
                    ansokan=ansokan,
                    av=handlaggare,
                    vad="Kontoutdrag",
                    varfor="Inkomster.",
                    senast=vantan[1],
                )
            with _klocka(vantan[1]):
                services.komplettering_besvara(
                    komplettering=k, text="Här", av=handlaggare, kanal="papper"
                )
        with _klocka(beslut):
            services.ansokan_overgang(ansokan=ansokan, till="under_utredning", av=handlaggare)
            services.ansokan_overgang(ansokan=ansokan, till="beslutad", av=handlaggare)
        return ansokan

    return fall


def test_monthly_figures_count_from_first_contact_and_u31402_takes_only_nyansokningar(fall, enhet):
    fall(typ="nyansokan", mottagen=dt.date(2026, 10, 1), beslut=dt.date(2026, 10, 11))  # 10 d
    fall(
        typ="nyansokan",
        mottagen=dt.date(2026, 10, 1),
        beslut=dt.date(2026, 10, 31),  # 30 d
        vantan=(dt.date(2026, 10, 5), dt.date(2026, 10, 12)),
    )
    fall(typ="ateransokan", mottagen=dt.date(2026, 10, 20), beslut=dt.date(2026, 10, 22))  # 2 d
    fall(typ="nyansokan", mottagen=dt.date(2026, 9, 1), beslut=dt.date(2026, 9, 3))  # September

    rad = vantetid_manad_spara(enhet=enhet, manad=dt.date(2026, 10, 1))
    assert rad.antal_beslutade == 3
    assert rad.medel_dagar == Decimal("14.0")
    assert rad.median_dagar == Decimal("10.0")
    assert rad.kolada_u31402 == Decimal("20.0")
    assert rad.medel_vantan_sokande == Decimal("2.3")


def test_the_share_within_target_uses_the_handling_target_bevakning(fall, enhet):
    fall(typ="nyansokan", mottagen=dt.date(2026, 10, 1), beslut=dt.date(2026, 10, 9))
    fall(typ="nyansokan", mottagen=dt.date(2026, 10, 1), beslut=dt.date(2026, 10, 30))
    assert Bevakning.objects.filter(typ="handlaggningsmal", status="uppfylld").count() == 2
    rad = vantetid_manad_spara(enhet=enhet, manad=dt.date(2026, 10, 1))
    assert rad.andel_inom_mal == Decimal("50.0")


def test_the_nightly_job_stores_this_and_last_month_once(fall, enhet):
    fall(typ="nyansokan", mottagen=dt.date(2026, 10, 1), beslut=dt.date(2026, 10, 11))
    kor_alla(dt.date(2026, 11, 24), urval="nattliga")
    kor_alla(dt.date(2026, 11, 24), urval="nattliga")
    assert VantetidManad.objects.count() == 2
    assert VantetidManad.objects.get(manad=dt.date(2026, 10, 1)).antal_beslutade == 1


def test_the_frequent_run_does_not_compute_the_nightly_figures(enhet):
    assert "vantetider" not in kor_alla(dt.date(2026, 11, 24), urval="tata")


def test_the_dashboard_shows_the_stored_figures_and_todays_akut(client, enhetschef, fall, enhet):
    fall(typ="nyansokan", mottagen=dt.date(2026, 10, 1), beslut=dt.date(2026, 10, 11))
    vantetid_manad_spara(enhet=enhet, manad=dt.date(2026, 10, 1))
    client.force_login(enhetschef)
    text = client.get("/kvalitet/oversikt/").content.decode()
    assert "<td>2026-10</td><td>Enhet Norr</td><td>1</td><td>10,0</td>" in text
    assert "Väntetid till beslut, medel dagar per månad" in text
