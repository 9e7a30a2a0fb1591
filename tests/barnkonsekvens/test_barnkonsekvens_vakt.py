"""The guard the decision waits for (docs/regler.md: Barnkonsekvensanalys), and the analysis it
checks: complete before signing, immutable once signed (point 2), bistånd direkt till barnet (point
4)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from barnkonsekvens import services
from barnkonsekvens.guard import barnkonsekvens_vakt
from barnkonsekvens.models import Barnkonsekvensanalys
from bistand.models import JournalAnteckning

pytestmark = pytest.mark.django_db


@pytest.fixture
def avslag(familj, ny_ansokan, foresla):
    ansokan = ny_ansokan(familj, "forsorjningsstod")
    foresla(ansokan, "forsorjningsstod", "avslag")
    return ansokan


def _barn(akt):
    return akt.hushall.medlemmar.get(roll="barn", person__fornamn="Barn0").person


def test_the_guard_is_met_when_no_analysis_is_required(familj, ny_ansokan, foresla):
    ansokan = ny_ansokan(familj, "forsorjningsstod")
    foresla(ansokan, "forsorjningsstod", "bifall")
    assert barnkonsekvens_vakt(ansokan=ansokan).uppfyllt is True


def test_the_guard_says_the_analysis_is_missing_and_why(avslag):
    besked = barnkonsekvens_vakt(ansokan=avslag)
    assert besked.uppfyllt is False
    assert besked.skal[0] == "Barnkonsekvensanalys för Barn0 Sökande saknas."
    assert any("avslag på försörjningsstöd" in s for s in besked.skal)


def test_the_guard_is_not_met_by_an_unsigned_analysis(avslag, handlaggare, fullstandig):
    services.analys_spara(ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, **fullstandig)
    besked = barnkonsekvens_vakt(ansokan=avslag)
    assert besked.uppfyllt is False
    assert besked.skal[0] == "Barnkonsekvensanalysen för Barn0 Sökande är inte signerad."


def test_the_guard_is_met_by_a_signed_analysis(avslag, handlaggare, fullstandig):
    analys = services.analys_spara(
        ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, **fullstandig
    )
    services.analys_signera(analys=analys, av=handlaggare)
    assert barnkonsekvens_vakt(ansokan=avslag).uppfyllt is True


def test_the_guard_wants_one_signed_analysis_per_child(
    avslag, handlaggare, fullstandig, lagg_till_barn
):
    lagg_till_barn(avslag.akt, fornamn="Kim")
    analys = services.analys_spara(
        ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, **fullstandig
    )
    services.analys_signera(analys=analys, av=handlaggare)
    besked = barnkonsekvens_vakt(ansokan=avslag)
    assert besked.uppfyllt is False
    assert besked.skal[0] == "Barnkonsekvensanalys för Kim Barnsson saknas."


def test_the_guard_asks_for_the_child_when_umgangesresor_name_no_child(akt, ny_ansokan):
    besked = barnkonsekvens_vakt(ansokan=ny_ansokan(akt, "umgangesresor"))
    assert besked.uppfyllt is False
    assert "inget barn är registrerat" in besked.skal[0]


def test_signing_needs_the_childs_view_or_why_it_was_not_heard(avslag, handlaggare, fullstandig):
    for falt in ("barnsamtal", "samtal_datum", "samtal_av", "samtal_form", "barnets_asikt"):
        fullstandig.pop(falt)
    analys = services.analys_spara(
        ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, **fullstandig
    )
    with pytest.raises(ValidationError) as fel:
        services.analys_signera(analys=analys, av=handlaggare)
    assert fel.value.message_dict == {"barnsamtal": ["Ange om ett barnsamtal har hållits."]}

    analys = services.analys_spara(
        ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, barnsamtal=True
    )
    with pytest.raises(ValidationError) as fel:
        services.analys_signera(analys=analys, av=handlaggare)
    assert set(fel.value.message_dict) == {
        "samtal_datum",
        "samtal_av",
        "samtal_form",
        "barnets_asikt",
    }

    analys = services.analys_spara(
        ansokan=avslag,
        barn=_barn(avslag.akt),
        av=handlaggare,
        barnsamtal=False,
        ej_samtal_skal="alder",
    )
    assert services.analys_signera(analys=analys, av=handlaggare).signerad is not None


def test_signing_needs_needs_consequences_weighing_and_conclusion(avslag, handlaggare):
    analys = services.analys_spara(
        ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, barnsamtal=False
    )
    with pytest.raises(ValidationError) as fel:
        services.analys_signera(analys=analys, av=handlaggare)
    assert set(fel.value.message_dict) == {
        "behov",
        "konsekvens_bifall",
        "konsekvens_avslag",
        "vagning",
        "slutsats",
        "ej_samtal_skal",
    }


def test_bistand_direkt_till_barnet_needs_a_reason(avslag, handlaggare, fullstandig):
    analys = services.analys_spara(
        ansokan=avslag,
        barn=_barn(avslag.akt),
        av=handlaggare,
        direkt_till_barn=True,
        **fullstandig,
    )
    with pytest.raises(ValidationError) as fel:
        services.analys_signera(analys=analys, av=handlaggare)
    assert "direkt_till_barn_motiv" in fel.value.message_dict
    analys = services.analys_spara(
        ansokan=avslag,
        barn=_barn(avslag.akt),
        av=handlaggare,
        direkt_till_barn_motiv="Föräldern försörjer inte barnet.",
    )
    services.analys_signera(analys=analys, av=handlaggare)
    rad = Barnkonsekvensanalys.objects.get(pk=analys.pk)
    assert rad.direkt_till_barn and rad.direkt_till_barn_motiv


def test_the_analysis_records_age_living_situation_and_reasons(avslag, handlaggare):
    analys = services.analys_spara(ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare)
    assert analys.boende == "bor"
    assert analys.alder == services.alder_pa(datetime.date(2016, 3, 1), timezone.localdate())
    assert any("avslag" in s for s in analys.skal)


def test_signing_writes_a_signed_journal_entry(avslag, handlaggare, fullstandig):
    analys = services.analys_spara(
        ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, **fullstandig
    )
    services.analys_signera(analys=analys, av=handlaggare)
    anteckning = JournalAnteckning.objects.filter(akt=avslag.akt).last()
    assert anteckning.signerad is not None
    assert "Barnkonsekvensanalys för Barn0" in anteckning.text
    assert "med barnsamtal" in anteckning.text


def test_a_signed_analysis_cannot_be_saved_again(avslag, handlaggare, fullstandig):
    analys = services.analys_spara(
        ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, **fullstandig
    )
    services.analys_signera(analys=analys, av=handlaggare)
    with pytest.raises(ValidationError):
        services.analys_spara(ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, behov="x")


def test_the_database_refuses_to_change_or_delete_a_signed_analysis(
    avslag, handlaggare, fullstandig
):
    analys = services.analys_spara(
        ansokan=avslag, barn=_barn(avslag.akt), av=handlaggare, **fullstandig
    )
    rader = Barnkonsekvensanalys.objects.filter(pk=analys.pk)
    rader.update(behov="Utkast får ändras.")
    services.analys_signera(analys=analys, av=handlaggare)
    with pytest.raises(DatabaseError), transaction.atomic():
        rader.update(slutsats="Ändrad i efterhand")
    with pytest.raises(DatabaseError), transaction.atomic():
        rader.delete()
    assert rader.get().slutsats == fullstandig["slutsats"]


def test_a_child_outside_the_household_cannot_be_analysed(avslag, handlaggare, akt):
    annat_barn = akt.hushall.medlemmar.get(roll="sokande").person
    with pytest.raises(ValidationError):
        services.analys_spara(ansokan=avslag, barn=annat_barn, av=handlaggare)
