"""Deadlines without an Akt and the case history (docs/regler.md: Synpunkter)."""

from __future__ import annotations

import pytest

from bistand.models import Bevakning, Handelse
from synpunkter import services

pytestmark = pytest.mark.django_db


def test_a_synpunkt_without_an_akt_still_gets_receipt_and_answer_bevakningar(
    registrera, enhet, enhetschef
):
    s = registrera(enhet=enhet, vill_ha_svar=True, svarssatt="telefon", telefon="070-1")
    bevakningar = Bevakning.objects.filter(objekt_id=s.pk, typ__startswith="synpunkt_")
    assert {(b.typ, b.akt_id, b.agare_id) for b in bevakningar} == {
        ("synpunkt_kvittens", None, enhetschef.pk),
        ("synpunkt_svar", None, enhetschef.pk),
    }
    services.synpunkt_kvittera(synpunkt=s, av=enhetschef)
    assert bevakningar.get(typ="synpunkt_kvittens").status == "uppfylld"


def test_every_write_on_a_synpunkt_about_an_akt_is_an_event_of_its_case_history(
    registrera, akt, enhetschef
):
    s = registrera(akt=akt, vill_ha_svar=True, svarssatt="brev", adress="Storgatan 1")
    services.synpunkt_kvittera(synpunkt=s, av=enhetschef)
    services.synpunkt_aterkoppla(synpunkt=s, av=enhetschef, satt="brev", text="Svar.")
    services.synpunkt_avsluta(synpunkt=s, av=enhetschef)
    typer = list(Handelse.objects.filter(akt=akt).order_by("pk").values_list("typ", flat=True))
    assert [t for t in typer if t.startswith("synpunkter.")] == [
        "synpunkter.registrerad",
        "synpunkter.kvitterad",
        "synpunkter.besvarad",
        "synpunkter.avslutad",
    ]


def test_an_anonymous_synpunkt_writes_no_event(registrera, enhet):
    registrera(enhet=enhet, anonym=True, namn="")
    assert not Handelse.objects.filter(typ__kod__startswith="synpunkter.").exists()
