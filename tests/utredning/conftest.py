"""Fixtures of utredning's tests: a clean cache (the rate limit's counters) and helpers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache

from beslut.models import Beslut
from beslut.services import beslut_fatta
from bistand import services as bistand_services
from tests.beslut.conftest import post_beslut
from utredning import selectors as utredning_selectors
from utredning import services as utredning_services


@pytest.fixture(autouse=True)
def tom_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def berakna(db):
    """Calculate from an API-shaped dict with the figures loaded by the migrations."""
    from utredning.selectors import berakning_utfor

    def berakna(**data):
        return berakning_utfor(data).resultat

    return berakna


@pytest.fixture
def registrera(handlaggare):
    """Register an ansökan on paper through the real service, with requested posts."""
    import datetime as dt

    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp

    def registrera(
        akt,
        *,
        typ="nyansokan",
        poster=("forsorjningsstod", "hyra"),
        uppgifter=None,
        mottagen=dt.date(2026, 11, 2),
        av=None,
    ):
        sokande = akt.hushall.medlemmar.get(roll="sokande").person
        ansokan, _ = ansokan_services.ansokan_registrera(
            sokande=sokande,
            typ=typ,
            kanal="papper",
            av=av or handlaggare,
            mottagen=mottagen,
            uppgifter=uppgifter,
            poster=[(Posttyp.objects.get(kod=k), None, "") for k in poster],
        )
        return ansokan

    return registrera


# ---- last month and this month -----------------------------------------------------------------
# The worlds of the återansökan tests (on the utredning page, the ansökan page and in the
# browser), built through the real services, each ansökan on the day it arrived.


def _pa_dagen(dag: dt.date):
    return time_machine.travel(dt.datetime.combine(dag, dt.time(9), tzinfo=dt.UTC), tick=False)


def hushall_med_barn(enhet, handlaggare, nytt_personnummer):
    """An Akt of Sara and her daughter Alva (born 2011), in the household since 2025."""
    sokande = bistand_services.person_registrera(
        identitet=nytt_personnummer(dt.date(1984, 2, 3)), fornamn="Sara", efternamn="Sökande"
    )
    akt = bistand_services.akt_skapa(
        enhet=enhet, sokande=sokande, fran=dt.date(2025, 1, 1), handlaggare=handlaggare
    )
    barn = bistand_services.person_registrera(
        identitet=nytt_personnummer(dt.date(2011, 1, 10)), fornamn="Alva", efternamn="Sökande"
    )
    bistand_services.hushall_medlem_lagg_till(
        hushall=akt.hushall, person=barn, roll="barn", fran=dt.date(2025, 1, 1)
    )
    return akt


def forra_manaden_beslutad(akt, handlaggare, registrera, mottagen):
    """Last month: an ansökan calculated, proposed and decided through the services."""
    ansokan = registrera(akt, mottagen=mottagen)
    u = utredning_services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    blad = utredning_services.berakning_spara_for_utredning(
        utredning=u,
        av=handlaggare,
        manad=mottagen.replace(day=1),
        kostnader={"boende": 7000, "hushallsel": 350},
        inkomster=[{"typ": "barnbidrag", "belopp": 1250}],
        manader_i_foljd=2,
    )
    poster = list(ansokan.poster.select_related("posttyp"))
    belopp = utredning_selectors.forslag_belopp_fran_berakning(blad, poster)
    utredning_services.forslag_spara_alla(
        utredning=u,
        av=handlaggare,
        berakning=blad,
        rader=[
            {"post": p, "utfall": "bifall", "belopp": belopp[p.pk], "motivering": ""}
            for p in poster
        ],
    )
    beslut_fatta(
        ansokan=ansokan,
        av=handlaggare,
        poster=[
            post_beslut(ansokan, p.posttyp.kod, belopp=belopp[p.pk])
            for p in poster
            if p.pk in belopp
        ],
    )
    return ansokan, blad


def ateransokan_efter_beslut(
    enhet, handlaggare, nytt_personnummer, registrera, forra: dt.date, mottagen: dt.date
):
    """Sara and Alva's Akt (`hushall_med_barn`) with last month's ansökan decided on `forra`
    and the återansökan that came on `mottagen`: (last month's ansökan, its beräkning, the
    återansökan)."""
    akt = hushall_med_barn(enhet, handlaggare, nytt_personnummer)
    with _pa_dagen(forra):
        forra_ansokan, forra_blad = forra_manaden_beslutad(akt, handlaggare, registrera, forra)
    with _pa_dagen(mottagen):
        ansokan = registrera(akt, typ="ateransokan", mottagen=mottagen)
    return forra_ansokan, forra_blad, ansokan


def ateransokan_med_uppgifter(akt, registrera, forra: dict, uppgifter: dict):
    """Last month's ansökan (2 October 2026) and this month's återansökan (3 November 2026)
    with what the applicant declared in each; returns the återansökan."""
    with _pa_dagen(dt.date(2026, 10, 2)):
        registrera(akt, mottagen=dt.date(2026, 10, 2), uppgifter=forra)
    with _pa_dagen(dt.date(2026, 11, 3)):
        return registrera(
            akt, typ="ateransokan", mottagen=dt.date(2026, 11, 3), uppgifter=uppgifter
        )


def kontrollera_nya_arets_riksnorm(ansokan, forra_blad, ar: int) -> None:
    """Across into year `ar` the same inputs are calculated with that year's riksnorm, and the
    försörjningsstöd decided is that norm less the income."""
    blad = utredning_selectors.berakning_senaste(ansokan)
    assert blad.riksnorm.giltig_fran.year == ar
    assert forra_blad.riksnorm.giltig_fran.year == ar - 1
    assert blad.underlag["kostnader"] == forra_blad.underlag["kostnader"]
    assert blad.underlag["inkomster"] == forra_blad.underlag["inkomster"]
    assert blad.riksnorm_summa != forra_blad.riksnorm_summa
    fors = Beslut.objects.get(post__ansokan=ansokan, post__posttyp__kod="forsorjningsstod")
    assert fors.belopp == blad.riksnorm_summa - blad.inkomster
