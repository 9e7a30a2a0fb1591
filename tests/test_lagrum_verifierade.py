"""The legal references read in SFS 2025:400 and 2025:468 are verified, with their source; no
placeholder text remains in a verified row."""

from __future__ import annotations

import datetime

import pytest

from bistand.models import Lagrum
from bistand.selectors import lagrum_rad

pytestmark = pytest.mark.django_db

DAG = datetime.date(2026, 11, 30)

BEKRAFTADE = {
    "sol-ratt-till-bistand": "12 kap. 1 § socialtjänstlagen (2025:400)",
    "sol-bistand-utover": "12 kap. 2 § socialtjänstlagen (2025:400)",
    "sol-praktik-vagran": "12 kap. 5 § socialtjänstlagen (2025:400)",
    "sol-riksnorm": "12 kap. 7 § socialtjänstlagen (2025:400)",
    "sol-jobbstimulans": "12 kap. 8 § socialtjänstlagen (2025:400)",
    "sol-barnets-basta": "3 kap. 1 § socialtjänstlagen (2025:400)",
    "sol-forvaltningsbesvar": "35 kap. 1 § socialtjänstlagen (2025:400)",
    "sol-aterkrav": "33 kap. 1–3 §§ socialtjänstlagen (2025:400)",
    "sof-riksnorm-belopp": "12 kap. 2 § socialtjänstförordningen (2025:468)",
    "fl-andring-forsta-instans": "37 § förvaltningslagen (2017:900)",
    "kl-laglighetsprovning": "13 kap. kommunallagen (2017:725)",
}


@pytest.mark.parametrize(("kod", "text"), BEKRAFTADE.items())
def test_confirmed_references_are_verified_with_their_source(kod, text):
    rad = lagrum_rad(kod, DAG)
    assert rad.text == text
    assert rad.verifierad is True
    assert "SFS" in rad.kalla


def test_no_verified_reference_is_a_placeholder():
    assert not Lagrum.objects.filter(verifierad=True, text__icontains="ej fastställd").exists()
    assert not Lagrum.objects.filter(text__icontains="2001:937").exists()


def test_the_right_to_bistand_uses_the_new_laws_words():
    assert "levnadskostnader i övrigt" in lagrum_rad("sol-ratt-till-bistand", DAG).beskrivning


def test_the_unconfirmed_aktivitetskrav_stays_unverified():
    assert lagrum_rad("sol-aktivitetskrav", DAG).verifierad is False
