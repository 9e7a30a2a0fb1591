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
