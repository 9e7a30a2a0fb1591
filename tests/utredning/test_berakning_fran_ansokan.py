"""The beräkning on the utredning page: prefilled from what the applicant declared, any number
of income rows with a kind and a person, the month kept, and the sheet shown row by row
(docs/regler.md: Beräkning)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from utredning import selectors, services

pytestmark = pytest.mark.django_db

IDAG = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)

EKONOMI = {
    "hyra": "7800.00",
    "hushallsel": "400",
    "ersattning": "9800.00",
    "barnbidrag": "2500",
    "bostadsbidrag": "1500",
    "underhallsstod": "1673",
    "lon": None,
}


@pytest.fixture(autouse=True)
def _tid():
    with time_machine.travel(IDAG, tick=False):
        yield


def _url(a):
    return f"/ansokningar/{a.pk}/utredning/"


def _varde(html: str, namn: str) -> str | None:
    """The value of an input, or the selected option of a select, named `namn`."""
    traff = re.search(rf'<input[^>]*name="{namn}"[^>]*value="([^"]*)"', html)
    if traff:
        return traff.group(1)
    select = re.search(rf'<select name="{namn}".*?</select>', html, re.S)
    if select:
        vald = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(0))
        return vald.group(1) if vald else ""
    return None


def test_the_form_is_prefilled_from_the_application(
    client, handlaggare, skapa_akt, enhet, registrera
):
    akt = skapa_akt(enhet, handlaggare, barn=2)
    ansokan = registrera(akt, uppgifter={"ekonomi": EKONOMI})
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    html = client.get(_url(ansokan)).content.decode()
    assert "ifyllda från det sökanden uppgav i ansökan" in html
    assert _varde(html, "kostnad_boende") == "7800"
    assert _varde(html, "kostnad_hushallsel") == "400"
    rader = [
        (_varde(html, f"inkomst_typ_{i}"), _varde(html, f"inkomst_person_{i}")) for i in range(4)
    ]
    assert rader == [
        ("a_kassa", "0"),
        ("barnbidrag", ""),
        ("bostadsbidrag", ""),
        ("underhallsstod", ""),
    ]
    assert _varde(html, "inkomst_belopp_0") == "9800"
    # four filled rows and room for more below them
    assert 'name="inkomst_typ_7"' in html
    assert _varde(html, "manad") == "2026-11"


def test_any_number_of_income_rows_are_saved_and_shown_row_by_row(
    client, handlaggare, skapa_akt, enhet, registrera
):
    akt = skapa_akt(enhet, handlaggare, barn=2)
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    data = {"manad": "2026-11", "kostnad_boende": "7 800", "kostnad_hushallsel": "400 kr"}
    inkomster = [
        ("a_kassa", "0", "9 800"),
        ("barnbidrag", "", "2500"),
        ("bostadsbidrag", "", "1500"),
        ("underhallsstod", "1", "1673"),
        ("sjukpenning", "0", "1200"),
    ]
    for i, (typ, vem, belopp) in enumerate(inkomster):
        data |= {
            f"inkomst_typ_{i}": typ,
            f"inkomst_person_{i}": vem,
            f"inkomst_belopp_{i}": belopp,
        }
    svar = client.post(_url(ansokan) + "berakning/", data)
    assert svar.status_code == 302, svar.content.decode()[:3000]
    berakning = selectors.berakning_senaste(ansokan)
    assert berakning.manad == dt.date(2026, 11, 1)
    assert berakning.inkomster == 9800 + 2500 + 1500 + 1673 + 1200
    assert [i.get("person") for i in berakning.underlag["inkomster"]] == [0, None, None, 1, 0]

    html = client.get(_url(ansokan)).content.decode()
    # the sheet row by row on the handläggare's page, as in the letter
    assert "berakning-tabell" in html
    assert "Ersättning från a-kassa" in html and "Underhållsstöd" in html
    assert "Sjukpenning" in html
    # the next calculation starts from this one: every row, the same month
    assert _varde(html, "inkomst_typ_4") == "sjukpenning"
    assert _varde(html, "inkomst_person_3") == "1"
    assert _varde(html, "manad") == "2026-11"


def test_the_month_of_a_saved_sheet_is_kept(client, handlaggare, akt, registrera):
    ansokan = registrera(akt)
    u = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    services.berakning_spara_for_utredning(
        utredning=u,
        av=handlaggare,
        manad=dt.date(2026, 10, 1),
        kostnader={"boende": 5000},
        inkomster=[],
    )
    client.force_login(handlaggare)
    html = client.get(_url(ansokan)).content.decode()
    assert _varde(html, "manad") == "2026-10"


def test_more_rows_keep_what_was_typed_and_save_nothing(client, handlaggare, akt, registrera):
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    data = {"manad": "2026-11", "kostnad_boende": "6100", "fler_rader": "1"}
    data |= {f"inkomst_typ_{i}": "annan" for i in range(4)}
    data |= {f"inkomst_belopp_{i}": str(100 + i) for i in range(4)}
    svar = client.post(_url(ansokan) + "berakning/", data)
    html = svar.content.decode()
    assert svar.status_code == 200
    assert 'name="inkomst_typ_7"' in html
    assert _varde(html, "inkomst_belopp_3") == "103"
    assert _varde(html, "kostnad_boende") == "6100"
    assert selectors.berakning_senaste(ansokan) is None


def test_an_unreadable_amount_is_shown_beside_its_field_and_kept(
    client, handlaggare, akt, registrera
):
    ansokan = registrera(akt)
    services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    client.force_login(handlaggare)
    svar = client.post(
        _url(ansokan) + "berakning/",
        {"manad": "2026-11", "inkomst_typ_0": "lon", "inkomst_belopp_0": "mycket"},
    )
    html = svar.content.decode()
    assert svar.status_code == 400
    assert "Skriv beloppet i hela kronor" in html
    assert _varde(html, "inkomst_belopp_0") == "mycket"
