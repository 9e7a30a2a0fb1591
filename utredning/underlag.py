"""Reading a beräkning's input (the JSON of `POST /api/provberakning`) into an `Underlag`.

Every problem is collected with a Swedish message on the field it concerns, keyed by its path
in the request (`personer[1].fodelsedatum`, `kostnader.boende`, `inkomster[0].person`), so the
API answers 400 with all of them at once and the e-tjänst page shows each next to its field.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from .berakning import (
    BARN,
    INKOMSTTYPER,
    KOSTNADER,
    MEDSOKANDE,
    ROLLER,
    SOKANDE,
    InkomstUppgift,
    PersonUppgift,
    Underlag,
    alder,
    dagar_i_manad,
)

BEGARAN = "begaran"  # key for errors that concern the request as a whole
STORSTA_BELOPP = 9_999_999
FLEST_PERSONER = 20
FLEST_INKOMSTER = 50
FLEST_I_HUSHALLSGEMENSKAP = 30
FLEST_MANADER = 1200

FALT = {
    "manad",
    "personer",
    "hushallsgemenskap",
    "kostnader",
    "inkomster",
    "manader_i_foljd_med_bistand",
}
PERSONFALT = {"roll", "fodelsedatum", "lunch_hemma", "umgangesdagar"}
INKOMSTFALT = {"person", "typ", "belopp"}

MANAD_RE = re.compile(r"^(\d{4})-(\d{2})$")
DATUM_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

FEL_BELOPP = "Ange beloppet i hela kronor, 0 eller mer."
FEL_DATUM = "Ange födelsedatum som år-månad-dag, till exempel 1988-04-02."
FEL_INGEN_SOKANDE = "Ange en person med rollen sokande, den som söker."
FEL_EN_AV_ROLLEN = "Det kan bara finnas en {text}."
FEL_BARN_21 = (
    "Barnet har fyllt 21 år och räknas inte som barn i hushållet. "
    "Den som är 21 år eller äldre får söka själv."
)
FEL_UMGANGE_BARA_BARN = "Bara barn kan ha umgängesdagar."
FEL_HUSHALLSGEMENSKAP_ENSAM = (
    "Delat hushåll kan bara anges när du söker ensam, utan sambo eller make och "
    "utan barn i beräkningen."
)
FEL_INKOMST_PERSON = (
    "Ange vems inkomsten är med personens plats i listan personer, "
    "räknat från 0. Utelämna för hushållets inkomster som barnbidrag."
)


class OgiltigtUnderlag(Exception):
    """The input has errors; `fel` maps each field's path to Swedish messages."""

    def __init__(self, fel: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in fel.items()))
        self.fel = fel


def _heltal(varde: Any) -> int | None:
    """A JSON whole number (2 or 2.0), else None. Booleans are not numbers here."""
    if isinstance(varde, bool):
        return None
    if isinstance(varde, int):
        return varde
    if isinstance(varde, float) and varde.is_integer():
        return int(varde)
    return None


