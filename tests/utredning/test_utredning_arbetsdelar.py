"""Meetings, försörjningshinder, remiss and närvaro on the utredning page (docs/regler.md:
Utredning): through real requests, with outsiders refused and typed text kept on an error."""

from __future__ import annotations

import datetime as dt

import pytest

from bistand.models import Bevakning
from utredning import services
from utredning.models import Forsorjningshinder, Mote, Narvaro, Remiss

pytestmark = pytest.mark.django_db


@pytest.fixture
def utredd(akt, registrera, handlaggare):
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    return ansokan


def _url(ansokan, rest=""):
    return f"/ansokningar/{ansokan.pk}/utredning/{rest}"


def test_a_nybesok_booked_and_held_meets_the_two_week_deadline(client, handlaggare, utredd):
    client.force_login(handlaggare)
    client.post(
        _url(utredd, "moten/"),
        {
            "mote-typ": "nybesok",
            "mote-kanal": "besok",
            "mote-med_vem": "Sökande",
            "mote-bokad": "2026-11-05T10:00",
        },
    )
    mote = Mote.objects.get()
    client.post(
        _url(utredd, f"moten/{mote.pk}/hallen/"),
        {f"m{mote.pk}-hallen": "2026-11-05T10:15", f"m{mote.pk}-anteckning": "Hölls på kontoret."},
    )
    mote.refresh_from_db()
    assert mote.hallen is not None
    assert Bevakning.objects.get(typ="nybesok", objekt_id=utredd.pk).status == "uppfylld"


def test_each_adult_gets_a_forsorjningshinder(client, handlaggare, utredd):
    sokande = utredd.sokande
    client.force_login(handlaggare)
    client.post(
        _url(utredd, f"hinder/{sokande.pk}/"),
        {
            f"h{sokande.pk}-hinder": "arbetslos_utan",
            f"h{sokande.pk}-anteckning": "Söker arbete",
        },
    )
    assert Forsorjningshinder.objects.get(person=sokande).hinder == "arbetslos_utan"


def test_hinder_for_someone_outside_the_household_is_refused(
    client, handlaggare, utredd, nytt_personnummer
):
    from bistand import services as kart

    annan = kart.person_registrera(identitet=nytt_personnummer(), fornamn="A", efternamn="B")
    client.force_login(handlaggare)
    svar = client.post(_url(utredd, f"hinder/{annan.pk}/"), {f"h{annan.pk}-hinder": "ovrigt"})
    assert svar.status_code == 404


def test_remiss_and_narvaro_are_registered(client, handlaggare, utredd):
    client.force_login(handlaggare)
    client.post(
        _url(utredd, "remiss/"),
        {
            "remiss-person": utredd.sokande.pk,
            "remiss-text": "Praktik tre dagar i veckan",
            "remiss-skickad": "2026-11-10",
        },
    )
    remiss = Remiss.objects.get()
    client.post(
        _url(utredd, f"remiss/{remiss.pk}/narvaro/"),
        {
            f"n{remiss.pk}-fran": "2026-11-16",
            f"n{remiss.pk}-till": "2026-11-20",
            f"n{remiss.pk}-planerade_tillfallen": "3",
            f"n{remiss.pk}-narvarande": "2",
        },
    )
    assert Narvaro.objects.get().narvarande == 2


def test_an_impossible_narvaro_keeps_what_was_typed_with_the_error_next_to_it(
    client, handlaggare, utredd
):
    remiss = services.remiss_skicka(
        utredning=utredd.utredning,
        av=handlaggare,
        person=utredd.sokande,
        text="Praktik",
        skickad=dt.date(2026, 11, 10),
    )
    client.force_login(handlaggare)
    svar = client.post(
        _url(utredd, f"remiss/{remiss.pk}/narvaro/"),
        {
            f"n{remiss.pk}-fran": "2026-11-16",
            f"n{remiss.pk}-till": "2026-11-20",
            f"n{remiss.pk}-planerade_tillfallen": "3",
            f"n{remiss.pk}-narvarande": "5",
        },
        follow=True,
    )
    text = svar.content.decode()
    assert not Narvaro.objects.exists()
    assert "Fler närvarotillfällen än planerade." in text
    assert 'value="5"' in text and 'value="2026-11-16"' in text
    assert "<details open>" in text


@pytest.mark.parametrize("rest", ["moten/", "remiss/", "kommunicering/", "externt-uppslag/"])
def test_an_outsider_cannot_post_to_the_utredning(client, utomstaende, utredd, rest):
    client.force_login(utomstaende)
    assert client.post(_url(utredd, rest), {}).status_code == 404
