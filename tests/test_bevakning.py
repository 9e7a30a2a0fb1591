"""The deadline mechanism that every app registers its deadlines on (docs/arkitektur.md: Periodiska
jobb)."""

from __future__ import annotations

import datetime as dt

import pytest

from bistand import services
from bistand.bevakning_skanning import bevakningar_markera_overskridna
from bistand.models import Bevakning

pytestmark = pytest.mark.django_db


def test_a_bevakning_is_registered_on_the_akt_and_the_object_it_concerns(akt, handlaggare):
    anteckning = services.journal_skriv(akt=akt, av=handlaggare, kontakttyp="intern", text="x")
    b = services.bevakning_skapa(
        typ="paminnelse", akt=akt, forfaller=dt.date(2026, 12, 1), objekt=anteckning
    )
    assert b.objekt == anteckning
    assert b.agare == handlaggare
    assert b.status == "aktiv"


def test_registering_the_same_bevakning_twice_moves_it_instead_of_duplicating(akt):
    services.bevakning_skapa(typ="paminnelse", akt=akt, forfaller=dt.date(2026, 12, 1), objekt=akt)
    services.bevakning_skapa(typ="paminnelse", akt=akt, forfaller=dt.date(2026, 12, 5), objekt=akt)
    assert Bevakning.objects.get().forfaller == dt.date(2026, 12, 5)


def test_meeting_a_bevakning_closes_it_once(akt):
    services.bevakning_skapa(typ="paminnelse", akt=akt, forfaller=dt.date(2026, 12, 1), objekt=akt)
    assert services.bevakning_uppfyll(typ="paminnelse", objekt=akt) == 1
    assert services.bevakning_uppfyll(typ="paminnelse", objekt=akt) == 0
    assert Bevakning.objects.get().status == "uppfylld"


def test_an_unknown_kind_is_refused(akt):
    with pytest.raises(ValueError, match="Okänd bevakningstyp"):
        services.bevakning_skapa(typ="finns-inte", akt=akt, forfaller=dt.date(2026, 12, 1))


def test_open_bevakningar_show_on_the_akt_page(client, akt, handlaggare):
    services.bevakning_skapa(
        typ="paminnelse", akt=akt, forfaller=dt.date(2026, 12, 1), beskrivning="Ring sökande"
    )
    client.force_login(handlaggare)
    text = client.get(f"/akter/{akt.pk}/").content.decode()
    assert "Påminnelse: 2026-12-01" in text and "Ring sökande" in text


def test_the_status_and_due_date_index_exists():
    namn = [i.name for i in Bevakning._meta.indexes]
    assert "bevakning_status_forfaller" in namn


def test_a_moved_overdue_bevakning_shows_once_on_the_akt_page(client, akt, handlaggare):
    anteckning = services.journal_skriv(akt=akt, av=handlaggare, kontakttyp="intern", text="x")
    services.bevakning_skapa(
        typ="paminnelse",
        akt=akt,
        forfaller=dt.date(2026, 11, 2),
        objekt=anteckning,
        beskrivning="Ring sökande",
    )
    assert bevakningar_markera_overskridna(dt.date(2026, 11, 3)) == 1
    # The awaited date moves (a komplettering stops the clock, say): the same deadline, later.
    services.bevakning_skapa(
        typ="paminnelse", akt=akt, forfaller=dt.date(2026, 12, 1), objekt=anteckning
    )
    client.force_login(handlaggare)
    text = client.get(f"/akter/{akt.pk}/").content.decode()
    assert text.count("Ring sökande") == 1
    assert "Påminnelse: 2026-12-01" in text and "2026-11-02" not in text


def test_the_overdue_bevakning_that_was_moved_keeps_its_record(akt, handlaggare):
    services.bevakning_skapa(typ="paminnelse", akt=akt, forfaller=dt.date(2026, 11, 2), objekt=akt)
    bevakningar_markera_overskridna(dt.date(2026, 11, 3))
    ny = services.bevakning_skapa(
        typ="paminnelse", akt=akt, forfaller=dt.date(2026, 12, 1), objekt=akt
    )
    gammal = Bevakning.objects.exclude(pk=ny.pk).get()
    assert ny.status == "aktiv"
    assert gammal.status == "makulerad" and gammal.overskriden_tid is not None
