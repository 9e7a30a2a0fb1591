"""'Som förra månaden' when the household changed between the months: last month's income
rows follow their persons into this month's household, and the income of a person who left
is left out with a note to the handläggare (docs/regler.md: Utredning)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from bistand import services as bistand_services
from utredning import selectors, services

pytestmark = pytest.mark.django_db


def _familj(enhet, handlaggare, nytt_personnummer):
    sokande = bistand_services.person_registrera(
        identitet=nytt_personnummer(dt.date(1984, 2, 3)), fornamn="Sara", efternamn="Sökande"
    )
    akt = bistand_services.akt_skapa(
        enhet=enhet, sokande=sokande, fran=dt.date(2025, 1, 1), handlaggare=handlaggare
    )
    barn = {}
    for namn, fodd in (("Alva", dt.date(2008, 1, 10)), ("Olle", dt.date(2015, 5, 5))):
        person = bistand_services.person_registrera(
            identitet=nytt_personnummer(fodd), fornamn=namn, efternamn="Sökande"
        )
        barn[namn] = bistand_services.hushall_medlem_lagg_till(
            hushall=akt.hushall, person=person, roll="barn", fran=dt.date(2025, 1, 1)
        )
    return akt, barn


def test_last_months_incomes_follow_their_persons_and_a_leavers_income_is_named(
    client, enhet, handlaggare, nytt_personnummer, registrera
):
    akt, barn = _familj(enhet, handlaggare, nytt_personnummer)
    with time_machine.travel(dt.datetime(2026, 10, 3, 9, tzinfo=dt.UTC), tick=False):
        forra = registrera(akt, mottagen=dt.date(2026, 10, 2))
        u = services.utredning_oppna(ansokan=forra, av=handlaggare)
        services.berakning_spara_for_utredning(
            utredning=u,
            av=handlaggare,
            manad=dt.date(2026, 10, 1),
            kostnader={"boende": 7000},
            inkomster=[
                {"typ": "lon", "person": 0, "belopp": 5000},
                {"typ": "lon", "person": 1, "belopp": 1500},  # Alva, the elder child
                {"typ": "underhallsstod", "person": 2, "belopp": 1700},  # Olle
                {"typ": "barnbidrag", "belopp": 2500},
            ],
        )
    # Alva moves out at the end of October.
    bistand_services.hushall_medlem_avsluta(medlem=barn["Alva"], till=dt.date(2026, 10, 31))

    with time_machine.travel(dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC), tick=False):
        ansokan = registrera(akt, typ="ateransokan", mottagen=dt.date(2026, 11, 3))
        services.utredning_oppna(ansokan=ansokan, av=handlaggare)
        client.force_login(handlaggare)
        url = f"/ansokningar/{ansokan.pk}/utredning/"
        sida = client.get(url).content.decode()
        # the prefilled form already leaves Alva's income out and says so
        assert "Lön 1500 kr för Alva är inte medtagen" in sida
        svar = client.post(f"{url}som-forra-manaden/", follow=True)

    assert svar.status_code == 200
    assert "Lön 1500 kr för Alva är inte medtagen" in svar.content.decode()
    blad = selectors.berakning_senaste(ansokan)
    assert [p["roll"] for p in blad.underlag["personer"]] == ["sokande", "barn"]
    assert blad.underlag["inkomster"] == [
        {"typ": "lon", "person": 0, "belopp": 5000},
        {"typ": "underhallsstod", "person": 1, "belopp": 1700},  # Olle is now the only child
        {"typ": "barnbidrag", "belopp": 2500},
    ]
