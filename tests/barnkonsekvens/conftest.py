"""Fixtures of the barnkonsekvens tests, built through the real services (docs/arkitektur.md:
Kodstil, Tests)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def familj(skapa_akt, enhet, handlaggare):
    """An Akt whose household has one child living there (born 2016-03-01)."""
    return skapa_akt(enhet, handlaggare, barn=1)


@pytest.fixture
def lagg_till_barn(nytt_personnummer):
    """Add a child to a household, living there or (with umgangesdagar) visiting."""
    from bistand import services

    def lagg_till(akt, *, fodd=datetime.date(2012, 6, 1), umgangesdagar=None, fornamn="Kim"):
        barn = services.person_registrera(
            identitet=nytt_personnummer(fodd), fornamn=fornamn, efternamn="Barnsson"
        )
        services.hushall_medlem_lagg_till(
            hushall=akt.hushall,
            person=barn,
            roll="barn",
            fran=datetime.date(2026, 1, 1),
            umgangesdagar=umgangesdagar,
        )
        return barn

    return lagg_till


@pytest.fixture
def ny_ansokan(handlaggare):
    """Register an ansökan for the Akt's applicant with the given posts, and start the
    utredning (the ansökan is then under_utredning)."""
    from ansokan import services as ansokan_services
    from ansokan.models import Posttyp
    from utredning import services as utredning_services

    def ny(akt, *koder, typ="nyansokan", utred=True):
        sokande = akt.hushall.medlemmar.get(roll="sokande").person
        ansokan, _ = ansokan_services.ansokan_registrera(
            sokande=sokande,
            typ=typ,
            kanal="besok",
            av=handlaggare,
            mottagen=timezone.localdate(),
            poster=[(Posttyp.objects.get(kod=k), None, "") for k in koder],
        )
        if utred:
            utredning_services.utredning_starta(ansokan=ansokan, av=handlaggare)
        return ansokan

    return ny


@pytest.fixture
def foresla(handlaggare):
    """Save a förslag for the ansökan's post of the given kind."""
    from utredning import selectors, services

    def foresla(ansokan, kod, utfall, **extra):
        if utfall == "delvis_bifall":
            extra.setdefault("belopp", 1000)
        if extra.get("radrum"):
            extra.setdefault("radrum_slut", timezone.localdate() + datetime.timedelta(days=90))
        return services.forslag_spara(
            utredning=selectors.utredning_for_ansokan(ansokan),
            post=ansokan.poster.get(posttyp__kod=kod),
            utfall=utfall,
            av=handlaggare,
            **extra,
        )

    return foresla


FULLSTANDIG = {
    "behov": "Går i årskurs fyra och tränar fotboll två gånger i veckan.",
    "konsekvens_bifall": "Kan fortsätta som i dag.",
    "konsekvens_avslag": "Familjen har bostadsbidrag och underhållsstöd; maten räcker.",
    "barnsamtal": True,
    "samtal_datum": datetime.date(2026, 11, 20),
    "samtal_av": "Agare och Kollega",
    "samtal_form": "enskilt",
    "barnets_asikt": "Jag vill kunna fortsätta spela fotboll.",
    "vagning": "Barnets behov tillgodoses genom hushållets övriga inkomster.",
    "slutsats": "Avslaget bedöms inte strida mot barnets bästa.",
}


@pytest.fixture
def fullstandig():
    return dict(FULLSTANDIG)
