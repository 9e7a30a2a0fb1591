"""The e-tjänst page "Räkna ut om du kan ha rätt till försörjningsstöd" (docs/regler.md:
Beräkning)."""

from __future__ import annotations

import pytest

URL = "/e-tjanst/provberakning/"

pytestmark = pytest.mark.django_db


def ifyllt(**andringar) -> dict:
    data = {
        "manad": "2026-12",
        "sokande_fodelsedatum": "1988-04-02",
        "sambo_fodelsedatum": "1990-01-01",
        "barn1_fodelsedatum": "2022-05-10",
        "barn1_lunch_ej_hemma": "on",
        "barn2_fodelsedatum": "2012-01-01",
        "barn2_umgangesdagar": "10",
        "kostnad_boende": "7 800",
        "kostnad_hushallsel": "350 kr",
        "inkomst1_person": "sokande",
        "inkomst1_typ": "lon",
        "inkomst1_belopp": "4000",
        "inkomst2_person": "",
        "inkomst2_typ": "barnbidrag",
        "inkomst2_belopp": "2500",
        "manader": "0",
    }
    data.update(andringar)
    return data


def test_it_is_public_and_shows_an_empty_form(client):
    svar = client.get(URL)
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Räkna ut om du kan ha rätt till försörjningsstöd" in html
    assert 'name="sokande_fodelsedatum"' in html
    assert 'name="barn6_umgangesdagar"' in html
    assert 'name="kostnad_boende"' in html
    assert 'name="inkomst6_belopp"' in html
    assert "Resultat" not in html


def test_it_calculates_with_the_same_function_as_the_api(client):
    from utredning.selectors import berakning_utfor

    svar = client.post(URL, ifyllt())
    assert svar.status_code == 200
    blad = svar.context["resultat"]
    vantat = berakning_utfor(
        {
            "manad": "2026-12",
            "personer": [
                {"roll": "sokande", "fodelsedatum": "1988-04-02"},
                {"roll": "medsokande", "fodelsedatum": "1990-01-01"},
                {"roll": "barn", "fodelsedatum": "2022-05-10", "lunch_hemma": False},
                {"roll": "barn", "fodelsedatum": "2012-01-01", "umgangesdagar": 10},
            ],
            "kostnader": {"boende": 7800, "hushallsel": 350},
            "inkomster": [
                {"person": 0, "typ": "lon", "belopp": 4000},
                {"typ": "barnbidrag", "belopp": 2500},
            ],
        }
    ).resultat.som_blad()
    assert blad == vantat
    html = svar.content.decode()
    assert f"<strong>{blad['bistand']} kronor</strong>" in html
    for rad in blad["rader"]:
        assert rad["text"] in html


@pytest.mark.parametrize("manad", ["2022-06", "2023-06", "2024-12"])
def test_citizens_see_preliminary_amounts_called_preliminary_and_no_working_notes(client, manad):
    html = client.post(URL, ifyllt(manad=manad)).content.decode()
    assert "Preliminära belopp" in html and "Beloppet är preliminärt." in html
    assert "Preliminärt</span>" in html
    for anteckning in (
        "ej verifierat",
        "ej kontrollerat",
        "kontrollera mot SFS",
        "sekundär källa",
        "Uppskattat",
        "felskrivet",
        "kontrollerat mot sin källa",
    ):
        assert anteckning not in html


@pytest.mark.parametrize("metod", ["get", "post"])
def test_the_page_links_to_the_application_not_only_to_the_staff_login(client, metod):
    svar = getattr(client, metod)(URL, ifyllt() if metod == "post" else None)
    html = svar.content.decode()
    assert '<a href="/e-tjanst/">Ansök om ekonomiskt bistånd</a>' in html


def test_verified_figures_are_not_called_preliminary(client):
    svar = client.post(URL, {"manad": "2026-06", "sokande_fodelsedatum": "1970-01-01"})
    assert svar.context["resultat"]["riksnorm"]["summa"] == 5220
    assert "Preliminära belopp" not in svar.content.decode()


def test_income_above_the_need_says_so_plainly(client):
    svar = client.post(
        URL,
        {
            "manad": "2021-06",
            "sokande_fodelsedatum": "1970-01-01",
            "inkomst1_person": "sokande",
            "inkomst1_typ": "pension",
            "inkomst1_belopp": "30000",
        },
    )
    assert svar.context["resultat"]["bistand"] == 0
    assert "troligen inte rätt" in svar.content.decode()


@pytest.mark.parametrize(
    ("andring", "falt", "text"),
    [
        ({"manad": "december"}, "manad", "år och månad"),
        ({"manad": "2031-01"}, "manad", "ingen riksnorm"),
        ({"sokande_fodelsedatum": ""}, "sokande_fodelsedatum", "födelsedatum"),
        ({"sokande_fodelsedatum": "igår"}, "sokande_fodelsedatum", "födelsedatum"),
        ({"barn2_fodelsedatum": "1999-01-01"}, "barn2_fodelsedatum", "21 år"),
        ({"barn2_umgangesdagar": "40"}, "barn2_umgangesdagar", "mellan 1 och 31"),
        ({"kostnad_boende": "mycket"}, "kostnad_boende", "hela kronor"),
        ({"kostnad_boende": "7800,50"}, "kostnad_boende", "hela kronor"),
        ({"inkomst1_belopp": "-4"}, "inkomst1_belopp", "hela kronor"),
        ({"inkomst1_typ": ""}, "inkomst1_typ", "sorts inkomst"),
        ({"inkomst1_person": "barn5"}, "inkomst1_person", "finns inte med"),
        ({"hushallsgemenskap": "3"}, "hushallsgemenskap", "söker ensam"),
        ({"manader": "sex"}, "manader", "månader i följd"),
        ({"barn4_umgangesdagar": "5"}, "barn4_fodelsedatum", "födelsedatum"),
    ],
)
def test_errors_are_shown_next_to_the_field_in_swedish(client, andring, falt, text):
    svar = client.post(URL, ifyllt(**andring))
    assert svar.status_code == 200
    assert svar.context["resultat"] is None
    html = svar.content.decode()
    assert f'id="fel-{falt}"' in html
    assert text in svar.context["formular"].fel[falt][0]
    assert f'href="#id_{falt}"' in html  # the summary links to the field
    assert 'aria-invalid="true"' in html


def test_nothing_typed_is_lost_when_there_are_errors(client):
    data = ifyllt(kostnad_boende="mycket", kostnad_hemforsakring="180")
    html = client.post(URL, data).content.decode()
    assert 'value="mycket"' in html
    assert 'value="180"' in html
    assert 'value="1988-04-02"' in html
    assert 'value="2022-05-10"' in html
    assert 'value="10"' in html
    assert 'name="barn1_lunch_ej_hemma" id="id_barn1_lunch_ej_hemma" value="on" checked' in html
    assert '<option value="sokande" selected>' in html
    assert '<option value="barnbidrag" selected>' in html


def test_the_page_is_rate_limited_too(client, monkeypatch):
    monkeypatch.setenv("PROVBERAKNING_RATE_LIMIT", "1/60")
    assert client.post(URL, ifyllt()).status_code == 200
    svar = client.post(URL, ifyllt())
    assert svar.status_code == 429
    assert "för många beräkningar" in svar.content.decode()
    assert 'value="1988-04-02"' in svar.content.decode()
