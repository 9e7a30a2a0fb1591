"""Personnummer and samordningsnummer (Folkbokföringslagen 18 §, 18 a §)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from bistand import services
from bistand.identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer

IDAG = datetime.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "nummer", "samordning"),
    [
        ("199001012385", "199001012385", False),
        ("19900101-2385", "199001012385", False),
        ("900101-2385", "199001012385", False),
        ("9001012385", "199001012385", False),
        ("990909-2380", "199909092380", False),
        ("121212+1212", "191212121212", False),
        (" 19900116 2396 ", "199001162396", False),
    ],
)
def test_valid_numbers_are_read_in_every_common_form(text, nummer, samordning):
    tolkat = tolka_identitetsnummer(text, idag=IDAG)
    assert tolkat.nummer == nummer
    assert tolkat.samordningsnummer is samordning


def test_a_samordningsnummer_has_the_day_plus_sixty():
    from stdnum import luhn

    nio = "900161238"  # born 1990-01-01, day 01 + 60
    nummer = "19" + nio + luhn.calc_check_digit(nio)
    tolkat = tolka_identitetsnummer(nummer, idag=IDAG)
    assert tolkat.samordningsnummer is True
    assert tolkat.fodelsedatum == datetime.date(1990, 1, 1)


@pytest.mark.parametrize(
    ("text", "fel"),
    [
        ("19900101-2384", "kontrollsiffran är fel"),
        ("abc", "10 eller 12 siffror"),
        ("", "10 eller 12 siffror"),
        ("1990010123", "kontrollsiffran är fel"),
    ],
)
def test_invalid_numbers_are_refused_with_a_swedish_message(text, fel):
    with pytest.raises(OgiltigtIdentitetsnummer, match=fel):
        tolka_identitetsnummer(text, idag=IDAG)


def test_a_month_thirteen_number_with_a_valid_check_digit_is_refused():
    from stdnum import luhn

    nio = "901301238"
    with pytest.raises(OgiltigtIdentitetsnummer, match="giltigt födelsedatum"):
        tolka_identitetsnummer("19" + nio + luhn.calc_check_digit(nio), idag=IDAG)


@pytest.mark.django_db
def test_registering_a_person_with_an_invalid_number_names_the_field():
    with pytest.raises(ValidationError) as fel:
        services.person_registrera(identitet="19900101-2384", fornamn="A", efternamn="B")
    assert "identitet" in fel.value.message_dict


@pytest.mark.django_db
def test_registering_the_same_person_twice_gives_one_person():
    a = services.person_registrera(identitet="199001012385", fornamn="A", efternamn="B")
    b = services.person_registrera(identitet="900101-2385", fornamn="A", efternamn="B")
    assert a.pk == b.pk
    assert a.fodelsedatum == datetime.date(1990, 1, 1)


@pytest.mark.django_db
def test_a_person_without_a_number_gets_a_reservnummer_that_is_no_personnummer():
    person = services.person_registrera_reservnummer(
        fornamn="Ny", efternamn="Person", fodelsedatum=datetime.date(1980, 2, 3)
    )
    assert person.id_typ == "reservnummer"
    with pytest.raises(OgiltigtIdentitetsnummer):
        tolka_identitetsnummer(person.identitet, idag=IDAG)
