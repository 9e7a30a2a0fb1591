"""An unchanged återansökan goes from the worklist to a decision in at most five page actions
(a click that loads a page or submits a form; following a redirect is part of the same action):
the calculation is made again from last month's inputs, so across a new year it follows the
new riksnorm, and within a year the amounts are last month's (docs/regler.md: Utredning)."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
import time_machine

from beslut.models import Beslut
from tests.utredning.conftest import (
    ateransokan_efter_beslut,
    kontrollera_nya_arets_riksnorm,
)
from utredning import selectors

pytestmark = pytest.mark.django_db

STORSTA_ANTAL_SIDHANDLINGAR = 5


class Formular(HTMLParser):
    """The fields of the first POST form holding a submit button with the given text, with the
    values the page filled in (what a person would send without typing)."""

    def __init__(self, knapptext: str):
        super().__init__()
        self.knapptext = knapptext
        self.formular: list[dict] = []
        self._aktuell: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._knapp = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._aktuell = {"action": a.get("action") or "", "data": {}, "knappar": []}
            self.formular.append(self._aktuell)
        if self._aktuell is None:
            return
        data = self._aktuell["data"]
        if tag == "input" and a.get("name"):
            typ = (a.get("type") or "text").lower()
            if typ in ("checkbox", "radio"):
                if "checked" in a:
                    data[a["name"]] = a.get("value", "on")
            elif typ not in ("submit", "button", "file"):
                data[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select = a.get("name")
            data.setdefault(self._select, None)
        elif tag == "option" and self._select:
            if data.get(self._select) is None or "selected" in a:
                data[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            data[self._textarea] = ""
        elif tag == "button":
            self._knapp = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._aktuell = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "button":
            self._knapp = False

    def handle_data(self, text):
        if self._aktuell is None:
            return
        if self._textarea:
            self._aktuell["data"][self._textarea] += text
        if self._knapp:
            self._aktuell["knappar"].append(text.strip())

    def hitta(self, html: str) -> dict:
        self.feed(html)
        for f in self.formular:
            if self.knapptext in f["knappar"]:
                return f
        raise AssertionError(f"Inget formulär med knappen {self.knapptext!r}")


class Handlingar:
    """A client that counts page actions: each GET of a link and each form submission, with
    the redirects it leads to followed as part of the same action."""

    def __init__(self, client):
        self.client = client
        self.antal = 0
        self.post = 0

    def klicka(self, url: str):
        self.antal += 1
        svar = self.client.get(url, follow=True)
        assert svar.status_code == 200, url
        return svar.content.decode()

    def skicka(self, url: str, data: dict):
        self.antal += 1
        self.post += 1
        svar = self.client.post(url, data, follow=True)
        assert svar.status_code == 200, (url, svar.content.decode()[:2000])
        return svar.content.decode()


def _gang(client, handlaggare, ansokan) -> tuple[Handlingar, str]:
    """The walk: worklist → utredning → "Gör som förra månaden" → "Fatta beslut" → decide."""
    client.force_login(handlaggare)
    lista = client.get("/arbetslista/").content.decode()  # where the walk starts
    steg = Handlingar(client)
    utredning_url = f"/ansokningar/{ansokan.pk}/utredning/"
    assert f'href="{utredning_url}"' in lista
    html = steg.klicka(utredning_url)
    form = Formular("Gör som förra månaden").hitta(html)
    html = steg.skicka(form["action"], form["data"])
    beslut_url = re.search(rf'href="(/ansokningar/{ansokan.pk}/beslut/)"', html).group(1)
    html = steg.klicka(beslut_url)
    form = Formular("Fatta beslut").hitta(html)
    html = steg.skicka(form["action"] or beslut_url, form["data"])
    return steg, html


def test_an_unchanged_ateransokan_is_decided_in_five_actions_with_last_months_amounts(
    client, enhet, handlaggare, nytt_personnummer, registrera
):
    forra, forra_blad, ansokan = ateransokan_efter_beslut(
        enhet,
        handlaggare,
        nytt_personnummer,
        registrera,
        dt.date(2026, 10, 2),
        dt.date(2026, 11, 3),
    )
    with time_machine.travel(dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC), tick=False):
        steg, html = _gang(client, handlaggare, ansokan)

    assert steg.antal <= STORSTA_ANTAL_SIDHANDLINGAR
    assert steg.post <= STORSTA_ANTAL_SIDHANDLINGAR
    assert "Beslutet är fattat" in html
    nu = {b.post.posttyp.kod: b.belopp for b in Beslut.objects.filter(post__ansokan=ansokan)}
    da = {b.post.posttyp.kod: b.belopp for b in Beslut.objects.filter(post__ansokan=forra)}
    assert nu == da and nu
    blad = selectors.berakning_senaste(ansokan)
    assert blad.manad == dt.date(2026, 11, 1)
    assert blad.bistand == forra_blad.bistand
    assert blad.underlag["manader_i_foljd_med_bistand"] == 3


def test_across_a_new_year_the_same_inputs_follow_the_new_riksnorm(
    client, enhet, handlaggare, nytt_personnummer, registrera
):
    _, forra_blad, ansokan = ateransokan_efter_beslut(
        enhet, handlaggare, nytt_personnummer, registrera, dt.date(2025, 12, 2), dt.date(2026, 1, 5)
    )
    with time_machine.travel(dt.datetime(2026, 1, 7, 9, tzinfo=dt.UTC), tick=False):
        steg, html = _gang(client, handlaggare, ansokan)

    assert steg.antal <= STORSTA_ANTAL_SIDHANDLINGAR
    assert "Beslutet är fattat" in html
    # the riksnorm part is this year's (the child also entered a new age band)
    kontrollera_nya_arets_riksnorm(ansokan, forra_blad, 2026)
