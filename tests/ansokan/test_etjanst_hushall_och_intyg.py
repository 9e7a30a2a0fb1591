"""The e-tjänst's household step takes any number of children without a script and groups its
questions under legends; the review step shows what the applicant confirms; an återansökan's
month is chosen, with a warning when that month is already decided (docs/arkitektur.md:
E-tjänst)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from ansokan.models import Ansokan, Status

pytestmark = pytest.mark.django_db

IDAG = dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _tid():
    with time_machine.travel(IDAG, tick=False):
        yield


def _utkast(klient, typ="nyansokan") -> Ansokan:
    assert klient.post(f"/e-tjanst/ny/{typ}/").status_code == 302
    return Ansokan.objects.filter(status=Status.UTKAST).order_by("-pk").first()


def _barn(i, pnr, namn):
    return {
        f"barn-{i}-fornamn": namn,
        f"barn-{i}-personnummer": pnr,
        f"barn-{i}-boende": "bor",
        f"barn-{i}-umgangesdagar": "",
    }


def test_a_child_is_added_without_a_script_and_what_was_typed_stays(
    sokande_klient, nytt_personnummer
):
    a = _utkast(sokande_klient)
    url = f"/e-tjanst/ansokan/{a.pk}/steg/hushall/"
    html = sokande_klient.get(url).content.decode()
    assert "<legend>Söker du tillsammans med make, maka eller sambo?</legend>" in html
    assert "<legend>Barn 1</legend>" in html and "<legend>Barn 2</legend>" not in html
    pnr = [nytt_personnummer(dt.date(2015 + i, 2, 3)) for i in range(3)]
    data = {"barn-TOTAL_FORMS": "1", "barn-INITIAL_FORMS": "0", "fler_barn": "1"}
    data |= _barn(0, pnr[0], "Alva")
    svar = sokande_klient.post(url, data)
    html = svar.content.decode()
    assert svar.status_code == 200
    assert "<legend>Barn 2</legend>" in html and 'value="Alva"' in html
    data = {"barn-TOTAL_FORMS": "3", "barn-INITIAL_FORMS": "0"}
    for i, namn in enumerate(["Alva", "Bo", "Cia"]):
        data |= _barn(i, pnr[i], namn)
    assert sokande_klient.post(url, data).status_code == 302
    a.refresh_from_db()
    assert [b["fornamn"] for b in a.uppgifter["hushall"]["barn"]] == ["Alva", "Bo", "Cia"]


def test_the_review_step_shows_what_the_applicant_confirms(sokande_klient):
    a = _utkast(sokande_klient)
    html = sokande_klient.get(f"/e-tjanst/ansokan/{a.pk}/steg/granska/").content.decode()
    assert "Det här intygar du" in html
    assert "Vi kontrollerar uppgifterna" in html
    assert "personuppgifter" in html


def test_an_ateransokan_month_is_chosen_and_a_decided_month_is_warned_of(
    sokande, skicka_in, sokande_klient
):
    forra = skicka_in(sokande, ekonomi={"hyra": "6450"})
    Ansokan.objects.filter(pk=forra.pk).update(status=Status.BESLUTAD, period=dt.date(2026, 11, 1))
    a = _utkast(sokande_klient, "ateransokan")
    url = f"/e-tjanst/ansokan/{a.pk}/steg/andringar/"
    html = sokande_klient.get(url).content.decode()
    assert "Vilken månad söker du för?" in html
    assert 'value="2026-12" selected' in html
    assert "redan fått beslut" not in html
    sokande_klient.post(url, {"manad": "2026-11", "andrat": "nej"})
    a.refresh_from_db()
    assert a.period == dt.date(2026, 11, 1)
    html = sokande_klient.get(url).content.decode()
    assert "Du har redan fått beslut för november 2026" in html
    html = sokande_klient.get(f"/e-tjanst/ansokan/{a.pk}/steg/granska/").content.decode()
    assert "Du har redan fått beslut för november 2026" in html


def test_the_chosen_month_reads_as_a_month_in_the_summary(sokande, skicka_in, sokande_klient):
    skicka_in(sokande, ekonomi={"hyra": "6450"})
    a = _utkast(sokande_klient, "ateransokan")
    sokande_klient.post(f"/e-tjanst/ansokan/{a.pk}/steg/andringar/", {"manad": "2026-12"})
    html = sokande_klient.get(f"/e-tjanst/ansokan/{a.pk}/steg/granska/").content.decode()
    assert "December 2026" in html
