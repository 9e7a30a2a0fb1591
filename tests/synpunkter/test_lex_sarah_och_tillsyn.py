"""Avvikelser and lex Sarah (SoL (2025:400) 27 kap. 2, 5, 6 §§) and IVO/JO matters."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from bistand.models import Atkomstlogg, Bevakning
from synpunkter import services
from synpunkter.models import Avvikelse, Synpunkt, Tillsynsarende

pytestmark = pytest.mark.django_db


def test_any_staff_member_reports_and_it_goes_to_the_enhetschef(client, kollega, enhetschef, akt):
    client.force_login(kollega)
    svar = client.post(
        "/synpunkter/avvikelser/ny/",
        {
            "typ": "missforhallande",
            "beskrivning": "Akut ansökan låg över helgen.",
            "aktnummer": akt.aktnummer,
        },
    )
    a = Avvikelse.objects.get()
    assert svar.status_code == 302 and svar["Location"] == f"/synpunkter/avvikelser/{a.pk}/"
    assert a.rapporterad_av == kollega and a.ansvarig == enhetschef and a.akt == akt
    assert a.status == "rapporterad"


def test_a_report_without_description_is_refused_beside_the_field(client, kollega):
    client.force_login(kollega)
    svar = client.post("/synpunkter/avvikelser/ny/", {"typ": "risk", "beskrivning": ""})
    assert svar.status_code == 200
    assert "Beskriv vad som hände." in svar.content.decode()


def test_a_report_by_the_enhetschef_goes_to_the_avdelningschef(enhetschef, avdelningschef):
    a = services.avvikelse_rapportera(
        rapporterad_av=enhetschef, typ="avvikelse", beskrivning="Fel mall användes."
    )
    assert a.ansvarig == avdelningschef


@time_machine.travel(datetime.datetime(2026, 11, 27, 9, tzinfo=datetime.UTC), tick=False)
def test_an_allvarligt_missforhallande_gets_an_ivo_deadline_met_by_the_report(
    client, handlaggare, enhetschef, akt
):
    a = services.avvikelse_rapportera(
        rapporterad_av=handlaggare, typ="missforhallande", beskrivning="X", akt=akt
    )
    client.force_login(enhetschef)
    # The assessment needs the investigation first.
    svar = client.post(
        f"/synpunkter/avvikelser/{a.pk}/bedom/", {"allvarligt": "ja", "bedomning": "Allvarligt."}
    )
    assert "Skriv utredningen innan du gör bedömningen." in svar.content.decode()
    client.post(
        f"/synpunkter/avvikelser/{a.pk}/utreda/",
        {"utredning": "Ingen bevakning av akuta ärenden.", "atgarder": "Ny rutin."},
    )
    client.post(
        f"/synpunkter/avvikelser/{a.pk}/bedom/", {"allvarligt": "ja", "bedomning": "Allvarligt."}
    )
    a.refresh_from_db()
    # The nämnd's target (parameter lex-sarah-ivo-dagar, 14) from the assessment.
    assert a.allvarligt and a.ivo_senast == datetime.date(2026, 12, 11)
    b = Bevakning.objects.get(typ="lex_sarah_ivo", objekt_id=a.pk)
    assert b.forfaller == datetime.date(2026, 12, 11) and b.agare == enhetschef
    with pytest.raises(ValidationError, match="anmälas till IVO först"):
        services.avvikelse_avsluta(avvikelse=a, av=enhetschef)
    client.post(f"/synpunkter/avvikelser/{a.pk}/anmal/", {"datum": "2026-11-30"})
    b.refresh_from_db()
    a.refresh_from_db()
    assert b.status == "uppfylld" and a.status == "anmald"
    with pytest.raises(ValidationError, match="rapporterade"):
        services.avvikelse_avsluta(avvikelse=a, av=enhetschef)
    client.post(f"/synpunkter/avvikelser/{a.pk}/informera/")
    client.post(f"/synpunkter/avvikelser/{a.pk}/avsluta/")
    a.refresh_from_db()
    assert a.rapportor_informerad is not None and a.status == "avslutad"


def test_a_report_not_allvarligt_gets_no_ivo_deadline(handlaggare, enhetschef):
    a = services.avvikelse_rapportera(rapporterad_av=handlaggare, typ="risk", beskrivning="X")
    services.avvikelse_utreda(avvikelse=a, av=enhetschef, utredning="Utrett.", atgarder="")
    services.avvikelse_bedom(avvikelse=a, av=enhetschef, allvarligt=False, bedomning="Liten.")
    assert a.ivo_senast is None
    assert not Bevakning.objects.filter(typ="lex_sarah_ivo").exists()
    with pytest.raises(ValidationError):
        services.avvikelse_anmal_ivo(avvikelse=a, av=enhetschef, datum=datetime.date(2026, 11, 30))


def test_the_reporter_sees_her_report_but_cannot_handle_it_and_another_unit_gets_404(
    client, handlaggare, enhetschef, annan_enhetschef
):
    a = services.avvikelse_rapportera(
        rapporterad_av=handlaggare, typ="missforhallande", beskrivning="X"
    )
    client.force_login(handlaggare)
    assert client.get(f"/synpunkter/avvikelser/{a.pk}/").status_code == 200
    assert (
        client.post(f"/synpunkter/avvikelser/{a.pk}/utreda/", {"utredning": "Y"}).status_code == 404
    )
    client.force_login(annan_enhetschef)
    assert client.get(f"/synpunkter/avvikelser/{a.pk}/").status_code == 404
    assert Atkomstlogg.objects.filter(
        anvandarnamn="chefen2", sida="avvikelse", beviljad=False
    ).exists()


def test_an_ivo_matter_has_a_yttrande_deadline_and_a_returned_complaint_becomes_a_synpunkt(
    client, avdelningschef, enhet, enhetschef, akt, registrera
):
    s = registrera(akt=akt)
    client.force_login(avdelningschef)
    svar = client.post(
        "/synpunkter/tillsyn/",
        {
            "myndighet": "ivo",
            "diarienummer": "3.5.1-4711/2026",
            "inkom": "2026-11-02",
            "beskrivning": "Klagomål på bemötande.",
            "yttrande_senast": "2026-12-01",
            "synpunkter": s.nummer,
            "aktnummer": akt.aktnummer,
        },
    )
    t = Tillsynsarende.objects.get()
    assert svar.status_code == 302 and svar["Location"] == f"/synpunkter/tillsyn/{t.pk}/"
    assert list(t.synpunkter.all()) == [s] and list(t.akter.all()) == [akt]
    b = Bevakning.objects.get(typ="tillsyn_yttrande", objekt_id=t.pk)
    assert b.forfaller == datetime.date(2026, 12, 1) and b.agare == avdelningschef
    client.post(
        f"/synpunkter/tillsyn/{t.pk}/yttrande/",
        {"yttrande": "Nämnden har gått igenom ärendet.", "datum": "2026-11-20"},
    )
    b.refresh_from_db()
    assert b.status == "uppfylld"
    client.post(
        f"/synpunkter/tillsyn/{t.pk}/beslut/",
        {"datum": "2026-11-25", "beslut": "IVO avslutar ärendet.", "kritik": "on"},
    )
    client.post(
        f"/synpunkter/tillsyn/{t.pk}/atgarder/",
        {"atgarder": "Utbildning i bemötande.", "datum": "2026-11-26"},
    )
    client.post(
        f"/synpunkter/tillsyn/{t.pk}/aterfor/",
        {"text": "Klagomål som IVO lämnat över.", "namn": "Ida Väst"},
    )
    t.refresh_from_db()
    assert t.status == "avgjort" and t.kritik and t.atgarder_datum == datetime.date(2026, 11, 26)
    ny = Synpunkt.objects.get(tillsynsarende=t)
    assert ny.kanal == "brev" and ny in t.synpunkter.all()


def test_a_duplicate_diarienummer_is_refused_beside_the_field(client, avdelningschef, namnd):
    services.tillsyn_registrera(
        namnd=namnd,
        myndighet="jo",
        diarienummer="1234-2026",
        inkom=datetime.date(2026, 11, 1),
        beskrivning="X",
    )
    client.force_login(avdelningschef)
    svar = client.post(
        "/synpunkter/tillsyn/",
        {"myndighet": "jo", "diarienummer": "1234-2026", "inkom": "2026-11-02", "beskrivning": "Y"},
    )
    assert svar.status_code == 200 and "Ärendet är redan registrerat." in svar.content.decode()


def test_a_handlaggare_does_not_reach_the_ivo_matters(client, handlaggare, namnd):
    t = services.tillsyn_registrera(
        namnd=namnd,
        myndighet="ivo",
        diarienummer="1",
        inkom=datetime.date(2026, 11, 1),
        beskrivning="X",
    )
    client.force_login(handlaggare)
    assert client.get("/synpunkter/tillsyn/").status_code == 404
    assert client.get(f"/synpunkter/tillsyn/{t.pk}/").status_code == 404


def test_the_responsible_manager_sees_the_report_on_the_start_page(client, handlaggare, enhetschef):
    a = services.avvikelse_rapportera(
        rapporterad_av=handlaggare, typ="missforhallande", beskrivning="X"
    )
    client.force_login(enhetschef)
    html = client.get("/arbetslista/").content.decode()
    assert "Avvikelser och lex Sarah att utreda" in html and a.nummer in html
