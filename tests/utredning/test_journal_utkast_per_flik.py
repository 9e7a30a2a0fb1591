"""Each open journal page keeps its own autosaved draft: two tabs typing in one Akt both keep
their text, sending one leaves the other, and a new page offers the unsent drafts to continue
(docs/regler.md: Bakgrund — text is never lost)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from bistand.models import JournalAnteckning
from utredning.models import Utkast

pytestmark = pytest.mark.django_db


@pytest.fixture
def klient(handlaggare):
    c = Client()
    c.force_login(handlaggare)
    return c


def _flik(klient, akt) -> str:
    """Open the journal page as a new tab and return its own draft key (the form's `flik`)."""
    svar = klient.get(f"/akter/{akt.pk}/journal/")
    assert svar.status_code == 200
    return re.search(r'name="flik" value="([0-9a-f]{32})"', svar.content.decode()).group(1)


def _skriv(klient, akt, flik, text):
    svar = klient.post(
        "/utkast/", {"nyckel": f"journal:{akt.pk}:{flik}", "akt": akt.pk, "text": text}
    )
    assert svar.status_code == 200


def test_two_tabs_each_keep_their_own_draft(klient, akt):
    forsta, andra = _flik(klient, akt), _flik(klient, akt)
    assert forsta != andra
    _skriv(klient, akt, forsta, "Första fliken: besök på kontoret.")
    _skriv(klient, akt, andra, "Andra fliken: telefonsamtal.")
    assert sorted(Utkast.objects.values_list("text", flat=True)) == [
        "Andra fliken: telefonsamtal.",
        "Första fliken: besök på kontoret.",
    ]
    svar = klient.get(f"/akter/{akt.pk}/journal/?flik={forsta}").content.decode()
    assert "Första fliken: besök på kontoret.</textarea>" in svar
    assert f'href="?flik={andra}"' in svar  # the other tab's draft is offered, not lost


def test_sending_one_tab_leaves_the_other_tabs_draft(klient, akt):
    forsta, andra = _flik(klient, akt), _flik(klient, akt)
    _skriv(klient, akt, forsta, "Första fliken.")
    _skriv(klient, akt, andra, "Andra fliken.")
    svar = klient.post(
        f"/akter/{akt.pk}/journal/",
        {
            "flik": forsta,
            "kontakttyp": "besok",
            "handelse_datum": timezone.localdate().isoformat(),
            "text": "Första fliken.",
            "mottagare": "intern",
        },
    )
    assert svar.status_code == 302
    assert JournalAnteckning.objects.get(akt=akt).text == "Första fliken."
    assert list(Utkast.objects.values_list("nyckel", "text")) == [
        (f"journal:{akt.pk}:{andra}", "Andra fliken.")
    ]
    ny = klient.get(f"/akter/{akt.pk}/journal/").content.decode()
    assert "ett osparat utkast" in ny and f'href="?flik={andra}"' in ny


def test_a_draft_from_before_pages_had_their_own_key_is_still_offered(klient, akt, handlaggare):
    Utkast.objects.create(
        anvandare=handlaggare, akt=akt, nyckel=f"journal:{akt.pk}", text="Gammalt"
    )
    sida = klient.get(f"/akter/{akt.pk}/journal/").content.decode()
    assert 'href="?flik=tidigare"' in sida
    assert (
        "Gammalt</textarea>"
        in klient.get(f"/akter/{akt.pk}/journal/?flik=tidigare").content.decode()
    )


def test_a_malformed_tab_key_gets_a_new_page_key(klient, akt):
    svar = klient.get(f"/akter/{akt.pk}/journal/?flik=%00abc")
    assert svar.status_code == 200
    assert re.search(r'name="flik" value="[0-9a-f]{32}"', svar.content.decode())
