"""Quality work that concerns an Akt is an event in the Akt's case history, never shown to the
applicant."""

from __future__ import annotations

import datetime

import pytest

from kvalitet import services
from kvalitet.models import GranskningsPunkt

pytestmark = pytest.mark.django_db
IDAG = datetime.date.today()  # noqa: DTZ011


def test_drawing_reviewing_and_the_forum_write_events_in_the_case_history(
    akt_med_ansokan, enhet, handlaggare, kollega, enhetschef, forste
):
    from bistand.models import Handelse

    akt = akt_med_ansokan(enhet, handlaggare)
    g = services.granskning_dra_stickprov(
        enhet=enhet, ar=IDAG.year, av=enhetschef, urvalsfro=1, antal=1
    )[0]
    services.granskning_spara(
        granskning=g,
        av=g.granskare,
        svar={p.pk: ("uppfyllt", "") for p in GranskningsPunkt.objects.all()},
        sammanfattning="",
        aterkoppling="Bra.",
        atgarder=[],
        skicka=True,
    )
    arende = services.arendedragning_anmal(
        akt=akt,
        av=handlaggare,
        motesdatum=IDAG + datetime.timedelta(days=1),
        forslag="Bifall.",
        fraga="Skäligt?",
    )
    services.arendedragning_slutsats(arende=arende, av=forste, slutsats="Bifall.")
    services.avslut_registrera(akt=akt, manad=IDAG, orsak="arbete", av=enhetschef)
    handelser = [h for h in Handelse.objects.filter(akt=akt).order_by("pk")]
    typer = [h.typ_id for h in handelser if h.typ_id.startswith("kvalitet.")]
    assert typer == [
        "kvalitet.granskning_dragen",
        "kvalitet.granskning_aterkopplad",
        "kvalitet.arendedragning_anmald",
        "kvalitet.arendedragning_slutsats",
        "kvalitet.avslutsorsak",
    ]
    assert not any(h.typ.synlig_for_sokande for h in handelser if h.typ_id.startswith("kvalitet."))


def test_the_monthly_delivery_is_a_bevakning_without_an_akt_met_when_written(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from bistand.models import Bevakning

    manad = IDAG.replace(day=1)
    call_command("statistik_socialstyrelsen", manad=f"{manad:%Y-%m}", stdout=StringIO())
    b = Bevakning.objects.get(typ="statistik_socialstyrelsen")
    assert b.akt_id is None and b.status == "aktiv"
    nasta = (manad + datetime.timedelta(days=32)).replace(day=15)
    assert b.forfaller == nasta
    call_command(
        "statistik_socialstyrelsen", manad=f"{manad:%Y-%m}", ut=str(tmp_path), stderr=StringIO()
    )
    b.refresh_from_db()
    assert b.status == "uppfylld"
    assert Bevakning.objects.filter(typ="statistik_socialstyrelsen").count() == 1
