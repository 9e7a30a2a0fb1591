"""Swedish payment identifiers with their check digits (docs/regler.md: Betalningsmottagare).

- Bankgironummer: 7–8 digits, the last a modulus-10 (Luhn) check digit (Bankgirot).
- PlusGiro-nummer: 2–8 digits, the last a modulus-10 check digit (Nordea/PlusGirot).
- Bankkonto: a clearing number (4 digits; Swedbank's 8xxx may have a fifth check digit) and an
  account number checked by the rule of the bank that owns the clearing range (Bankgirot,
  "Bankernas kontonummeruppbyggnad": type 1 comment 1/2 = modulus 11 over clearing and
  account; type 2 comment 1/3 = modulus 10 over the account, comment 2 = modulus 11 over a
  9-digit account).
- OCR-referens: 2–25 digits with a modulus-10 check digit; with "längdsiffra" the
  second-to-last digit is the length (including both control digits) modulo 10 (Bankgirot,
  "OCR-referenskontroll").

Every check raises `ValidationError` with a Swedish message the user can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from stdnum import luhn

from bistand.parametrar import bara_siffror

_SIFFROR = re.compile(r"[\s\-]")


def _siffror(varde: str, vad: str) -> str:
    rent = _SIFFROR.sub("", varde or "")
    if not rent:
        raise ValidationError(f"Ange {vad}.")
    if not bara_siffror(rent):
        raise ValidationError(f"{vad.capitalize()} får bara innehålla siffror.")
    return rent


def _mod10_ok(nummer: str) -> bool:
    return luhn.is_valid(nummer)


def _mod11_ok(nummer: str) -> bool:
    """Modulus 11 with weights 1, 2, …, 10, 1, 2, … from the right."""
    summa = sum(int(s) * (i % 10 + 1) for i, s in enumerate(reversed(nummer)))
    return summa % 11 == 0


def bankgiro_validera(varde: str) -> str:
    """A bankgironummer, normalised to digits (Bankgirot: 7–8 digits, modulus 10)."""
    nummer = _siffror(varde, "bankgironummer")
    if len(nummer) not in (7, 8):
        raise ValidationError("Ett bankgironummer har sju eller åtta siffror.")
    if not _mod10_ok(nummer):
        raise ValidationError(
            "Bankgironumret stämmer inte – kontrollsiffran är fel. Kontrollera numret."
        )
    return nummer


def bankgiro_visning(nummer: str) -> str:
    return f"{nummer[:-4]}-{nummer[-4:]}"


def plusgiro_validera(varde: str) -> str:
    """A PlusGiro-nummer, normalised to digits (2–8 digits, modulus 10)."""
    nummer = _siffror(varde, "plusgironummer")
    if not 2 <= len(nummer) <= 8:
        raise ValidationError("Ett plusgironummer har två till åtta siffror.")
    if not _mod10_ok(nummer):
        raise ValidationError(
            "Plusgironumret stämmer inte – kontrollsiffran är fel. Kontrollera numret."
        )
    return nummer


def plusgiro_visning(nummer: str) -> str:
    return f"{nummer[:-1]}-{nummer[-1]}"


@dataclass(frozen=True)
class Bank:
    fran: int
    till: int
    namn: str
    typ: int  # 1 or 2
    kommentar: int  # 1, 2 or 3


# Clearing ranges of the banks a unit pays to most (Bankgirot, "Bankernas
# kontonummeruppbyggnad"). A clearing number outside the table is refused: the payee's bank
# must be added here before money can be sent there.
BANKER: tuple[Bank, ...] = (
    Bank(1100, 1199, "Nordea", 1, 1),
    Bank(1200, 1399, "Danske Bank", 1, 1),
    Bank(1400, 2099, "Nordea", 1, 1),
    Bank(2300, 2399, "Ålandsbanken", 1, 2),
    Bank(2400, 2499, "Danske Bank", 1, 1),
    Bank(3000, 3299, "Nordea", 1, 1),
    Bank(3300, 3300, "Nordea (personkonto)", 2, 1),
    Bank(3301, 3399, "Nordea", 1, 1),
    Bank(3400, 3409, "Länsförsäkringar Bank", 1, 1),
    Bank(3410, 3781, "Nordea", 1, 1),
    Bank(3782, 3782, "Nordea (personkonto)", 2, 1),
    Bank(3783, 3999, "Nordea", 1, 1),
    Bank(4000, 4999, "Nordea", 1, 2),
    Bank(5000, 5999, "SEB", 1, 1),
    Bank(6000, 6999, "Handelsbanken", 2, 2),
    Bank(7000, 7999, "Swedbank", 1, 1),
    Bank(8000, 8999, "Swedbank", 2, 3),
    Bank(9020, 9029, "Länsförsäkringar Bank", 1, 2),
    Bank(9060, 9069, "Länsförsäkringar Bank", 1, 1),
    Bank(9150, 9169, "Skandiabanken", 1, 2),
    Bank(9170, 9179, "Ikano Bank", 1, 1),
    Bank(9230, 9239, "Marginalen Bank", 1, 1),
    Bank(9250, 9259, "SBAB", 1, 1),
    Bank(9300, 9349, "Sparbanken Öresund", 2, 1),
    Bank(9400, 9449, "Forex Bank", 1, 2),
    Bank(9460, 9469, "Santander Consumer Bank", 1, 1),
    Bank(9500, 9549, "Nordea (PlusGirot)", 2, 3),
    Bank(9550, 9569, "Avanza Bank", 1, 2),
    Bank(9570, 9579, "Sparbanken Syd", 2, 1),
    Bank(9660, 9669, "Svea Bank", 1, 2),
    Bank(9670, 9679, "JAK Medlemsbank", 1, 2),
    Bank(9880, 9889, "Riksgälden", 1, 2),
    Bank(9960, 9969, "Nordea (PlusGirot)", 2, 3),
)


def bank_for_clearing(clearing: int) -> Bank | None:
    for bank in BANKER:
        if bank.fran <= clearing <= bank.till:
            return bank
    return None


def bankkonto_validera(clearing: str, konto: str) -> tuple[str, str, Bank]:
    """A Swedish bank account: (clearing, account, bank), digits only, or ValidationError
    keyed by field (`clearingnummer`, `kontonummer`)."""
    try:
        cl = _siffror(clearing, "clearingnummer")
    except ValidationError as fel:
        raise ValidationError({"clearingnummer": fel.messages}) from None
    try:
        nr = _siffror(konto, "kontonummer")
    except ValidationError as fel:
        raise ValidationError({"kontonummer": fel.messages}) from None
    if len(cl) not in (4, 5):
        raise ValidationError({"clearingnummer": "Ett clearingnummer har fyra siffror."})
    bank = bank_for_clearing(int(cl[:4]))
    if bank is None:
        raise ValidationError(
            {"clearingnummer": "Clearingnumret hör inte till någon bank som vi kan betala till."}
        )
    if len(cl) == 5:
        if not (bank.typ == 2 and bank.kommentar == 3 and cl.startswith("8")):
            raise ValidationError({"clearingnummer": "Ett clearingnummer har fyra siffror."})
        if not _mod10_ok(cl):
            raise ValidationError(
                {"clearingnummer": "Clearingnumret stämmer inte – kontrollsiffran är fel."}
            )
    fel_konto = ValidationError(
        {
            "kontonummer": f"Kontonumret stämmer inte för {bank.namn} – kontrollsiffran är fel. "
            "Kontrollera clearingnummer och kontonummer."
        }
    )
    if bank.typ == 1:
        if len(nr) != 7:
            raise ValidationError(
                {"kontonummer": f"Ett kontonummer i {bank.namn} har sju siffror."}
            )
        underlag = (cl[1:4] if bank.kommentar == 1 else cl[:4]) + nr
        if not _mod11_ok(underlag):
            raise fel_konto
    elif bank.kommentar == 2:
        if len(nr) != 9:
            raise ValidationError(
                {"kontonummer": f"Ett kontonummer i {bank.namn} har nio siffror."}
            )
        if not _mod11_ok(nr):
            raise fel_konto
    else:
        if bank.kommentar == 1 and len(nr) != 10:
            raise ValidationError(
                {"kontonummer": f"Ett kontonummer i {bank.namn} har tio siffror."}
            )
        if not 1 <= len(nr) <= 10:
            raise ValidationError(
                {"kontonummer": f"Ett kontonummer i {bank.namn} har högst tio siffror."}
            )
        if not _mod10_ok(nr):
            raise fel_konto
    return cl, nr, bank


def ocr_validera(varde: str, *, langdsiffra: bool = False) -> str:
    """An OCR reference (Bankgirot): 2–25 digits, modulus-10 check digit, and with
    `langdsiffra` the second-to-last digit the length modulo 10."""
    nummer = _siffror(varde, "OCR-nummer")
    if not 2 <= len(nummer) <= 25:
        raise ValidationError("Ett OCR-nummer har 2–25 siffror.")
    if not _mod10_ok(nummer):
        raise ValidationError(
            "OCR-numret stämmer inte – kontrollsiffran är fel. Skriv av numret från fakturan igen."
        )
    if langdsiffra and int(nummer[-2]) != len(nummer) % 10:
        raise ValidationError(
            "OCR-numret har fel längd för den här mottagaren (längdsiffran stämmer inte)."
        )
    return nummer


def ocr_skapa(underlag: str, *, langdsiffra: bool = False) -> str:
    """An OCR reference from digits: adds the length digit if asked, then the check digit."""
    nummer = underlag
    if langdsiffra:
        nummer += str((len(underlag) + 2) % 10)
    return nummer + luhn.calc_check_digit(nummer)