class _Lasare:
    def __init__(self) -> None:
        self.fel: dict[str, list[str]] = {}

    def lagg_till(self, falt: str, meddelande: str) -> None:
        self.fel.setdefault(falt, []).append(meddelande)

    def okanda(self, data: dict, tillatna: set[str], prefix: str) -> None:
        for nyckel in sorted(set(data) - tillatna, key=str):
            self.lagg_till(
                f"{prefix}{nyckel}",
                f"Okänt fält. Tillåtna fält är {', '.join(sorted(tillatna))}.",
            )

    def belopp(self, varde: Any, falt: str) -> int | None:
        tal = _heltal(varde)
        if tal is None or tal < 0:
            self.lagg_till(falt, FEL_BELOPP)
            return None
        if tal > STORSTA_BELOPP:
            self.lagg_till(falt, "Beloppet är för stort. Ange beloppet per månad i kronor.")
            return None
        return tal

    def manad(self, varde: Any) -> datetime.date | None:
        if varde is None or varde == "":
            self.lagg_till("manad", "Ange vilken månad beräkningen gäller, till exempel 2026-12.")
            return None
        traff = MANAD_RE.match(varde) if isinstance(varde, str) else None
        if traff is None or not 1 <= int(traff.group(2)) <= 12 or int(traff.group(1)) < 1900:
            self.lagg_till("manad", "Ange månaden som år och månad, till exempel 2026-12.")
            return None
        return datetime.date(int(traff.group(1)), int(traff.group(2)), 1)

    def person(self, data: Any, i: int, manad: datetime.date | None) -> PersonUppgift | None:
        prefix = f"personer[{i}]"
        if not isinstance(data, dict):
            self.lagg_till(prefix, "Ange personen som ett objekt med roll och födelsedatum.")
            return None
        self.okanda(data, PERSONFALT, prefix + ".")
        ok = True
        roll = data.get("roll")
        if roll not in ROLLER:
            self.lagg_till(f"{prefix}.roll", "Välj roll: sokande, medsokande eller barn.")
            ok = False
        fodd = self._datum(data.get("fodelsedatum"), f"{prefix}.fodelsedatum")
        ok = ok and fodd is not None
        if fodd is not None and manad is not None:
            if fodd > manad.replace(day=dagar_i_manad(manad)):
                self.lagg_till(
                    f"{prefix}.fodelsedatum",
                    "Födelsedatumet ligger efter den månad som beräkningen gäller.",
                )
                ok = False
            elif roll == BARN and alder(fodd, manad) >= 21:
                # SOSFS 2013:1: children under 21 whom the parents must support.
                self.lagg_till(f"{prefix}.fodelsedatum", FEL_BARN_21)
                ok = False
        lunch = data.get("lunch_hemma", True)
        if lunch is None:
            lunch = True
        if not isinstance(lunch, bool):
            self.lagg_till(f"{prefix}.lunch_hemma", "Ange true (ja) eller false (nej).")
            ok = False
        dagar = data.get("umgangesdagar")
        if dagar is not None:
            dagar = self._umgangesdagar(dagar, f"{prefix}.umgangesdagar", roll, manad)
            ok = ok and dagar is not None
        if not ok:
            return None
        return PersonUppgift(roll=roll, fodelsedatum=fodd, lunch_hemma=lunch, umgangesdagar=dagar)

    def _datum(self, varde: Any, falt: str) -> datetime.date | None:
        if not isinstance(varde, str) or not DATUM_RE.match(varde):
            self.lagg_till(falt, FEL_DATUM)
            return None
        try:
            return datetime.date.fromisoformat(varde)
        except ValueError:
            self.lagg_till(falt, "Datumet finns inte. " + FEL_DATUM)
            return None

    def _umgangesdagar(
        self, varde: Any, falt: str, roll: Any, manad: datetime.date | None
    ) -> int | None:
        if roll in (SOKANDE, MEDSOKANDE):
            self.lagg_till(falt, FEL_UMGANGE_BARA_BARN)
            return None
        storsta = dagar_i_manad(manad) if manad else 31
        tal = _heltal(varde)
        if tal is None or not 1 <= tal <= storsta:
            self.lagg_till(
                falt,
                f"Ange hur många dagar i månaden barnet bor hos dig, mellan 1 och {storsta}. "
                "Lämna tomt om barnet bor hos dig hela tiden.",
            )
            return None
        return tal

    def personer(self, data: Any, manad: datetime.date | None) -> list[PersonUppgift] | None:
        if not isinstance(data, list) or not data:
            self.lagg_till("personer", "Ange minst en person: den som söker.")
            return None
        if len(data) > FLEST_PERSONER:
            self.lagg_till("personer", f"Ange högst {FLEST_PERSONER} personer.")
            return None
        personer = [self.person(p, i, manad) for i, p in enumerate(data)]
        roller = [p.get("roll") if isinstance(p, dict) else None for p in data]
        if SOKANDE not in roller:
            self.lagg_till("personer", FEL_INGEN_SOKANDE)
        for roll, text in ((SOKANDE, "sökande"), (MEDSOKANDE, "medsökande")):
            for i in [i for i, r in enumerate(roller) if r == roll][1:]:
                self.lagg_till(f"personer[{i}].roll", FEL_EN_AV_ROLLEN.format(text=text))
        if any(p is None for p in personer) or SOKANDE not in roller:
            return None
        return personer

    def hushallsgemenskap(self, varde: Any, personer: list[Any] | None) -> int | None:
        """docs/regler.md: Beräkning — only for an applicant without a sambo and without children;
        the number of persons in the shared household including the applicant."""
        if varde is None:
            return None
        tal = _heltal(varde)
        if tal is None or not 2 <= tal <= FLEST_I_HUSHALLSGEMENSKAP:
            self.lagg_till(
                "hushallsgemenskap",
                "Ange hur många personer som bor i hushållet, du själv inräknad (minst 2). "
                "Lämna tomt om du inte delar hushåll med andra vuxna.",
            )
            return None
        if personer is not None and any(p.roll in (MEDSOKANDE, BARN) for p in personer):
            self.lagg_till("hushallsgemenskap", FEL_HUSHALLSGEMENSKAP_ENSAM)
            return None
        return tal

    def kostnader(self, data: Any) -> dict[str, int]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.lagg_till("kostnader", "Ange kostnaderna som ett objekt med belopp per kostnad.")
            return {}
        self.okanda(data, set(KOSTNADER), "kostnader.")
        kostnader = {}
        for kod in KOSTNADER:
            if data.get(kod) is None:
                continue
            belopp = self.belopp(data[kod], f"kostnader.{kod}")
            if belopp is not None:
                kostnader[kod] = belopp
        return kostnader

    def inkomster(self, data: Any, antal_personer: int | None) -> list[InkomstUppgift]:
        if data is None:
            return []
        if not isinstance(data, list):
            self.lagg_till("inkomster", "Ange inkomsterna som en lista.")
            return []
        if len(data) > FLEST_INKOMSTER:
            self.lagg_till("inkomster", f"Ange högst {FLEST_INKOMSTER} inkomster.")
            return []
        inkomster = []
        for i, rad in enumerate(data):
            prefix = f"inkomster[{i}]"
            if not isinstance(rad, dict):
                self.lagg_till(prefix, "Ange inkomsten som ett objekt med typ och belopp.")
                continue
            self.okanda(rad, INKOMSTFALT, prefix + ".")
            typ = rad.get("typ")
            if not isinstance(typ, str) or typ not in INKOMSTTYPER:
                self.lagg_till(f"{prefix}.typ", f"Välj typ av inkomst: {', '.join(INKOMSTTYPER)}.")
            belopp = self.belopp(rad.get("belopp"), f"{prefix}.belopp")
            person = rad.get("person")
            if person is not None:
                index = _heltal(person)
                if (
                    index is None
                    or index < 0
                    or (antal_personer is not None and index >= antal_personer)
                ):
                    self.lagg_till(f"{prefix}.person", FEL_INKOMST_PERSON)
                    continue
                person = index
            if isinstance(typ, str) and typ in INKOMSTTYPER and belopp is not None:
                inkomster.append(InkomstUppgift(typ=typ, belopp=belopp, person=person))
        return inkomster

    def manader(self, varde: Any) -> int:
        if varde is None:
            return 0
        tal = _heltal(varde)
        if tal is None or not 0 <= tal <= FLEST_MANADER:
            self.lagg_till(
                "manader_i_foljd_med_bistand",
                "Ange hur många hela månader i följd du har haft försörjningsstöd, 0 eller fler.",
            )
            return 0
        return tal


