"""The Akt page's household, ansökningar and journal, written from row templates
(bistand/tabeller.py; docs/prestanda.md: Tabellrader): the same text the page's template
wrote — local clock times, the kind of protection beside a protected name, a visiting child's
days, a correction's origin — and the user's text escaped."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from guardian.shortcuts import assign_perm

from bistand import services
from bistand.models import MedlemsRoll

pytestmark = pytest.mark.django_db


def test_the_akt_page_writes_its_rows_as_the_template_did(
    client, handlaggare, enhet, skapa_akt, nytt_personnummer
):
    akt = skapa_akt(enhet, handlaggare, skydd="sekretessmarkering")
    assign_perm("bistand.visa_skyddad_akt", handlaggare, akt)
    barn = services.person_registrera(
        identitet=nytt_personnummer(dt.date(2018, 5, 4)), fornamn="Elsa", efternamn="Sökande"
    )
    services.hushall_medlem_lagg_till(
        hushall=akt.hushall,
        person=barn,
        roll=MedlemsRoll.BARN,
        fran=dt.date(2026, 2, 1),
        umgangesdagar=8,
    )
    forsta = services.journal_skriv(
        akt=akt,
        av=handlaggare,
        kontakttyp="telefon",
        text="Ringde <b>sökande</b>\nom hyran",
        handelse_datum=dt.date(2026, 11, 3),
    )
    # 23:30 UTC on 30 November is 00:30 on 1 December in Sweden.
    with time_machine.travel(dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC), tick=False):
        services.journal_signera(anteckning=forsta, av=handlaggare)
        services.journal_ratta(original=forsta, av=handlaggare, text="Rättad text")
    services.journal_skriv(akt=akt, av=handlaggare, kontakttyp="besok", text="Utkast")

    client.force_login(handlaggare)
    html = client.get(f"/akter/{akt.pk}/").content.decode()

    assert 'Sara Sökande <span class="etikett etikett-varning">Sekretessmarkering</span>' in html
    assert "<td>Elsa Sökande</td>" in html
    assert "<td>Umgänge 8 dagar/månad</td>" in html
    assert "<td>2026-02-01 – </td>" in html
    assert '<p class="journaltext">Ringde &lt;b&gt;sökande&lt;/b&gt;<br>om hyran</p>' in html
    assert "Signerad 2026-12-01 00:30 av" in html
    assert '<p class="etikett">Rättelse av anteckning från 2026-11-03</p>' in html
    assert "<strong>Ej signerad.</strong>" in html
    assert '<h3 class="journalrubrik">2026-11-03 · Telefon</h3>' in html
    assert "{" not in html.split("<main", 1)[1].split("</main>", 1)[0]
