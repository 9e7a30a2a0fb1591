"""What the applicant entered is shown as it was entered, in Swedish: on the e-tjänst's review
step and on the staff page of the application (docs/regler.md "Handläggarens arbete")."""

from __future__ import annotations

import pytest

from ansokan import services

pytestmark = pytest.mark.django_db

UPPGIFTER = {
    "kontakt": {"adress": "Storgatan 1", "postnummer": "123 45", "ort": "Exempelby"},
    "hushall": {
        "har_medsokande": False,
        "ovriga_vuxna": "",
        "barn": [
            {
                "fornamn": "Alva",
                "personnummer": "201801012385",
                "boende": "umgange",
                "umgangesdagar": 8,
            }
        ],
    },
    "situation": {"sysselsattning": "sjukskriven", "forsorjningshinder": "Sjuk sedan maj"},
    "ekonomi": {"hyra": "9800.50", "lon": "12000", "barnbidrag": None},
    "berattelse": {"berattelse": "Jag har varit sjuk.", "planer": ""},
}

VANTAT = [
    "Storgatan 1",
    "Vad gör du just nu?",
    "Sjukskriven",
    "Hyra",
    "9\u00a0800,50\u00a0kr",
    "Lön efter skatt",
    "12\u00a0000\u00a0kr",
    "Barn 1",
    "Alva, 201801012385, är hos mig på umgänge, 8 umgängesdagar per månad",
    "Berätta om din situation med egna ord",
    "Jag har varit sjuk.",
]

RAA = ["[{'", "{'", "sysselsattning", "forsorjningshinder", "umgangesdagar", "Ifyllt", "9800.50"]


def _utkast(sokande):
    a = services.ansokan_utkast_skapa(sokande=sokande, typ="nyansokan")
    for steg, data in UPPGIFTER.items():
        services.ansokan_utkast_spara(ansokan=a, steg=steg, data=data)
    return a


def _anta(html: str) -> None:
    for text in VANTAT:
        assert text in html, text
    for raa in RAA:
        assert raa not in html, raa


def test_the_review_step_shows_what_was_entered_in_swedish(sokande_klient, sokande):
    a = _utkast(sokande)
    svar = sokande_klient.get(f"/e-tjanst/ansokan/{a.pk}/steg/granska/")
    assert svar.status_code == 200
    _anta(svar.content.decode())


def test_the_staff_page_shows_a_readable_swedish_summary_of_the_applicants_data(
    client, handlaggare, sokande
):
    a = _utkast(sokande)
    a, _ = services.ansokan_skicka_in(ansokan=a, sokande=sokande)
    client.force_login(handlaggare)
    svar = client.get(f"/ansokningar/{a.pk}/")
    assert svar.status_code == 200
    _anta(svar.content.decode())
