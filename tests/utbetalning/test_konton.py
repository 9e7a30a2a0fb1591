"""Check digits of payees' accounts and OCR references (docs/regler.md: Betalningsmottagare)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from stdnum import luhn

from utbetalning import konton


def _med_kontrollsiffra(underlag: str) -> str:
    return underlag + luhn.calc_check_digit(underlag)


@pytest.mark.parametrize(
    ("nummer", "giltigt"),
    [
        ("5050-1055", True),  # Bankgirot's own example
        ("5050-1056", False),
        (_med_kontrollsiffra("123456"), True),
        ("5050105", False),
        ("50501055x", False),
    ],
)
def test_a_bankgiro_number_is_checked_by_its_check_digit(nummer, giltigt):
    if giltigt:
        assert konton.bankgiro_validera(nummer).isdigit()
    else:
        with pytest.raises(ValidationError):
            konton.bankgiro_validera(nummer)


def test_a_wrong_bankgiro_check_digit_gets_a_clear_swedish_message():
    with pytest.raises(ValidationError) as fel:
        konton.bankgiro_validera("5050-1056")
    assert fel.value.messages == [
        "Bankgironumret stämmer inte – kontrollsiffran är fel. Kontrollera numret."
    ]


@pytest.mark.parametrize(
    ("nummer", "giltigt"),
    [(_med_kontrollsiffra("4711"), True), ("4711-4", False), ("1", False)],
)
def test_a_plusgiro_number_is_checked_by_its_check_digit(nummer, giltigt):
    if giltigt:
        assert konton.plusgiro_validera(nummer)
    else:
        with pytest.raises(ValidationError):
            konton.plusgiro_validera(nummer)


@pytest.mark.parametrize(
    ("clearing", "konto", "fel_falt"),
    [
        ("5000", "1000004", None),  # SEB: type 1, modulus 11 over clearing[1:] + account
        ("5000", "1000005", "kontonummer"),
        ("6000", "100000002", None),  # Handelsbanken: type 2, modulus 11 over nine digits
        ("6000", "100000003", "kontonummer"),
        ("6000", "1000000", "kontonummer"),  # wrong length for the bank
        ("3300", _med_kontrollsiffra("800101123"), None),  # Nordea personkonto: modulus 10
        ("3300", "8001011230", "kontonummer"),
        ("8327", _med_kontrollsiffra("123456789"), None),  # Swedbank: modulus 10
        (_med_kontrollsiffra("8327"), _med_kontrollsiffra("123456789"), None),
        ("83270", _med_kontrollsiffra("123456789"), "clearingnummer"),
        ("0999", "1234567", "clearingnummer"),  # no bank
        ("12", "1234567", "clearingnummer"),
    ],
)
def test_a_bank_account_is_checked_by_its_banks_rule(clearing, konto, fel_falt):
    if fel_falt is None:
        assert konton.bankkonto_validera(clearing, konto)[2].namn
    else:
        with pytest.raises(ValidationError) as fel:
            konton.bankkonto_validera(clearing, konto)
        assert fel_falt in fel.value.error_dict


@pytest.mark.parametrize(
    ("ocr", "langd", "giltigt"),
    [
        (_med_kontrollsiffra("1234567"), False, True),
        ("12345678", False, False),
        (konton.ocr_skapa("1234567", langdsiffra=True), True, True),
        (_med_kontrollsiffra("12345673"), True, False),  # length digit wrong
        ("1", False, False),
    ],
)
def test_an_ocr_reference_is_checked_by_check_and_length_digit(ocr, langd, giltigt):
    if giltigt:
        assert konton.ocr_validera(ocr, langdsiffra=langd) == ocr
    else:
        with pytest.raises(ValidationError) as fel:
            konton.ocr_validera(ocr, langdsiffra=langd)
        assert "OCR" in fel.value.messages[0]
