"""The services that change an Akt's household, its payment choices and its återkrav check the
write right themselves (defence in depth): called without a view, for Kvalitet, the
avdelningschef or another Enhet's staff they refuse with the same Swedish message and change
nothing (docs/regler.md: Behörighet och skyddade personuppgifter)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bistand import services as kart
from bistand.access import SkrivrattSaknas
from bistand.models import HushallMedlem
from utbetalning import services
from utbetalning.models import Aterkrav, Betalningsval, Mottagartyp, Reglering

pytestmark = pytest.mark.django_db
IDAG = dt.date(2026, 11, 30)


@pytest.fixture
def avdelningschef(skapa_anvandare):
    return skapa_anvandare("avdchef", "Avdelningschef")


@pytest.fixture
def forste_annan(skapa_anvandare, annan_enhet):
    return skapa_anvandare("forste_annan", "Förste socialsekreterare", annan_enhet)


@pytest.fixture(params=["kvalitet", "avdelningschef", "utomstaende", "forste_annan"])
def obehorig(request):
    """A user who may read the case (Kvalitet, avdelningschef) or not even that (another
    Enhet's staff, a förste who could otherwise decide an återkrav), but never change it."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def forslag(akt, handlaggare):
    return services.aterkrav_foresla(
        akt=akt,
        person=akt.hushall.medlemmar.get(roll="sokande").person,
        orsak=Aterkrav.Orsak.UPPGIFTER,
        belopp=Decimal("3000"),
        beskrivning="Lön i oktober som inte redovisades.",
        av=handlaggare,
    )


@pytest.fixture
def vard(namnd):
    return services.mottagare_skapa(namnd=namnd, typ=Mottagartyp.HYRESVARD, namn="Hyresvärden AB")


def _refuses(anrop):
    with pytest.raises(SkrivrattSaknas) as fel:
        anrop()
    assert "behörighet att ändra" in str(fel.value)


def test_a_household_member_is_not_added_by_a_user_without_the_write_right(
    akt, obehorig, nytt_personnummer
):
    fore = HushallMedlem.objects.count()
    _refuses(
        lambda: kart.hushall_medlem_registrera(
            hushall=akt.hushall,
            personnummer=nytt_personnummer(dt.date(2010, 1, 1)),
            fornamn="Lilla",
            efternamn="Barn",
            roll="barn",
            fran=IDAG,
            av=obehorig,
        )
    )
    assert HushallMedlem.objects.count() == fore


def test_the_handlaggare_of_the_enhet_adds_a_household_member(akt, handlaggare, nytt_personnummer):
    kart.hushall_medlem_registrera(
        hushall=akt.hushall,
        personnummer=nytt_personnummer(dt.date(2010, 1, 1)),
        fornamn="Lilla",
        efternamn="Barn",
        roll="barn",
        fran=IDAG,
        av=handlaggare,
    )
    assert akt.hushall.medlemmar.filter(roll="barn").exists()


def test_a_payment_choice_is_not_added_or_removed_by_a_user_without_the_write_right(
    akt, handlaggare, obehorig, vard
):
    _refuses(
        lambda: services.betalningsval_lagg_till(
            akt=akt, posttyp=None, mottagare=vard, andel=100, referens="", av=obehorig
        )
    )
    assert not Betalningsval.objects.exists()
    val = services.betalningsval_lagg_till(
        akt=akt, posttyp=None, mottagare=vard, andel=100, referens="", av=handlaggare
    )
    _refuses(lambda: services.betalningsval_ta_bort(val=val, av=obehorig))
    assert Betalningsval.objects.filter(pk=val.pk).exists()


def test_an_aterkrav_is_not_proposed_by_a_user_without_the_write_right(akt, obehorig):
    _refuses(
        lambda: services.aterkrav_foresla(
            akt=akt,
            person=akt.hushall.medlemmar.get(roll="sokande").person,
            orsak=Aterkrav.Orsak.UPPGIFTER,
            belopp=Decimal("3000"),
            beskrivning="Lön i oktober.",
            av=obehorig,
        )
    )
    assert not Aterkrav.objects.exists()


def test_an_aterkrav_is_not_decided_dropped_or_settled_by_a_user_without_the_write_right(
    forslag, obehorig
):
    _refuses(
        lambda: services.aterkrav_besluta(
            aterkrav=forslag,
            av=obehorig,
            belopp=Decimal("3000"),
            grund=Aterkrav.Grund.OSANNA_UPPGIFTER,
            ond_tro=True,
            motivering="Du fick lön som du inte redovisade.",
            plan=[(dt.date(2027, 1, 31), Decimal("3000"))],
            idag=IDAG,
        )
    )
    _refuses(lambda: services.aterkrav_lagg_ned(aterkrav=forslag, av=obehorig, motivering="Litet"))
    _refuses(
        lambda: services.reglering_registrera(
            aterkrav=forslag,
            av=obehorig,
            typ=Reglering.Typ.INBETALNING,
            belopp=Decimal("100"),
            datum=IDAG,
        )
    )
    forslag.refresh_from_db()
    assert forslag.status == Aterkrav.Status.FORESLAGET
    assert not Reglering.objects.exists()
