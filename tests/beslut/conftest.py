"""Fixtures of the beslut tests, built through the real services (docs/arkitektur.md: Kodstil,
Tests)."""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

import pytest


@pytest.fixture(autouse=True)
def _etjanst(settings):
    settings.ETJANST_TESTLEGITIMATION = True


@pytest.fixture
def forste(skapa_anvandare, enhet):
    return skapa_anvandare("forste", "Förste socialsekreterare", enhet)


@pytest.fixture
def skapa_utredd():
    """An ansökan under utredning with posts and förslag: `poster` maps posttyp kod to
    (requested amount, förslag utfall, förslag belopp)."""
    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp
    from utredning import services as utredning_services

    def skapa(akt, handlaggare, poster=None, mottagen=None):
        poster = poster or {"forsorjningsstod": ("9000", "bifall", "9000")}
        sokande = akt.hushall.medlemmar.get(roll="sokande").person
        typer = {p.kod: p for p in Posttyp.objects.all()}
        ansokan, _ = ansokan_services.ansokan_registrera(
            sokande=sokande,
            av=handlaggare,
            typ="nyansokan",
            kanal="papper",
            mottagen=mottagen or datetime.date.today(),  # noqa: DTZ011
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
def utredd(skapa_utredd, akt, handlaggare):
    return skapa_utredd(akt, handlaggare)


def post_beslut(ansokan, kod="forsorjningsstod", **kw):
    from beslut.services import PostBeslut

    post = ansokan.poster.get(posttyp__kod=kod)
    kw.setdefault("utfall", "bifall")
    kw.setdefault("lagrum_kod", "sol-ratt-till-bistand")
    if kw["utfall"] in ("bifall", "delvis_bifall"):
        kw.setdefault("belopp", Decimal("9000"))
    if kw["utfall"] != "bifall":
        kw.setdefault("motivering", "Din inkomst räcker till en del av behovet.")
    if kw["utfall"] == "avvisning":
        kw.setdefault("avvisningsgrund", "annat")
    if kw["utfall"] != "avvisning":
        kw.setdefault("period_fran", manad_for(ansokan))
        if post.posttyp.lopande and kw["period_fran"] is not None:
            kw.setdefault("period_till", manadens_slut(kw["period_fran"]))
    return PostBeslut(post=post, **kw)


def manad_for(ansokan) -> datetime.date:
    """The month an ansökan concerns: its period, else the month it came in."""
    return (ansokan.period or ansokan.mottagen).replace(day=1)


def manadens_slut(dag: datetime.date) -> datetime.date:
    from beslut.regler import manadens_slut as slut

    return slut(dag)


def signera_analyser(ansokan, av):
    """Write and sign the barnkonsekvensanalys for every child of the household."""
    from barnkonsekvens import services

    barnen = [m.person for m in ansokan.akt.hushall.medlemmar.filter(roll="barn")]
    for barn in barnen:
        analys = services.analys_spara(
            ansokan=ansokan,
            barn=barn,
            av=av,
            behov="Barnet behöver trygghet och en stabil bostad.",
            konsekvens_bifall="Familjen kan bo kvar.",
            konsekvens_avslag="Familjen får mindre pengar till mat.",
            barnsamtal=False,
            ej_samtal_skal="alder",
            vagning="Barnets behov har vägts mot regelverket.",
            slutsats="Beslutet påverkar barnet men är förenligt med barnets bästa.",
        )
        services.analys_signera(analys=analys, av=av)


def logga_in_sokande(client, person) -> None:
    from ansokan.inloggning import PERSON, SENAST

    session = client.session
    session[PERSON] = person.pk
    session[SENAST] = int(time.time())
    session.save()
