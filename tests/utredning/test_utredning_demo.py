"""Demo data of utredning (docs/regler.md: Beräkning) and the household's input for a beräkning."""

from __future__ import annotations

import datetime
import io

import pytest

from bistand.demo import DemoContext
from bistand.services import hushall_medlem_lagg_till, person_registrera
from utredning import demo, selectors
from utredning.models import Berakning, Boendeniva, Riktlinje

pytestmark = pytest.mark.django_db


def ansokan_i(akt, status: str, referens: str):
    from ansokan.models import Ansokan

    return Ansokan.objects.create(
        akt=akt,
        sokande=akt.hushall.medlemmar.get(roll="sokande").person,
        typ="nyansokan",
        kanal="papper",
        status=status,
        mottagen=datetime.date(2026, 3, 2),
        referens=referens,
        period=datetime.date(2026, 3, 1),
    )


def test_the_household_gives_the_persons_of_a_berakning(skapa_akt, enhet, nytt_personnummer):
    akt = skapa_akt(enhet, barn=2)
    underlag = selectors.hushall_berakningsunderlag(akt.hushall, datetime.date(2026, 3, 1))
    assert [p["roll"] for p in underlag["personer"]] == ["sokande", "barn", "barn"]
    assert underlag["hushallsgemenskap"] is None
    assert (
        selectors.hushall_berakningsunderlag(akt.hushall, datetime.date(2025, 12, 1))["personer"]
        == []
    )  # nobody was a member yet


def test_an_applicant_alone_with_another_adult_shares_a_household(
    skapa_akt, enhet, nytt_personnummer
):
    akt = skapa_akt(enhet)
    kompis = person_registrera(identitet=nytt_personnummer(), fornamn="K", efternamn="V")
    hushall_medlem_lagg_till(
        hushall=akt.hushall, person=kompis, roll="ovrig_vuxen", fran=datetime.date(2026, 1, 1)
    )
    underlag = selectors.hushall_berakningsunderlag(akt.hushall, datetime.date(2026, 3, 1))
    assert [p["roll"] for p in underlag["personer"]] == ["sokande"]
    assert underlag["hushallsgemenskap"] == 2


def test_seed_saves_a_berakning_for_ansokningar_past_intake_once(skapa_akt, enhet):
    utreds = ansokan_i(skapa_akt(enhet, barn=1), "under_utredning", "A-1")
    ansokan_i(skapa_akt(enhet), "inkommen", "A-2")
    ctx = DemoContext(stdout=io.StringIO())
    demo.seed(ctx)
    demo.seed(ctx)
    blad = Berakning.objects.get()
    assert blad.ansokan == utreds
    assert blad.manad == datetime.date(2026, 3, 1)
    assert [p["roll"] for p in blad.underlag["personer"]] == ["sokande", "barn"]
    assert Boendeniva.objects.count() == 6
    assert Riktlinje.objects.get().avsnitt.count() == 6
