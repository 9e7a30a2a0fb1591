"""The case history of one household from nyansökan to the appeal forwarded to the court:
every step is in the Akt's history, in order, with who and when; the applicant sees only the
kinds marked visible to her."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ansokan import selectors as ansokan_selectors
from ansokan import services as ansokan_services
from ansokan.models import Posttyp
from beslut import services
from bistand.selectors import akt_historik
from tests.beslut.conftest import post_beslut, signera_analyser
from utredning import services as utredning_services

pytestmark = pytest.mark.django_db

STEG = [
    # (kind, who: "handlaggare" | "forste" | "sokande" | "system", the applicant sees it)
    ("ansokan.inkommen", "handlaggare", True),
    ("ansokan.komplettering_begard", "handlaggare", True),
    ("ansokan.vantar_komplettering", "handlaggare", False),
    ("ansokan.komplettering_inkommen", "sokande", True),
    ("ansokan.ater_inkommen", "sokande", False),
    ("ansokan.under_utredning", "handlaggare", True),
    ("samrad.begart", "handlaggare", False),
    ("samrad.besvarat", "forste", False),
    ("barnkonsekvensanalys.signerad", "handlaggare", False),
    ("kommunicering.skickad", "handlaggare", True),
    ("kommunicering.besvarad", "sokande", True),
    ("beslut.fattat", "handlaggare", True),
    ("ansokan.beslutad", "handlaggare", True),
    ("beslut.delgivet", "system", True),
    ("overklagande.inkommen", "sokande", True),
    ("overklagande.rattidsprovad", "handlaggare", True),
    ("overklagande.omprovad", "handlaggare", True),
    ("overklagande.overlamnad", "handlaggare", True),
]


def test_one_household_from_nyansokan_to_the_court_leaves_every_step_in_its_history(
    skapa_akt, enhet, handlaggare, forste, django_capture_on_commit_callbacks
):
    akt = skapa_akt(enhet, handlaggare, barn=1)
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    idag = timezone.localdate()
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=idag,
        poster=[(Posttyp.objects.get(kod="forsorjningsstod"), Decimal("9000"), "")],
    )
    k = ansokan_services.komplettering_begar(
        ansokan=ansokan,
        av=handlaggare,
        vad="Lönespecifikation",
        varfor="Vi behöver se din inkomst.",
        senast=idag + dt.timedelta(days=7),
    )
    ansokan_services.komplettering_besvara(komplettering=k, text="Bifogad.", av_person=sokande)
    utredning = utredning_services.utredning_starta(ansokan=ansokan, av=handlaggare)
    post = ansokan.poster.get()
    utredning_services.forslag_spara(
        utredning=utredning,
        post=post,
        utfall="delvis_bifall",
        av=handlaggare,
        belopp=Decimal("6000"),
        motivering="Inkomsten räcker till en del.",
    )
    samrad = services.samrad_begar(
        ansokan=ansokan, post=post, av=handlaggare, avser="norm", skal="Särskilda skäl."
    )
    samrad = services.samrad_besvara(samrad=samrad, av=forste, godkand=True)
    signera_analyser(ansokan, handlaggare)
    kommunicering = utredning_services.kommunicering_skicka(
        utredning=utredning,
        av=handlaggare,
        vad="Uppgift från hyresvärden",
        svara_senast=idag + dt.timedelta(days=7),
    )
    utredning_services.kommunicering_besvara(
        kommunicering=kommunicering, svar="Stämmer.", av_person=sokande
    )
    with django_capture_on_commit_callbacks(execute=True):
        brev = services.beslut_fatta(
            ansokan=ansokan,
            av=handlaggare,
            poster=[
                post_beslut(ansokan, utfall="delvis_bifall", belopp=Decimal("6000"), samrad=samrad)
            ],
        )
    brev.refresh_from_db()
    services.beslutsbrev_oppnat(brev=brev, idag=idag)
    beslut = brev.beslut.get()
    o = services.overklagande_registrera(
        beslut=beslut, text="Jag behöver hela beloppet.", inkommen=idag, av_person=sokande
    )
    o = services.overklagande_rattidsprova(overklagande=o, av=handlaggare)
    o = services.overklagande_omprova(
        overklagande=o, av=handlaggare, andras=False, motivering="Inga nya uppgifter."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.overklagande_overlamna(overklagande=o, av=handlaggare, yttrande="Står fast.")

    rader = [r.handelse for r in akt_historik(akt) if r.handelse is not None]
    koder = [s[0] for s in STEG]
    steg = [h for h in rader if h.typ_id in koder]
    assert [h.typ_id for h in steg] == koder
    vem = {"handlaggare": (handlaggare, None), "forste": (forste, None)}
    vem |= {"sokande": (None, sokande), "system": (None, None)}
    for h, (kod, av, _) in zip(steg, STEG, strict=True):
        assert (h.av, h.av_person) == vem[av], kod
        assert h.typ.namn and h.typ.namn != kod
    tider = [h.tidpunkt for h in rader]
    assert tider == sorted(tider)
    assert all(timezone.localtime(t).date() == idag for t in tider)
    assert {h.ansokan_id for h in steg} == {ansokan.pk}

    sokandes = [r.text for r in ansokan_selectors.tidslinje_for_sokande(ansokan)]
    synliga = [h.typ.namn for h, (_, _, syns) in zip(steg, STEG, strict=True) if syns]
    dolda = [h.typ.namn for h, (_, _, syns) in zip(steg, STEG, strict=True) if not syns]
    assert [t.split(":")[0] for t in sokandes if t.split(":")[0] in synliga] == synliga
    assert not any(t.split(":")[0] in dolda for t in sokandes)
    assert "Lönespecifikation" in " ".join(sokandes)
