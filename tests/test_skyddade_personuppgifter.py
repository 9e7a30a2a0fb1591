"""Protected identities are shown only with a grant, wherever a person appears; look-ups by
personnummer are logged; grants are given on a page with a reason and an end date and end by
themselves (docs/regler.md: Behörighet och skyddade personuppgifter)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from bistand import services
from bistand.models import Atkomstlogg, Medgivande, Notis
from bistand.periodiskt import PERIODISKA

pytestmark = pytest.mark.django_db


@pytest.fixture
def skyddad_person(nytt_personnummer):
    return services.person_registrera(
        identitet=nytt_personnummer(),
        fornamn="Hemliga",
        efternamn="Hemlighetsson",
        skydd="skyddad_folkbokforing",
    )


def test_adding_a_protected_person_by_number_reveals_neither_name_nor_protection(
    client, handlaggare, kollega, enhetschef, akt, skyddad_person
):
    client.force_login(handlaggare)
    svar = client.post(
        f"/akter/{akt.pk}/hushall/",
        {
            "personnummer": skyddad_person.identitet,
            "fornamn": "Skrivet",
            "efternamn": "Namn",
            "roll": "ovrig_vuxen",
            "fran": "2026-11-01",
        },
        follow=True,
    )
    text = svar.content.decode()
    assert "Hemlig" not in text
    assert "Skyddad folkbokföring" not in text
    # The household now holds a protected person: the whole unit no longer sees the Akt.
    client.force_login(kollega)
    assert client.get(f"/akter/{akt.pk}/").status_code == 404
    assert Atkomstlogg.objects.filter(
        sida="personnummer-uppslag", person_id=skyddad_person.pk, anvandarnamn="agare"
    ).exists()
    assert Notis.objects.filter(mottagare=enhetschef, lank__contains="medgivanden").exists()


def test_kontaktcenter_gets_no_status_through_an_unprotected_child(
    client, kontaktcenter, skapa_akt, enhet
):
    akt = skapa_akt(enhet, skydd="skyddad_folkbokforing", barn=1)
    barn = akt.hushall.medlemmar.get(roll="barn").person
    client.force_login(kontaktcenter)
    svar = client.get("/kontaktcenter/", {"personnummer": barn.identitet})
    text = svar.content.decode()
    assert svar.status_code == 200
    assert enhet.namn not in text
    assert Atkomstlogg.objects.filter(sida="kontaktcenter-status", beviljad=False).exists()


def test_intake_for_a_protected_person_is_neutral_logged_and_goes_to_the_enhetschef(
    client, kollega, enhetschef, skyddad_akt
):
    from ansokan.models import Ansokan

    sokande = skyddad_akt.hushall.medlemmar.get(roll="sokande").person
    client.force_login(kollega)
    svar = client.post(
        "/ansokningar/registrera/",
        {
            "personnummer": sokande.identitet,
            "fornamn": "",
            "efternamn": "",
            "typ": "nyansokan",
            "kanal": "telefon",
            "mottagen": timezone.localdate().isoformat(),
            "uppgifter": "Ringde",
            "inskick_nyckel": "8f2c7d1e-0000-4000-8000-000000000001",
            "post-forsorjningsstod": "on",
        },
        follow=True,
    )
    text = svar.content.decode()
    assert Ansokan.objects.filter(akt=skyddad_akt).exists()
    assert "har gått till den enhet som handlägger personens ärenden" in text
    assert "Sara" not in text and "Skyddad" not in text
    assert Atkomstlogg.objects.filter(sida="intag-uppslag", person_id=sokande.pk).exists()
    assert Notis.objects.filter(mottagare=enhetschef).exists()


def test_the_enhetschef_grants_with_a_reason_and_end_date_and_the_job_ends_it(
    client, enhetschef, kollega, skapa_akt, enhet, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC))
    akt = skapa_akt(enhet, skydd="sekretessmarkering")
    client.force_login(kollega)
    assert client.get(f"/akter/{akt.pk}/").status_code == 404

    client.force_login(enhetschef)
    assert akt.aktnummer in client.get("/skyddade-akter/").content.decode()
    svar = client.post(
        f"/akter/{akt.pk}/medgivanden/",
        {"anvandare": kollega.pk, "skal": "Vikarierar", "till": "2026-12-04"},
    )
    assert svar.status_code == 302
    assert Medgivande.objects.get().beviljat_av == enhetschef

    client.force_login(kollega)
    assert client.get(f"/akter/{akt.pk}/").status_code == 200

    time_machine.move_to(dt.datetime(2026, 12, 5, 9, tzinfo=dt.UTC))
    assert PERIODISKA["medgivanden"](dt.date(2026, 12, 5)) == 1
    assert PERIODISKA["medgivanden"](dt.date(2026, 12, 5)) == 0  # idempotent
    client.force_login(kollega)  # a new day, a new login
    assert client.get(f"/akter/{akt.pk}/").status_code == 404
    assert Medgivande.objects.get().aterkallat is not None


def test_a_grant_needs_a_reason_and_a_future_end_date(
    client, enhetschef, kollega, skapa_akt, enhet
):
    akt = skapa_akt(enhet, skydd="sekretessmarkering")
    client.force_login(enhetschef)
    svar = client.post(
        f"/akter/{akt.pk}/medgivanden/", {"anvandare": kollega.pk, "skal": "", "till": "2020-01-01"}
    )
    assert svar.status_code == 400
    assert not Medgivande.objects.exists()


def test_only_the_enhetschef_of_the_unit_reaches_the_grant_page(
    client, handlaggare, kvalitet, skapa_akt, enhet, annan_enhet, skapa_anvandare
):
    akt = skapa_akt(enhet, skydd="sekretessmarkering")
    annan_chef = skapa_anvandare("annanchef", "Enhetschef", annan_enhet)
    for user in (handlaggare, kvalitet, annan_chef):
        client.force_login(user)
        assert client.get(f"/akter/{akt.pk}/medgivanden/").status_code == 404


def test_the_enhetschef_revokes_a_grant_and_it_is_recorded(
    client, enhetschef, kollega, skapa_akt, enhet
):
    akt = skapa_akt(enhet, skydd="sekretessmarkering")
    client.force_login(enhetschef)
    client.post(
        f"/akter/{akt.pk}/medgivanden/",
        {
            "anvandare": kollega.pk,
            "skal": "Vikarierar",
            "till": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
        },
    )
    m = Medgivande.objects.get()
    client.post(f"/akter/{akt.pk}/medgivanden/{m.pk}/aterkalla/")
    m.refresh_from_db()
    assert m.aterkallat_av == enhetschef
    client.force_login(kollega)
    assert client.get(f"/akter/{akt.pk}/").status_code == 404
    assert Atkomstlogg.objects.filter(sida="medgivande-aterkallat").exists()
