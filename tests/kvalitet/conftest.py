"""Fixtures of the kvalitet tests, built through the real services."""

from __future__ import annotations

import datetime

import pytest


@pytest.fixture
def forste(skapa_anvandare, enhet):
    return skapa_anvandare("forste", "Förste socialsekreterare", enhet)


@pytest.fixture
def akt_med_ansokan(skapa_akt):
    """An Akt of the handläggare with one ansökan received on `mottagen`."""
    from ansokan import services as ansokan_services

    def skapa(enhet, handlaggare, *, mottagen=None, typ="nyansokan", skydd="inget"):
        akt = skapa_akt(enhet, handlaggare, skydd=skydd)
        sokande = akt.hushall.medlemmar.get(roll="sokande").person
        ansokan_services.ansokan_registrera(
            sokande=sokande,
            av=handlaggare,
            typ=typ,
            kanal="papper",
            mottagen=mottagen or datetime.date.today(),  # noqa: DTZ011
        )
        return akt

    return skapa


@pytest.fixture
def fatta(settings, django_capture_on_commit_callbacks):
    """A decided post through the real services: registered, investigated, decided."""
    from decimal import Decimal

    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp
    from beslut import services as beslut_services
    from beslut.regler import manadens_slut
    from utredning import services as utredning_services

    settings.ETJANST_TESTLEGITIMATION = True

    def skapa(akt, av, *, utfall="bifall", belopp="9000", post="forsorjningsstod", typ="nyansokan"):
        sokande = akt.hushall.medlemmar.get(roll="sokande").person
        posttyp = Posttyp.objects.get(kod=post)
        ansokan, _ = ansokan_services.ansokan_registrera(
            sokande=sokande,
            av=av,
            typ=typ,
            kanal="papper",
            mottagen=datetime.date.today(),  # noqa: DTZ011
            # A bifall is the amount applied for (docs/regler.md, Beslut och beslutsbrev).
            poster=[(posttyp, Decimal(belopp if utfall == "bifall" else "9000"), "")],
        )
        utredning = utredning_services.utredning_starta(ansokan=ansokan, av=av)
        p = ansokan.poster.get()
        motivering = "" if utfall == "bifall" else "Inkomsten räcker till en del av behovet."
        utredning_services.forslag_spara(
            utredning=utredning,
            post=p,
            utfall=utfall,
            av=av,
            belopp=Decimal(belopp) if utfall != "avslag" else None,
            motivering=motivering,
        )
        with django_capture_on_commit_callbacks(execute=False):
            brev = beslut_services.beslut_fatta(
                ansokan=ansokan,
                av=av,
                poster=[
                    beslut_services.PostBeslut(
                        post=p,
                        utfall=utfall,
                        lagrum_kod="sol-ratt-till-bistand",
                        belopp=Decimal(belopp) if utfall != "avslag" else None,
                        motivering=motivering,
                        period_fran=ansokan.mottagen.replace(day=1),
                        period_till=manadens_slut(ansokan.mottagen),
                    )
                ],
            )
        return brev.beslut.get()

    return skapa
