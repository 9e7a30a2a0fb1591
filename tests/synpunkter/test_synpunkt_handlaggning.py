"""Handling by the nearest manager: routing, never about oneself, receipt and answer
deadlines as Bevakningar, återkoppling, and access (docs/regler.md: Synpunkter)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from bistand.bevakning_skanning import bevakningar_markera_overskridna
from bistand.models import Atkomstlogg, Bevakning
from synpunkter import services
from synpunkter.models import Synpunkt

from .conftest import logga_in_sokande

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("galler", "vantad"),
    [
        ("enheten", "enhetschef"),
        ("handlaggaren", "enhetschef"),
        ("handlaggaren_i_annan_enhet", "annan_enhetschef"),
        ("enhetschefen", "avdelningschef"),
        ("ingen_enhet", "avdelningschef"),
    ],
)
def test_a_synpunkt_is_routed_to_the_nearest_manager(
    request,
    registrera,
    enhet,
    handlaggare,
    utomstaende,
    enhetschef,
    annan_enhetschef,
    avdelningschef,
    galler,
    vantad,
):
    argument = {
        "enheten": {"enhet": enhet},
        "handlaggaren": {"berord_personal": handlaggare},
        "handlaggaren_i_annan_enhet": {"enhet": enhet, "berord_personal": utomstaende},
        "enhetschefen": {"enhet": enhet, "berord_personal": enhetschef},
        "ingen_enhet": {},
    }[galler]
    s = registrera(**argument)
    assert s.handlaggs_av == request.getfixturevalue(vantad)


def test_a_person_never_handles_a_synpunkt_about_herself(
    client, registrera, enhet, enhetschef, avdelningschef
):
    s = registrera(enhet=enhet, berord_personal=enhetschef)
    assert s.handlaggs_av == avdelningschef
    assert not services.kan_hantera(enhetschef, s)
    with pytest.raises(ValidationError):
        services.synpunkt_kvittera(synpunkt=s, av=enhetschef)
    client.force_login(enhetschef)
    assert client.get(f"/synpunkter/{s.pk}/").status_code == 404
    assert client.post(f"/synpunkter/{s.pk}/kvittera/").status_code == 404
    assert s.nummer not in client.get("/synpunkter/").content.decode()


def test_the_database_refuses_a_handler_who_is_the_person_concerned(registrera, enhet, enhetschef):
    from django.db import IntegrityError, transaction

    s = registrera(enhet=enhet)
    with pytest.raises(IntegrityError), transaction.atomic():
        Synpunkt.objects.filter(pk=s.pk).update(berord_personal=enhetschef)


def test_with_no_other_manager_the_synpunkt_about_the_only_chef_waits_unassigned(
    registrera, enhet, enhetschef
):
    s = registrera(enhet=enhet, berord_personal=enhetschef)
    assert s.handlaggs_av is None


@time_machine.travel(datetime.datetime(2026, 11, 27, 9, tzinfo=datetime.UTC), tick=False)
def test_receipt_and_answer_are_bevakningar_in_working_days(registrera, akt, enhetschef):
    # Friday 27 November: 2 working days → Tuesday 1 December; 15 → Friday 18 December.
    s = registrera(akt=akt, vill_ha_svar=True, svarssatt="brev", adress="Storgatan 1")
    assert s.kvittens_senast == datetime.date(2026, 12, 1)
    assert s.svar_senast == datetime.date(2026, 12, 18)
    bevakningar = {b.typ: b for b in Bevakning.objects.filter(objekt_id=s.pk)}
    assert bevakningar["synpunkt_kvittens"].forfaller == datetime.date(2026, 12, 1)
    assert bevakningar["synpunkt_svar"].forfaller == datetime.date(2026, 12, 18)
    assert {b.agare for b in bevakningar.values()} == {enhetschef}


def test_a_receipt_meets_its_bevakning(registrera, akt, enhetschef):
    s = registrera(akt=akt)
    services.synpunkt_kvittera(synpunkt=s, av=enhetschef)
    b = Bevakning.objects.get(typ="synpunkt_kvittens", objekt_id=s.pk)
    assert b.status == "uppfylld"
    s.refresh_from_db()
    assert s.status == "mottagen" and s.kvitterad is not None


def test_a_receipt_not_given_in_time_is_marked_passed(registrera, akt, enhetschef):
    s = registrera(akt=akt, inkom=datetime.date(2026, 11, 2))
    assert bevakningar_markera_overskridna(s.kvittens_senast + datetime.timedelta(days=1)) >= 1
    assert Bevakning.objects.get(typ="synpunkt_kvittens", objekt_id=s.pk).status == "overskriden"
    # A late receipt still closes the watch.
    services.synpunkt_kvittera(synpunkt=s, av=enhetschef)
    assert Bevakning.objects.get(typ="synpunkt_kvittens", objekt_id=s.pk).status == "uppfylld"


def test_the_manager_answers_and_the_answer_bevakning_is_met(client, registrera, akt, enhetschef):
    s = registrera(akt=akt, vill_ha_svar=True, svarssatt="telefon", telefon="070-111")
    client.force_login(enhetschef)
    svar = client.post(
        f"/synpunkter/{s.pk}/aterkoppla/",
        {"satt": "telefon", "text": "Ringde och förklarade beslutet."},
    )
    assert svar.status_code == 302
    s.refresh_from_db()
    assert s.status == "besvarad" and s.aterkopplingar.get().satt == "telefon"
    assert set(Bevakning.objects.filter(objekt_id=s.pk).values_list("status", flat=True)) == {
        "uppfylld"
    }
    assert client.post(f"/synpunkter/{s.pk}/avsluta/").status_code == 302
    s.refresh_from_db()
    assert s.status == "avslutad"


def test_an_answer_without_text_is_refused_beside_the_field(client, registrera, akt, enhetschef):
    s = registrera(akt=akt)
    client.force_login(enhetschef)
    svar = client.post(f"/synpunkter/{s.pk}/aterkoppla/", {"satt": "brev", "text": ""})
    assert svar.status_code == 200
    assert "Skriv svaret." in svar.content.decode()


def test_a_synpunkt_that_wants_an_answer_cannot_be_closed_before_it(registrera, akt, enhetschef):
    s = registrera(akt=akt, vill_ha_svar=True, svarssatt="brev", adress="Storgatan 1")
    with pytest.raises(ValidationError, match="återkopplingen"):
        services.synpunkt_avsluta(synpunkt=s, av=enhetschef)


def test_another_units_manager_gets_404_and_every_read_is_logged(
    client, registrera, akt, enhetschef, annan_enhetschef, kvalitet
):
    s = registrera(akt=akt)
    client.force_login(annan_enhetschef)
    assert client.get(f"/synpunkter/{s.pk}/").status_code == 404
    assert s.nummer not in client.get("/synpunkter/").content.decode()
    assert Atkomstlogg.objects.filter(
        anvandarnamn="chefen2", sida="synpunkt", beviljad=False
    ).exists()
    for user in (enhetschef, kvalitet):
        client.force_login(user)
        assert client.get(f"/synpunkter/{s.pk}/").status_code == 200
        assert Atkomstlogg.objects.filter(
            anvandarnamn=user.username, sida="synpunkt", akt_id=akt.pk, beviljad=True
        ).exists()
    # Kvalitet reads across units but does not handle.
    assert client.post(f"/synpunkter/{s.pk}/kvittera/").status_code == 404


def test_the_list_logs_one_row_per_synpunkt_and_keeps_its_query_count(
    client, registrera, akt, enhetschef, django_assert_max_num_queries
):
    registrera(akt=akt)
    client.force_login(enhetschef)
    client.get("/synpunkter/")
    assert Atkomstlogg.objects.filter(sida="synpunkter", akt_id=akt.pk).count() == 1
    for _ in range(5):
        registrera(akt=akt)
    with django_assert_max_num_queries(14):
        client.get("/synpunkter/")


def test_the_manager_sees_her_synpunkter_on_the_start_page(client, registrera, akt, enhetschef):
    s = registrera(akt=akt)
    client.force_login(enhetschef)
    html = client.get("/arbetslista/").content.decode()
    assert "Synpunkter att handlägga" in html and s.nummer in html


def test_the_applicant_reads_her_answer_and_another_applicant_gets_404(
    client, sokande, akt, enhetschef, skapa_akt, enhet
):
    logga_in_sokande(client, sokande)
    client.post(
        "/e-tjanst/synpunkt/",
        {
            "slag": "klagomal",
            "text": "Jag fick fel besked.",
            "vill_ha_svar": "on",
            "svarssatt": "etjanst",
        },
    )
    s = Synpunkt.objects.get()
    services.synpunkt_aterkoppla(
        synpunkt=s, av=enhetschef, satt="etjanst", text="Förlåt, vi har rättat beskedet."
    )
    assert "Mina synpunkter" in client.get("/e-tjanst/").content.decode()
    html = client.get(f"/e-tjanst/synpunkt/{s.pk}/").content.decode()
    assert "Förlåt, vi har rättat beskedet." in html
    assert s.aterkopplingar.get().last_av_sokande is not None

    annan = skapa_akt(enhet).hushall.medlemmar.get(roll="sokande").person
    logga_in_sokande(client, annan)
    assert client.get(f"/e-tjanst/synpunkt/{s.pk}/").status_code == 404
    assert Atkomstlogg.objects.filter(
        anvandarnamn=f"sokande:{annan.pk}", sida="etjanst-synpunkt", beviljad=False
    ).exists()


def test_the_avdelningschef_reads_every_units_akter_and_the_read_is_logged(
    client, avdelningschef, skapa_akt, annan_enhet
):
    akt = skapa_akt(annan_enhet)
    client.force_login(avdelningschef)
    assert client.get(f"/akter/{akt.pk}/").status_code == 200
    assert Atkomstlogg.objects.filter(anvandarnamn="avdchef", akt_id=akt.pk, sida="akt").exists()
    assert client.get("/").status_code == 302  # the start page is /synpunkter/


def test_an_answer_by_letter_is_a_pdf_that_an_outsider_cannot_reach(
    client, registrera, akt, enhetschef, utomstaende
):
    s = registrera(akt=akt, vill_ha_svar=True, svarssatt="brev", adress="Storgatan 1")
    a = services.synpunkt_aterkoppla(synpunkt=s, av=enhetschef, satt="brev", text="Vårt svar.")
    client.force_login(enhetschef)
    svar = client.get(f"/synpunkter/{s.pk}/aterkoppling/{a.pk}/brev/")
    assert svar.status_code == 200 and svar["Content-Type"] == "application/pdf"
    assert svar.content.startswith(b"%PDF")
    client.force_login(utomstaende)
    assert client.get(f"/synpunkter/{s.pk}/aterkoppling/{a.pk}/brev/").status_code == 404
