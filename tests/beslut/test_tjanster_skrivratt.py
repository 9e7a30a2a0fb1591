"""The write services check the write right themselves (defence in depth): called without a
view — from a shell, a job or another service — for Kvalitet, the avdelningschef or another
Enhet's handläggare they refuse with a clear message and change nothing (docs/regler.md:
Behörighet och skyddade personuppgifter)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from ansokan import services as ansokan_services
from ansokan.models import Ansokan, Komplettering, Meddelande
from barnkonsekvens import services as barn_services
from barnkonsekvens.models import Barnkonsekvensanalys, Orosanmalan
from beslut import services as beslut_services
from beslut.models import Beslut, Overklagande
from bistand.access import SkrivrattSaknas
from bistand.models import JournalAnteckning
from tests.beslut.conftest import post_beslut
from utredning import services as utredning_services
from utredning.models import Kommunicering

pytestmark = pytest.mark.django_db


@pytest.fixture
def avdelningschef(skapa_anvandare):
    return skapa_anvandare("avdchef", "Avdelningschef")


@pytest.fixture(params=["kvalitet", "avdelningschef", "utomstaende"])
def obehorig(request):
    """A user who may read the case (Kvalitet, avdelningschef) or not even that (another
    Enhet's handläggare), but never change it."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def beslut(utredd, handlaggare, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        brev = beslut_services.beslut_fatta(
            ansokan=utredd,
            av=handlaggare,
            poster=[post_beslut(utredd, utfall="delvis_bifall", belopp=Decimal("6000"))],
        )
    return brev.beslut.get()


def _idag():
    return timezone.localdate()


SKRIVNINGAR = {
    "meddelande_skicka": lambda a, av: ansokan_services.meddelande_skicka(
        ansokan=a, text="Hej", av=av
    ),
    "komplettering_begar": lambda a, av: ansokan_services.komplettering_begar(
        ansokan=a, av=av, vad="Kontoutdrag", varfor="Inkomsterna", senast=_idag()
    ),
    "ansokan_markera_komplett": lambda a, av: ansokan_services.ansokan_markera_komplett(
        ansokan=a, av=av
    ),
    "forsening_underratta": lambda a, av: ansokan_services.forsening_underratta(
        ansokan=a, av=av, skal="Många ärenden", beraknat_datum=_idag() + dt.timedelta(days=30)
    ),
    "journal_anteckning_skriv": lambda a, av: utredning_services.journal_anteckning_skriv(
        akt=a.akt, av=av, kontakttyp="telefon", text="Ringde", handelse_datum=_idag(), signera=True
    ),
    "utredning_text_spara": lambda a, av: utredning_services.utredning_text_spara(
        utredning=a.utredning, falt="individuell_bedomning", text="Ändrad", av=av
    ),
    "kommunicering_skicka": lambda a, av: utredning_services.kommunicering_skicka(
        utredning=a.utredning, av=av, vad="Uppgift från Försäkringskassan", svara_senast=_idag()
    ),
    "beslut_fatta": lambda a, av: beslut_services.beslut_fatta(
        ansokan=a, av=av, poster=[post_beslut(a)]
    ),
    "orosanmalan_registrera": lambda a, av: barn_services.orosanmalan_registrera(
        akt=a.akt, av=av, datum=_idag(), mottagare="Barn och unga", skal="Oro"
    ),
    "analys_spara": lambda a, av: barn_services.analys_spara(
        ansokan=a,
        barn=a.akt.hushall.medlemmar.get(roll="sokande").person,
        av=av,
        behov="Behov",
    ),
}


def _antal() -> dict[str, int]:
    return {
        "meddelanden": Meddelande.objects.count(),
        "kompletteringar": Komplettering.objects.count(),
        "journal": JournalAnteckning.objects.count(),
        "kommuniceringar": Kommunicering.objects.count(),
        "beslut": Beslut.objects.count(),
        "orosanmalningar": Orosanmalan.objects.count(),
        "analyser": Barnkonsekvensanalys.objects.count(),
        "forseningar": Ansokan.objects.filter(forseningar__isnull=False).count(),
    }


@pytest.mark.parametrize("tjanst", sorted(SKRIVNINGAR))
def test_a_write_service_refuses_a_user_without_the_write_right(utredd, obehorig, tjanst):
    fore = _antal()
    status = utredd.status
    text = utredd.utredning.individuell_bedomning
    with pytest.raises(SkrivrattSaknas) as fel:
        SKRIVNINGAR[tjanst](utredd, obehorig)
    assert "behörighet att ändra" in str(fel.value)
    assert _antal() == fore
    utredd.refresh_from_db()
    assert utredd.status == status
    assert utredd.utredning.individuell_bedomning == text


def test_the_handlaggare_of_the_enhet_passes_the_same_check(utredd, handlaggare):
    SKRIVNINGAR["meddelande_skicka"](utredd, handlaggare)
    SKRIVNINGAR["journal_anteckning_skriv"](utredd, handlaggare)
    assert Meddelande.objects.filter(ansokan=utredd).exists()


def test_an_appeal_cannot_be_registered_or_moved_by_a_user_without_the_write_right(
    beslut, handlaggare, obehorig
):
    with pytest.raises(SkrivrattSaknas):
        beslut_services.overklagande_registrera(
            beslut=beslut, text="Fel", inkommen=_idag(), av=obehorig
        )
    assert not Overklagande.objects.exists()
    o = beslut_services.overklagande_registrera(
        beslut=beslut, text="Fel", inkommen=_idag(), av=handlaggare
    )
    with pytest.raises(SkrivrattSaknas):
        beslut_services.overklagande_rattidsprova(overklagande=o, av=obehorig)
    o.refresh_from_db()
    assert o.status == Overklagande.Status.INKOMMEN


def test_kvalitet_cannot_register_an_intake_without_a_view(kvalitet, akt):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    fore = Ansokan.objects.count()
    with pytest.raises(SkrivrattSaknas):
        ansokan_services.ansokan_registrera(
            sokande=sokande, av=kvalitet, typ="nyansokan", kanal="papper", mottagen=_idag()
        )
    assert Ansokan.objects.count() == fore


def test_a_periodic_job_and_the_applicant_write_without_a_staff_user(utredd):
    """`av` None is the system or the applicant, whose own access function already ran."""
    sokande = utredd.akt.hushall.medlemmar.get(roll="sokande").person
    m = ansokan_services.meddelande_skicka(ansokan=utredd, text="Fråga", av_person=sokande)
    assert m.pk
