"""The journal page's rows (docs/prestanda.md: Tabellrader): each entry with its date, kind of
contact, author and signer by name, and each event with its kind, text and author — read as
plain values, written as the page always wrote them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import transaction

from bistand import services as kart
from bistand.handelser import handelse_registrera

pytestmark = pytest.mark.django_db


def test_an_entry_names_its_author_and_signer_and_an_event_its_author(
    client, akt, handlaggare, kollega
):
    handlaggare.last_name = "Lind"
    handlaggare.save()
    kollega.first_name = ""
    kollega.save()
    with time_machine.travel(dt.datetime(2026, 11, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        anteckning = kart.journal_skriv(
            akt=akt, av=handlaggare, kontakttyp="telefon", text="Samtal om hyran."
        )
        kart.journal_signera(anteckning=anteckning, av=kollega)
        osignerad = kart.journal_skriv(akt=akt, av=handlaggare, kontakttyp="besok", text="Möte.")
        with transaction.atomic():
            handelse_registrera(typ="ansokan.komplett", akt=akt, av=handlaggare, text="Allt finns")
            handelse_registrera(typ="ansokan.komplett", akt=akt)
    client.force_login(handlaggare)
    html = client.get(f"/akter/{akt.pk}/journal/").content.decode()
    # The signer has no first name: her user name, as everywhere else.
    assert "2026-11-03 · Telefon · Agare Lind · signerad 2026-11-03 10:00 av kollega" in html
    assert f"<p>{osignerad.text}</p>" in html
    assert "2026-11-03 · Besök · Agare Lind · <strong>ej signerad</strong>" in html
    assert "Händelse: Ansökan bedömd som komplett: Allt finns (Agare Lind)</li>" in html
    # An event of the system names nobody.
    assert "Händelse: Ansökan bedömd som komplett</li>" in html
    assert "None" not in html
