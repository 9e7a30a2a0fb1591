"""Synpunkter from every channel: the e-tjänst (with or without login) and staff registration
of what came orally or on paper (docs/regler.md: Synpunkter)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from bistand.models import Atkomstlogg
from synpunkter.models import Omrade, Synpunkt

from .conftest import logga_in_sokande

pytestmark = pytest.mark.django_db


def test_the_areas_are_loaded_as_reference_data():
    assert set(Omrade.objects.values_list("namn", flat=True)) >= {
        "Tillgänglighet",
        "Bemötande",
        "Handläggning och rättssäkerhet",
        "Information",
        "Delaktighet",
        "Annat",
    }


def test_the_etjanst_form_opens_without_login(client, namnd):
    svar = client.get("/e-tjanst/synpunkt/")
    assert svar.status_code == 200
    assert "Lämna klagomål, beröm eller förslag" in svar.content.decode()


def test_an_anonymous_etjanst_synpunkt_carries_no_personal_data(client, namnd, avdelningschef):
    bemotande = Omrade.objects.get(kod="bemotande")
    svar = client.post(
        "/e-tjanst/synpunkt/",
        {
            "slag": "klagomal",
            "text": "Otrevligt bemötande i receptionen.",
            "omraden": [bemotande.pk],
            "anonym": "on",
        },
    )
    assert svar.status_code == 302
    assert svar["Location"] == "/e-tjanst/synpunkt/tack/"
    s = Synpunkt.objects.get()
    assert s.anonym and s.kanal == "etjanst"
    assert s.person is None and s.namn == s.telefon == s.epost == s.adress == ""
    assert list(s.omraden.all()) == [bemotande]
    assert s.handlaggs_av == avdelningschef  # no Enhet named: the manager above the units
    assert s.nummer in client.get("/e-tjanst/synpunkt/tack/").content.decode()


def test_an_anonymous_synpunkt_with_a_name_is_refused_beside_the_field_and_keeps_the_text(
    client, namnd
):
    svar = client.post(
        "/e-tjanst/synpunkt/",
        {"slag": "forslag", "text": "Öppna på lördagar.", "anonym": "on", "namn": "Kalle"},
    )
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "Du har valt att vara anonym" in html
    assert "Öppna på lördagar." in html
    assert not Synpunkt.objects.exists()


def test_the_database_refuses_an_anonymous_synpunkt_with_personal_data(registrera):
    s = registrera(anonym=True, namn="")
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Synpunkt.objects.filter(pk=s.pk).update(telefon="070-1")


def test_a_logged_in_applicant_is_linked_and_routed_to_her_enhet(client, sokande, akt, enhetschef):
    logga_in_sokande(client, sokande)
    svar = client.post(
        "/e-tjanst/synpunkt/",
        {
            "slag": "klagomal",
            "text": "Ingen ringde tillbaka.",
            "vill_ha_svar": "on",
            "svarssatt": "etjanst",
        },
    )
    s = Synpunkt.objects.get()
    assert svar.status_code == 302 and svar["Location"] == f"/e-tjanst/synpunkt/{s.pk}/"
    assert s.person == sokande and s.akt == akt and s.enhet == akt.enhet
    assert s.handlaggs_av == enhetschef


def test_an_oral_synpunkt_needs_the_question_whether_to_register_it(
    client, handlaggare, enhetschef
):
    client.force_login(handlaggare)
    data = {
        "kanal": "telefon",
        "inkom": "2026-11-27",
        "slag": "klagomal",
        "text": "Sökanden ringde och var missnöjd med väntetiden.",
        "namn": "Ali Hassan",
        "enhet": handlaggare.enhet_id,
    }
    svar = client.post("/synpunkter/ny/", data)
    assert svar.status_code == 200
    assert "Fråga personen om det ska registreras som synpunkt" in svar.content.decode()
    assert "missnöjd med väntetiden" in svar.content.decode()
    assert not Synpunkt.objects.exists()

    svar = client.post("/synpunkter/ny/", {**data, "fragan_stalld": "on"})
    s = Synpunkt.objects.get()
    assert svar.status_code == 302 and svar["Location"] == f"/synpunkter/{s.pk}/kvitto/"
    assert s.kanal == "telefon" and s.fragan_stalld and s.registrerad_av == handlaggare
    assert s.handlaggs_av == enhetschef


def test_every_staff_channel_can_be_registered(registrera, enhet, enhetschef):
    for kanal in ("telefon", "besok", "brev", "epost", "mote"):
        s = registrera(
            kanal=kanal, enhet=enhet, fragan_stalld=kanal in {"telefon", "besok", "mote"}
        )
        assert s.kanal == kanal and s.handlaggs_av == enhetschef


def test_a_wish_for_an_answer_by_phone_needs_a_phone_number(registrera):
    with pytest.raises(ValidationError) as fel:
        registrera(vill_ha_svar=True, svarssatt="telefon")
    assert "telefon" in fel.value.message_dict


def test_staff_cannot_link_an_akt_they_may_not_open(client, utomstaende, akt):
    client.force_login(utomstaende)
    svar = client.post(
        "/synpunkter/ny/",
        {
            "kanal": "brev",
            "inkom": "2026-11-27",
            "slag": "klagomal",
            "text": "Klagomål.",
            "namn": "X",
            "aktnummer": akt.aktnummer,
        },
    )
    assert svar.status_code == 200
    assert "Hittar ingen akt med det numret" in svar.content.decode()
    assert not Synpunkt.objects.exists()
    assert not Atkomstlogg.objects.filter(akt_id=akt.pk, beviljad=True).exists()


def test_the_administrator_adds_an_area_and_the_form_offers_it(client, administrator):
    client.force_login(administrator)
    assert client.get("/admin/synpunkter/omrade/").status_code == 200
    svar = client.post(
        "/admin/synpunkter/omrade/add/",
        {"kod": "lokaler", "namn": "Lokaler och väntrum", "ordning": 60, "aktiv": "on"},
    )
    assert svar.status_code == 302
    client.logout()
    assert "Lokaler och väntrum" in client.get("/e-tjanst/synpunkt/").content.decode()


def test_a_synpunkt_about_a_decision_keeps_the_link_and_tells_how_to_appeal(
    client, skapa_utredd, akt, handlaggare, sokande, enhetschef
):
    from beslut import services as beslut_services
    from tests.beslut.conftest import post_beslut

    ansokan = skapa_utredd(akt, handlaggare)
    brev = beslut_services.beslut_fatta(
        ansokan=ansokan, av=handlaggare, poster=[post_beslut(ansokan, utfall="avslag")]
    )
    beslut_services.beslutsbrev_rendera(brev_id=brev.pk)  # the task after commit
    logga_in_sokande(client, sokande)
    form = client.get("/e-tjanst/synpunkt/").content.decode()
    assert "Gäller det ett beslut?" in form
    client.post(
        "/e-tjanst/synpunkt/",
        {"slag": "klagomal", "text": "Avslaget är fel.", "beslutsbrev": str(brev.pk)},
    )
    s = Synpunkt.objects.get()
    assert s.beslutsbrev == brev and s.ansokan == ansokan and s.akt == akt
    html = client.get(f"/e-tjanst/synpunkt/{s.pk}/").content.decode()
    assert "inom tre veckor" in html
    assert f"/e-tjanst/ansokan/{ansokan.pk}/overklaga/" in html


def _personal_post(**extra) -> dict:
    return {
        "kanal": "brev",
        "inkom": "2026-11-27",
        "slag": "klagomal",
        "text": "Handläggningen av min ansökan tog för lång tid.",
        "namn": "Sven Svensson",
        **extra,
    }


def test_staff_link_an_ansokan_and_a_decision_of_the_akt_shown_on_the_synpunkt_page(
    client, skapa_utredd, akt, handlaggare, enhetschef
):
    from beslut import services as beslut_services
    from tests.beslut.conftest import post_beslut

    ansokan = skapa_utredd(akt, handlaggare)
    brev = beslut_services.beslut_fatta(
        ansokan=ansokan, av=handlaggare, poster=[post_beslut(ansokan, utfall="avslag")]
    )
    client.force_login(handlaggare)
    form = client.get(f"/synpunkter/ny/?aktnummer={akt.aktnummer}").content.decode()
    assert f'<option value="{ansokan.pk}">{ansokan.referens}' in form
    assert f'<option value="{brev.pk}">Beslut {brev.beslutsdatum:%Y-%m-%d}' in form
    svar = client.post(
        "/synpunkter/ny/",
        _personal_post(aktnummer=akt.aktnummer, ansokan=ansokan.pk, beslutsbrev=brev.pk),
    )
    assert svar.status_code == 302
    s = Synpunkt.objects.get()
    assert (s.akt, s.ansokan, s.beslutsbrev) == (akt, ansokan, brev)
    client.force_login(enhetschef)
    sida = client.get(f"/synpunkter/{s.pk}/").content.decode()
    assert f"Ansökan {ansokan.referens}" in sida
    assert f"Beslut {brev.beslutsdatum:%Y-%m-%d}" in sida


def test_an_ansokan_of_another_akt_is_refused_beside_the_field_and_nothing_typed_is_lost(
    client, skapa_utredd, skapa_akt, enhet, akt, handlaggare, registrera
):
    annan = skapa_utredd(skapa_akt(enhet, handlaggare), handlaggare)
    client.force_login(handlaggare)
    svar = client.post("/synpunkter/ny/", _personal_post(aktnummer=akt.aktnummer, ansokan=annan.pk))
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Ansökan hör inte till akten" in html
    assert "Handläggningen av min ansökan tog för lång tid." in html
    assert not Synpunkt.objects.exists()
    with pytest.raises(ValidationError) as fel:
        registrera(akt=akt, ansokan=annan)
    assert "ansokan" in fel.value.message_dict
