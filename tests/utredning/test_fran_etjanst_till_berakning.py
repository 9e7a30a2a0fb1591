"""From the e-tjänst to the beräkning over HTTP: the applicant declares two children, a-kassa
and barnbidrag; the handläggare confirms the household in one action and saves the prefilled
beräkning, which shows them row by row (docs/regler.md: Utredning; docs/regler.md: Beräkning)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from ansokan.models import Ansokan
from tests.ansokan.conftest import logga_in_sokande
from tests.utredning.test_ateransokan_fem_steg import Formular
from utredning import selectors

pytestmark = pytest.mark.django_db

IDAG = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _tid(settings):
    settings.ETJANST_TESTLEGITIMATION = True
    with time_machine.travel(IDAG, tick=False):
        yield


def test_declared_children_and_incomes_reach_the_berakning_row_by_row(
    handlaggare, akt, nytt_personnummer
):
    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    etjanst = Client()
    logga_in_sokande(etjanst, sokande)
    assert etjanst.post("/e-tjanst/ny/nyansokan/").status_code == 302
    ansokan = Ansokan.objects.get(sokande=sokande, status="utkast")
    steg = f"/e-tjanst/ansokan/{ansokan.pk}/steg/"
    barn = {"barn-TOTAL_FORMS": "2", "barn-INITIAL_FORMS": "0"}
    for i, (namn, fodd) in enumerate([("Alva", dt.date(2018, 3, 4)), ("Bo", dt.date(2022, 6, 7))]):
        barn |= {
            f"barn-{i}-fornamn": namn,
            f"barn-{i}-personnummer": nytt_personnummer(fodd),
            f"barn-{i}-boende": "bor",
        }
    assert etjanst.post(steg + "hushall/", barn).status_code == 302
    ekonomi = {"ersattning": "9 800 kr", "barnbidrag": "2 500", "hyra": "7 800"}
    assert etjanst.post(steg + "ekonomi/", ekonomi).status_code == 302
    assert etjanst.post(steg + "granska/", {"intygar": "on"}).status_code == 302

    personal = Client()
    personal.force_login(handlaggare)
    url = f"/ansokningar/{ansokan.pk}/utredning/"
    assert personal.post(url + "starta/").status_code == 302
    html = personal.get(url).content.decode()
    form = Formular("Lägg till 2 från ansökan och bekräfta hushållet").hitta(html)
    assert personal.post(form["action"], form["data"]).status_code == 302
    html = personal.get(url).content.decode()
    form = Formular("Spara beräkning").hitta(html)
    assert form["data"]["kostnad_boende"] == "7800"
    svar = personal.post(form["action"], form["data"])
    assert svar.status_code == 302, svar.content.decode()[:2000]

    blad = selectors.berakning_senaste(ansokan)
    assert [p["roll"] for p in blad.underlag["personer"]] == ["sokande", "barn", "barn"]
    assert {i["typ"]: i["belopp"] for i in blad.underlag["inkomster"]} == {
        "a_kassa": 9800,
        "barnbidrag": 2500,
    }
    html = personal.get(url).content.decode()
    tabell = html[html.index("berakning-tabell") :]
    assert "Ersättning från a-kassa" in tabell and "Barnbidrag" in tabell
    assert "Personliga kostnader, barn 1 (8 år)" in tabell
    assert "Personliga kostnader, barn 2 (4 år" in tabell


def test_a_new_familys_walk_from_the_worklist_to_a_decision_is_counted(
    handlaggare, akt, nytt_personnummer
):
    """Page actions (a click that loads a page or submits a form) from the worklist to a signed
    decision for a nyansökan with two declared children; the figure is in the README."""
    from tests.utredning.test_ateransokan_fem_steg import Handlingar

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    etjanst = Client()
    logga_in_sokande(etjanst, sokande)
    etjanst.post("/e-tjanst/ny/nyansokan/")
    ansokan = Ansokan.objects.get(sokande=sokande, status="utkast")
    steg = f"/e-tjanst/ansokan/{ansokan.pk}/steg/"
    barn = {"barn-TOTAL_FORMS": "2", "barn-INITIAL_FORMS": "0"}
    for i, fodd in enumerate([dt.date(2018, 3, 4), dt.date(2022, 6, 7)]):
        barn |= {
            f"barn-{i}-fornamn": f"Barn{i}",
            f"barn-{i}-personnummer": nytt_personnummer(fodd),
            f"barn-{i}-boende": "bor",
        }
    etjanst.post(steg + "hushall/", barn)
    etjanst.post(steg + "ekonomi/", {"ersattning": "9 800", "barnbidrag": "2 500", "hyra": "7800"})
    etjanst.post(
        steg + "poster/",
        {"post_forsorjningsstod": "on", "post_hyra": "on"},
    )
    etjanst.post(steg + "granska/", {"intygar": "on"})

    personal = Client()
    personal.force_login(handlaggare)
    personal.get("/arbetslista/")  # where the walk starts
    gang = Handlingar(personal)
    url = f"/ansokningar/{ansokan.pk}/utredning/"
    html = gang.klicka(url)
    html = gang.skicka(url + "starta/", {})
    form = Formular("Lägg till 2 från ansökan och bekräfta hushållet").hitta(html)
    html = gang.skicka(form["action"], form["data"])
    form = Formular("Spara beräkning").hitta(html)
    html = gang.skicka(form["action"], form["data"])
    form = Formular("Allt kontrollerat utan anmärkning").hitta(html)
    html = gang.skicka(form["action"], form["data"] | {"alla_gjorda": "1"})
    form = Formular("Spara förslag").hitta(html)
    data = {k: ("bifall" if k.startswith("utfall_") else v) for k, v in form["data"].items()}
    html = gang.skicka(form["action"], data)
    html = gang.klicka(f"/ansokningar/{ansokan.pk}/beslut/")
    form = Formular("Fatta beslut").hitta(html)
    html = gang.skicka(form["action"] or f"/ansokningar/{ansokan.pk}/beslut/", form["data"])
    assert "Beslutet är fattat" in html
    assert gang.antal == 8
    assert gang.antal <= 25