def tolka_underlag(data: Any) -> Underlag:
    """The request as an `Underlag`, or `OgiltigtUnderlag` with every error per field."""
    lasare = _Lasare()
    if not isinstance(data, dict):
        raise OgiltigtUnderlag({BEGARAN: ["Skicka uppgifterna som ett JSON-objekt."]})
    lasare.okanda(data, FALT, "")
    manad = lasare.manad(data.get("manad"))
    personer = lasare.personer(data.get("personer"), manad)
    hushallsgemenskap = lasare.hushallsgemenskap(data.get("hushallsgemenskap"), personer)
    kostnader = lasare.kostnader(data.get("kostnader"))
    antal = len(data["personer"]) if isinstance(data.get("personer"), list) else None
    inkomster = lasare.inkomster(data.get("inkomster"), antal)
    manader = lasare.manader(data.get("manader_i_foljd_med_bistand"))
    if lasare.fel:
        raise OgiltigtUnderlag(lasare.fel)
    return Underlag(
        manad=manad,
        personer=tuple(personer),
        kostnader=kostnader,
        inkomster=tuple(inkomster),
        hushallsgemenskap=hushallsgemenskap,
        manader_i_foljd_med_bistand=manader,
    )


def underlag_som_dict(underlag: Underlag) -> dict[str, Any]:
    """The `Underlag` back in the API's request shape (saved with a sheet)."""
    return {
        "manad": f"{underlag.manad:%Y-%m}",
        "personer": [
            {
                "roll": p.roll,
                "fodelsedatum": p.fodelsedatum.isoformat(),
                "lunch_hemma": p.lunch_hemma,
                "umgangesdagar": p.umgangesdagar,
            }
            for p in underlag.personer
        ],
        "hushallsgemenskap": underlag.hushallsgemenskap,
        "kostnader": {kod: underlag.kostnader.get(kod, 0) for kod in KOSTNADER},
        "inkomster": [
            {"typ": i.typ, "belopp": i.belopp}
            | ({"person": i.person} if i.person is not None else {})
            for i in underlag.inkomster
        ],
        "manader_i_foljd_med_bistand": underlag.manader_i_foljd_med_bistand,
    }
