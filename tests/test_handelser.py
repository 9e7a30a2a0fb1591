"""The case history's write function, its kinds as reference data, and its immutability."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from bistand.handelser import OkandHandelsetyp, handelse_registrera, handelsetyper_sakerstall
from bistand.models import Handelse, Handelsetyp

pytestmark = pytest.mark.django_db


def test_an_event_records_kind_akt_object_author_text_and_data(akt, handlaggare):
    with transaction.atomic():
        h = handelse_registrera(
            typ="ansokan.komplett",
            akt=akt,
            objekt=akt.hushall,
            av=handlaggare,
            text="  Allt finns  ",
            data={"belopp": 9000},
        )
    h.refresh_from_db()
    assert (h.typ.namn, h.akt, h.objekt, h.av, h.av_person, h.text, h.data) == (
        "Ansökan bedömd som komplett",
        akt,
        akt.hushall,
        handlaggare,
        None,
        "Allt finns",
        {"belopp": 9000},
    )


def test_an_unknown_kind_is_refused(akt):
    with pytest.raises(OkandHandelsetyp):
        handelse_registrera(typ="ansokan.finns_inte", akt=akt)
    assert not Handelse.objects.exists()


def test_an_ansokan_of_another_akt_is_refused(akt, skapa_akt, enhet, handlaggare):
    from ansokan.services import ansokan_registrera

    annan = skapa_akt(enhet, handlaggare)
    ansokan, _ = ansokan_registrera(
        sokande=annan.hushall.medlemmar.get(roll="sokande").person,
        av=handlaggare,
        typ="nyansokan",
        kanal="papper",
        mottagen=timezone.localdate(),
        poster=[],
    )
    with pytest.raises(ValueError, match="hör inte till akten"):
        handelse_registrera(typ="ansokan.komplett", akt=akt, ansokan=ansokan)


def test_a_long_text_is_cut_and_a_large_payload_refused(akt):
    h = handelse_registrera(typ="ansokan.komplett", akt=akt, text="x" * 400)
    assert len(h.text) == 300 and h.text.endswith("…")
    with pytest.raises(ValueError, match="för stora"):
        handelse_registrera(typ="ansokan.komplett", akt=akt, data={"x": "y" * 5000})


def test_an_event_cannot_be_changed_or_deleted(akt):
    h = handelse_registrera(typ="ansokan.komplett", akt=akt, text="Första")
    with pytest.raises(IntegrityError), transaction.atomic():
        Handelse.objects.filter(pk=h.pk).update(text="ändrad")
    with pytest.raises(IntegrityError), transaction.atomic():
        Handelse.objects.filter(pk=h.pk).delete()
    h.refresh_from_db()
    assert h.text == "Första"


def test_the_kinds_loader_adds_missing_kinds_and_keeps_what_an_administrator_changed():
    Handelsetyp.objects.filter(pk="ansokan.inkommen").update(
        namn="Vi har fått din ansökan", synlig_for_sokande=False
    )
    Handelsetyp.objects.filter(pk="overklagande.avgjord").delete()
    assert handelsetyper_sakerstall() == 1
    assert handelsetyper_sakerstall() == 0
    andrad = Handelsetyp.objects.get(pk="ansokan.inkommen")
    assert (andrad.namn, andrad.synlig_for_sokande) == ("Vi har fått din ansökan", False)
    assert Handelsetyp.objects.get(pk="overklagande.avgjord").app == "beslut"
