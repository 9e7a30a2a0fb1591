"""Fixtures of the utbetalning tests, built through the real services (decisions through
`beslut_fatta`, so the hook that creates orders runs as in production)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bistand.models import Flytt, Utbetalningsregel
from utbetalning.behorighet import ge_attestratt


@pytest.fixture(autouse=True)
def _etjanst(settings):
    settings.ETJANST_TESTLEGITIMATION = True


@pytest.fixture
def kalender(namnd):
    Utbetalningsregel.objects.create(
        namnd=namnd, manadsdag=25, flytt=Flytt.FOREGAENDE, giltig_fran=dt.date(2020, 1, 1)
    )
    return namnd


@pytest.fixture
def ekonomi(skapa_anvandare):
    return ge_attestratt(skapa_anvandare("ekonomi", "Ekonomiassistent"))


@pytest.fixture
def ekonomi2(skapa_anvandare):
    return ge_attestratt(skapa_anvandare("ekonomi2", "Ekonomiassistent"))


@pytest.fixture
def skapa_utredd():
    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp
    from utredning import services as utredning_services

    def skapa(akt, handlaggare, poster=None, mottagen=None, typ="nyansokan"):
        poster = poster or {"forsorjningsstod": ("9000", "bifall", "9000")}
        sokande = akt.hushall.medlemmar.get(roll="sokande").person
        typer = {p.kod: p for p in Posttyp.objects.all()}
        ansokan, _ = ansokan_services.ansokan_registrera(
            sokande=sokande,
            av=handlaggare,
            typ=typ,
            kanal="papper",
            mottagen=mottagen or dt.date.today(),  # noqa: DTZ011
            poster=[(typer[k], Decimal(v[0]) if v[0] else None, "") for k, v in poster.items()],
        )
        utredning = utredning_services.utredning_starta(ansokan=ansokan, av=handlaggare)
        for post in ansokan.poster.select_related("posttyp"):
            _, utfall, belopp = poster[post.posttyp.kod]
            utredning_services.forslag_spara(
                utredning=utredning,
                post=post,
                utfall=utfall,
                av=handlaggare,
                belopp=Decimal(belopp) if belopp else None,
                motivering="" if utfall == "bifall" else "Utkast till motivering.",
            )
        ansokan.refresh_from_db()
        return ansokan

    return skapa


@pytest.fixture
def besluta(skapa_utredd, akt, handlaggare):
    """Decide a fresh ansökan of `akt`: {kod: belopp} all bifall; returns the letter."""
    from beslut.services import PostBeslut, beslut_fatta

    def besluta(belopp=None, *, av=None, idag=None, typ="nyansokan"):
        belopp = belopp or {"forsorjningsstod": "9000"}
        ansokan = skapa_utredd(
            akt,
            handlaggare,
            {k: (v, "bifall", v) for k, v in belopp.items()},
            typ=typ,
        )
        poster = [
            PostBeslut(
                post=ansokan.poster.get(posttyp__kod=k),
                utfall="bifall",
                lagrum_kod="sol-ratt-till-bistand",
                belopp=Decimal(v),
                **period_for(ansokan, idag),
            )
            for k, v in belopp.items()
        ]
        return beslut_fatta(ansokan=ansokan, av=av or handlaggare, poster=poster, idag=idag)

    return besluta


def period_for(ansokan, idag=None) -> dict:
    """A löpande decision's period: the month of the decision (docs/regler.md, Beslut och
    beslutsbrev)."""
    from beslut.regler import manadens_slut

    fran = (idag or ansokan.mottagen).replace(day=1)
    return {"period_fran": fran, "period_till": manadens_slut(fran)}


@pytest.fixture
def utan_stickprov():
    """No order is drawn for the random sample: the draw depends on order ids, which differ
    between databases and with the tests run before; the sample has tests of its own in
    test_ordrar.py."""
    from bistand.models import Parameter

    Parameter.objects.filter(kod="utbetalning-stickprov-procent").update(varde=0)
