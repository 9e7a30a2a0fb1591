"""Staff keep the household up to date: members join and move out, dated (SOSFS 2013:1)."""

from __future__ import annotations

import datetime as dt

import pytest

from bistand.models import HushallMedlem

pytestmark = pytest.mark.django_db


def test_a_child_visiting_for_umgange_is_added(client, handlaggare, akt, nytt_personnummer):
    client.force_login(handlaggare)
    nummer = nytt_personnummer(dt.date(2017, 4, 3))
    svar = client.post(
        f"/akter/{akt.pk}/hushall/",
        {
            "personnummer": nummer,
            "fornamn": "Lova",
            "efternamn": "Sökande",
            "roll": "barn",
            "umgangesdagar": "8",
            "fran": "2026-11-01",
        },
    )
    assert svar.status_code == 302
    medlem = HushallMedlem.objects.get(person__identitet=nummer)
    assert (medlem.boende, medlem.umgangesdagar, medlem.hushall_id) == (
        "umgange",
        8,
        akt.hushall_id,
    )


def test_an_adult_cannot_visit_for_umgange_and_the_text_is_kept(
    client, handlaggare, akt, nytt_personnummer
):
    client.force_login(handlaggare)
    svar = client.post(
        f"/akter/{akt.pk}/hushall/",
        {
            "personnummer": nytt_personnummer(),
            "fornamn": "Kim",
            "efternamn": "Vuxen",
            "roll": "medsokande",
            "umgangesdagar": "4",
            "fran": "2026-11-01",
        },
    )
    text = svar.content.decode()
    assert svar.status_code == 200
    assert "Bara barn kan vara i hushållet på umgänge." in text
    assert 'value="Kim"' in text


def test_an_invalid_number_is_explained_next_to_the_field(client, handlaggare, akt):
    client.force_login(handlaggare)
    svar = client.post(
        f"/akter/{akt.pk}/hushall/",
        {
            "personnummer": "19900101-2384",
            "fornamn": "A",
            "efternamn": "B",
            "roll": "barn",
            "fran": "2026-11-01",
        },
    )
    assert "kontrollsiffran är fel" in svar.content.decode()


def test_a_member_moves_out_and_the_history_stays(client, handlaggare, akt, nytt_personnummer):
    from bistand import services

    vuxen = services.person_registrera(identitet=nytt_personnummer(), fornamn="Ö", efternamn="V")
    medlem = services.hushall_medlem_lagg_till(
        hushall=akt.hushall, person=vuxen, roll="ovrig_vuxen", fran=dt.date(2026, 1, 1)
    )
    client.force_login(handlaggare)
    client.post(f"/akter/{akt.pk}/hushall/{medlem.pk}/avsluta/", {"till": "2026-10-31"})
    medlem.refresh_from_db()
    assert medlem.till == dt.date(2026, 10, 31)


def test_an_outsider_and_kvalitet_cannot_change_the_household(client, utomstaende, kvalitet, akt):
    for user in (utomstaende, kvalitet):
        client.force_login(user)
        assert client.get(f"/akter/{akt.pk}/hushall/").status_code == 404
