"""Swedish identity numbers: personnummer and samordningsnummer (python-stdnum).

Folkbokföringslagen (1991:481) 18 § (personnummer) and 18 a § (samordningsnummer: the day of
birth plus 60). Everything is stored as 12 digits, YYYYMMDDNNNN.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import personnummer as stdnum_pnr

from .parametrar import bara_siffror

FEL_FORMAT = (
    "Skriv numret med 10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN. "
    "Bindestreck och mellanslag går bra."
)
FEL_KONTROLLSIFFRA = (
    "Numret stämmer inte: kontrollsiffran är fel. Kontrollera att alla siffror är rätt."
)
FEL_DATUM = "Numret stämmer inte: det innehåller inget giltigt födelsedatum."
FEL_FRAMTID = "Numret stämmer inte: födelsedatumet ligger i framtiden."


class OgiltigtIdentitetsnummer(ValueError):
    """Raised with a plain Swedish message the user can act on."""


@dataclass(frozen=True)
class Identitetsnummer:
    nummer: str  # 12 digits
    samordningsnummer: bool
    fodelsedatum: datetime.date

    @property
    def visning(self) -> str:
        return f"{self.nummer[:8]}-{self.nummer[8:]}"


def tolka_identitetsnummer(text: str, *, idag: datetime.date | None = None) -> Identitetsnummer:
    """Parse and validate a personnummer or samordningsnummer in 10 or 12 digits.

    Folkbokföringslagen 18 § and 18 a §. Raises OgiltigtIdentitetsnummer with a Swedish message.
    """
    idag = idag or datetime.date.today()  # noqa: DTZ011 - a calendar date is meant here
    try:
        kompakt = stdnum_pnr.compact(text or "")
    except (StdnumError, IndexError):
        raise OgiltigtIdentitetsnummer(FEL_FORMAT) from None
    siffror = kompakt.replace("-", "").replace("+", "")
    if not bara_siffror(siffror) or len(siffror) not in (10, 12):
        raise OgiltigtIdentitetsnummer(FEL_FORMAT)
    try:
        luhn.validate(siffror[-10:])
    except StdnumError:
        raise OgiltigtIdentitetsnummer(FEL_KONTROLLSIFFRA) from None

    dag = int(siffror[-6:-4])
    samordning = dag > 60
    if samordning:
        dag -= 60
    datumdel = siffror[:-6] + f"{dag:02d}"
    plustecken = "+" in kompakt
    try:
        fodd = stdnum_pnr.get_birth_date(datumdel + ("+" if plustecken else "-") + siffror[-4:])
    except StdnumError:
        raise OgiltigtIdentitetsnummer(FEL_DATUM) from None
    if len(siffror) == 10 and fodd > idag:
        fodd = fodd.replace(year=fodd.year - 100)
    if fodd > idag:
        raise OgiltigtIdentitetsnummer(FEL_FRAMTID)
    nummer = f"{fodd.year:04d}{siffror[-8:]}"
    return Identitetsnummer(nummer=nummer, samordningsnummer=samordning, fodelsedatum=fodd)


def luhn_kontrollsiffra(nio_siffror: str) -> str:
    """The check digit for the last nine digits YYMMDDNNN (Luhn, as Skatteverket uses)."""
    return luhn.calc_check_digit(nio_siffror)
