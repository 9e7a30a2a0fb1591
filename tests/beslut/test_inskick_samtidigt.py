"""Single-shot actions stay single when two requests run at the same moment on two database
connections (PostgreSQL): the same form sent twice makes one decision, one appeal, one
kommunicering, one journal entry; two managers answering one samråd get one "sparat" and one
"redan besvarat"; two submits of one draft register it once (docs/regler.md: Ett inskick blir
ett)."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from ansokan import services as ansokan_services
from ansokan.models import Ansokan
from beslut import services
from beslut.models import Beslut, Beslutsbrev, Overklagande, Samrad
from bistand.models import Handelse, JournalAnteckning
from tests.beslut.conftest import post_beslut
from tests.conftest import krav_tjanst
from utredning import services as utredning_services
from utredning.models import Kommunicering

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _samtidigt(*anrop) -> list:
    """Run the calls in threads that start together; each result or its ValidationError."""
    start = threading.Barrier(len(anrop), timeout=20)
    utfall: list = [None] * len(anrop)

    def kor(i, f):
        try:
            start.wait()
            utfall[i] = f()
        except ValidationError as fel:
            utfall[i] = fel
        finally:
            connections.close_all()

    tradar = [threading.Thread(target=kor, args=(i, f)) for i, f in enumerate(anrop)]
    for t in tradar:
        t.start()
    for t in tradar:
        t.join(60)
    return utfall


@pytest.fixture(autouse=True)
def _postgresql():
    krav_tjanst("PostgreSQL (DATABASE_URL)", connection.vendor == "postgresql")


def test_the_same_decision_form_sent_twice_at_once_makes_one_letter(utredd, handlaggare):
    nyckel = uuid.uuid4()

    def fatta():
        return services.beslut_fatta(
            ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd)], inskick_nyckel=nyckel
        )

    forsta, andra = _samtidigt(fatta, fatta)
    assert isinstance(forsta, Beslutsbrev) and isinstance(andra, Beslutsbrev)
    assert forsta.pk == andra.pk
    assert Beslut.objects.count() == 1 and Beslutsbrev.objects.count() == 1


def test_the_same_appeal_sent_four_times_at_once_makes_one_appeal(
    utredd, handlaggare, django_capture_on_commit_callbacks
):
    brev = services.beslut_fatta(
        ansokan=utredd, av=handlaggare, poster=[post_beslut(utredd, utfall="avslag")]
    )
    beslut = brev.beslut.get()
    sokande = utredd.sokande
    nyckel = uuid.uuid4()

    def overklaga():
        return services.overklaganden_registrera(
            beslut=[beslut],
            text="Jag behöver hela beloppet.",
            inkommen=timezone.localdate(),
            av_person=sokande,
            inskick_nyckel=nyckel,
        )

    utfall = _samtidigt(overklaga, overklaga, overklaga, overklaga)
    assert all(isinstance(u, list) for u in utfall), utfall
    assert Overklagande.objects.count() == 1
    assert {u[0].pk for u in utfall} == {Overklagande.objects.get().pk}


def test_the_same_kommunicering_and_journal_entry_sent_twice_at_once_are_made_once(
    utredd, handlaggare
):
    k_nyckel, j_nyckel = uuid.uuid4(), uuid.uuid4()
    fore = JournalAnteckning.objects.filter(akt=utredd.akt).count()

    def kommunicera():
        return utredning_services.kommunicering_skicka(
            utredning=utredd.utredning,
            av=handlaggare,
            vad="Uppgift från Försäkringskassan",
            svara_senast=timezone.localdate() + dt.timedelta(days=10),
            inskick_nyckel=k_nyckel,
        )

    def journal():
        return utredning_services.journal_anteckning_skriv(
            akt=utredd.akt,
            av=handlaggare,
            kontakttyp="telefon",
            text="Sökande ringde.",
            handelse_datum=timezone.localdate(),
            signera=True,
            inskick_nyckel=j_nyckel,
        )

    utfall = _samtidigt(kommunicera, kommunicera, journal, journal)
    assert not any(isinstance(u, Exception) for u in utfall), utfall
    assert Kommunicering.objects.count() == 1
    # the kommunicering writes journal entries of its own; the journal form wrote one
    egna = JournalAnteckning.objects.filter(akt=utredd.akt, text="Sökande ringde.")
    assert egna.count() == 1
    assert JournalAnteckning.objects.filter(akt=utredd.akt).count() > fore


def test_two_managers_answering_one_samrad_at_once_get_one_saved_answer(
    utredd, handlaggare, forste, enhetschef
):
    samrad = services.samrad_begar(
        ansokan=utredd,
        post=utredd.poster.get(),
        av=handlaggare,
        avser="norm",
        skal="Särskilda skäl",
    )

    def svara(vem, godkand):
        return lambda: services.samrad_besvara(
            samrad=Samrad.objects.get(pk=samrad.pk),
            av=vem,
            godkand=godkand,
            kommentar="" if godkand else "Underlaget räcker inte.",
        )

    utfall = _samtidigt(svara(forste, True), svara(enhetschef, False))
    sparade = [u for u in utfall if isinstance(u, Samrad)]
    nekade = [u for u in utfall if isinstance(u, ValidationError)]
    assert len(sparade) == 1 and len(nekade) == 1, utfall
    assert "redan besvarat" in " ".join(nekade[0].messages)
    samrad.refresh_from_db()
    assert samrad.besvarad_av == sparade[0].besvarad_av
    assert Handelse.objects.filter(typ="samrad.besvarat").count() == 1


def test_one_draft_submitted_twice_at_once_is_registered_once(akt):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    utkast = ansokan_services.ansokan_utkast_skapa(sokande=sokande, typ="nyansokan")

    def skicka():
        return ansokan_services.ansokan_skicka_in(ansokan=utkast, sokande=sokande)

    utfall = _samtidigt(skicka, skicka)
    assert sorted(ny for _, ny in utfall) == [False, True], utfall
    assert Ansokan.objects.get(pk=utkast.pk).status != "utkast"
    assert Handelse.objects.filter(ansokan_id=utkast.pk, typ="ansokan.inkommen").count() == 1
