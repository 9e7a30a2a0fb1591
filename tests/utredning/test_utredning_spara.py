"""A saved sheet keeps the input, result and lines as they were (docs/regler.md: Beräkning)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from utredning import services
from utredning.models import Berakning, RiksnormBelopp

pytestmark = pytest.mark.django_db

UNDERLAG = {
    "manad": "2026-12",
    "personer": [
        {"roll": "sokande", "fodelsedatum": "1988-04-02"},
        {"roll": "barn", "fodelsedatum": "2019-05-10"},
    ],
    "kostnader": {"boende": 6000},
    "inkomster": [{"typ": "barnbidrag", "belopp": 1250}],
}


def test_it_saves_the_sheet_with_every_line_and_its_parameter(handlaggare):
    blad = services.berakning_spara(underlag=UNDERLAG, av=handlaggare)
    assert blad.riksnorm.benamning == "Riksnorm 2026"
    assert blad.behov == blad.riksnorm_summa + blad.skaliga_kostnader
    assert blad.bistand == blad.behov - blad.inkomster
    assert blad.verifierad is True  # every figure of 2026 is confirmed (SFS 2025:1046)
    assert blad.underlag["kostnader"]["boende"] == 6000
    assert blad.underlag["personer"][1]["lunch_hemma"] is True
    rader = blad.resultat["rader"]
    assert sum(r["belopp"] for r in rader if r["grupp"] == "Riksnorm") == blad.riksnorm_summa
    assert all(r["parameter"] for r in rader if r["grupp"] == "Riksnorm")
    assert blad.skapad_av == handlaggare


def test_later_edits_of_the_figures_leave_a_saved_sheet_unchanged():
    blad = services.berakning_spara(underlag=UNDERLAG)
    RiksnormBelopp.objects.filter(riksnorm=blad.riksnorm, post="ensamstaende").update(belopp=1)
    blad = Berakning.objects.get(pk=blad.pk)
    assert blad.resultat["rader"][0]["belopp"] == 3940


def test_invalid_input_is_refused_per_field():
    with pytest.raises(ValidationError) as fel:
        services.berakning_spara(underlag={**UNDERLAG, "manad": "2040-01"})
    assert "manad" in fel.value.message_dict
    assert Berakning.objects.count() == 0


def test_a_sheet_belongs_to_an_ansokan(handlaggare, nytt_personnummer):
    from ansokan.models import Ansokan
    from bistand.services import person_registrera
    from utredning.selectors import ansokan_berakningar

    person = person_registrera(identitet=nytt_personnummer(), fornamn="Sara", efternamn="Sökande")
    ansokan = Ansokan.objects.create(sokande=person, typ="nyansokan", kanal="etjanst")
    forsta = services.berakning_spara(underlag=UNDERLAG, av=handlaggare, ansokan=ansokan)
    andra = services.berakning_spara(underlag=UNDERLAG, av=handlaggare, ansokan=ansokan)
    services.berakning_spara(underlag=UNDERLAG)  # another, without an ansökan
    assert list(ansokan_berakningar(ansokan)) == [andra, forsta]
