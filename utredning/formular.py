"""The e-tjänst form of the provberäkning: raw fields in, the API's request shape out.

The page uses the same reader (`underlag.tolka_underlag`) and calculation as the API, so the
rules and the Swedish messages are the same; this module only maps the form's fields to the
request and the request's error paths back to the form's fields. Everything typed is kept as
typed and shown again with the errors.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from bistand.parametrar import bara_siffror

from .berakning import BARN, INKOMSTTYPER, KOSTNADER, MEDSOKANDE, SOKANDE

ANTAL_BARN = 6
ANTAL_INKOMSTER = 6

KOSTNAD_HJALP = {
    "boende": "Hyra eller avgift för bostaden per månad.",
    "hushallsel": "Elräkning för hushållet per månad.",
    "hemforsakring": "Per månad.",
    "arbetsresor": "Resor till och från arbete per månad.",
    "fackavgift_akassa": "Per månad.",
    "barnomsorg": "Per månad.",
}


@dataclass
class Falt:
    namn: str
    etikett: str
    varde: str = ""
    typ: str = "text"
    hjalp: str = ""
    inputmode: str = ""
    autocomplete: str = "off"
    val: list[tuple[str, str]] = field(default_factory=list)
    fel: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"id_{self.namn}"


@dataclass
class Grupp:
    rubrik: str
    falt: list[Falt]
    hjalp: str = ""


def _heltal_eller_text(text: str) -> Any:
    """'7 800', '7800 kr' → 7800; empty → None; anything else as typed, for the reader to
    refuse with its Swedish message."""
    rensad = re.sub(r"[\s\u00a0]|kr\.?$", "", text, flags=re.IGNORECASE)
    if rensad == "":
        return None
    if bara_siffror(rensad):
        return int(rensad)
    return text


def _datum(text: str) -> str:
    """ÅÅÅÅMMDD or ÅÅÅÅ-MM-DD → ÅÅÅÅ-MM-DD; anything else as typed."""
    siffror = text.replace("-", "").strip()
    if len(siffror) == 8 and bara_siffror(siffror):
        return f"{siffror[:4]}-{siffror[4:6]}-{siffror[6:]}"
    return text.strip()


class ProvberakningFormular:
    def __init__(self, data: QueryDict | None, *, idag: datetime.date) -> None:
        self.bunden = data is not None
        self.data = data if data is not None else QueryDict()
        self.idag = idag
        self.fel: dict[str, list[str]] = {}
        self.allmanna_fel: list[str] = []
        # The form field prefix of each person sent, in order (for mapping errors back).
        self._personprefix: list[str] = []
        self._inkomstprefix: list[str] = []

    def varde(self, namn: str, standard: str = "") -> str:
        if not self.bunden:
            return standard
        return self.data.get(namn, "").strip()

    # --- form → request ---------------------------------------------------------------------

    def underlag(self) -> dict[str, Any]:
        """The request the form describes, in the API's shape."""
        personer: list[dict[str, Any]] = []
        self._personprefix = []
        rader = [("sokande", SOKANDE), ("sambo", MEDSOKANDE)] + [
            (f"barn{n}", BARN) for n in range(1, ANTAL_BARN + 1)
        ]
        for prefix, roll in rader:
            fodd = self.varde(f"{prefix}_fodelsedatum")
            dagar = self.varde(f"{prefix}_umgangesdagar")
            lunch_ej_hemma = bool(self.varde(f"{prefix}_lunch_ej_hemma"))
            if roll != SOKANDE and not fodd:
                if dagar or lunch_ej_hemma:
                    self._fel(f"{prefix}_fodelsedatum", "Ange barnets födelsedatum.")
                continue
            person: dict[str, Any] = {"roll": roll, "fodelsedatum": _datum(fodd)}
            if roll == BARN:
                person["lunch_hemma"] = not lunch_ej_hemma
                person["umgangesdagar"] = _heltal_eller_text(dagar)
            self._personprefix.append(prefix)
            personer.append(person)

        kostnader = {}
        for kod in KOSTNADER:
            belopp = _heltal_eller_text(self.varde(f"kostnad_{kod}"))
            if belopp is not None:
                kostnader[kod] = belopp

        inkomster = []
        self._inkomstprefix = []
        for n in range(1, ANTAL_INKOMSTER + 1):
            prefix = f"inkomst{n}"
            typ, vem = self.varde(f"{prefix}_typ"), self.varde(f"{prefix}_person")
            belopp = _heltal_eller_text(self.varde(f"{prefix}_belopp"))
            if not typ and belopp is None:
                continue
            if not typ:
                self._fel(f"{prefix}_typ", "Välj vilken sorts inkomst det är.")
                continue
            rad: dict[str, Any] = {"typ": typ, "belopp": 0 if belopp is None else belopp}
            if vem:
                if vem not in self._personprefix:
                    self._fel(
                        f"{prefix}_person",
                        "Personen finns inte med ovan. Fyll i personen eller välj hushållet.",
                    )
                    continue
                rad["person"] = self._personprefix.index(vem)
            self._inkomstprefix.append(prefix)
            inkomster.append(rad)

        return {
            "manad": self.varde("manad"),
            "personer": personer,
            "hushallsgemenskap": _heltal_eller_text(self.varde("hushallsgemenskap")),
            "kostnader": kostnader,
            "inkomster": inkomster,
            "manader_i_foljd_med_bistand": _heltal_eller_text(self.varde("manader")) or 0,
        }

    # --- request errors → form fields -----------------------------------------------------

    def _fel(self, namn: str, meddelande: str) -> None:
        self.fel.setdefault(namn, []).append(meddelande)

    def har_fel(self) -> bool:
        return bool(self.fel or self.allmanna_fel)

    def lagg_till_fel(self, fel: dict[str, list[str]]) -> None:
        for sokvag, meddelanden in fel.items():
            namn = self._formularfalt(sokvag)
            for meddelande in meddelanden:
                if namn:
                    self._fel(namn, meddelande)
                else:
                    self.allmanna_fel.append(meddelande)

    def _formularfalt(self, sokvag: str) -> str | None:
        if sokvag in ("manad", "hushallsgemenskap"):
            return sokvag
        if sokvag == "manader_i_foljd_med_bistand":
            return "manader"
        if sokvag == "personer":
            return "sokande_fodelsedatum"
        if sokvag.startswith("kostnader."):
            return f"kostnad_{sokvag.removeprefix('kostnader.')}"
        traff = re.match(r"^(personer|inkomster)\[(\d+)\](?:\.(\w+))?$", sokvag)
        if traff is None:
            return None
        lista = self._personprefix if traff.group(1) == "personer" else self._inkomstprefix
        index = int(traff.group(2))
        if index >= len(lista):
            return None
        prefix, delfalt = lista[index], traff.group(3) or ""
        if traff.group(1) == "personer":
            delfalt = {"lunch_hemma": "lunch_ej_hemma", "umgangesdagar": "umgangesdagar"}.get(
                delfalt, "fodelsedatum"
            )
        else:
            delfalt = delfalt if delfalt in ("typ", "belopp", "person") else "belopp"
        return f"{prefix}_{delfalt}"

    # --- what the template shows ---------------------------------------------------------

    def _falt(self, namn: str, etikett: str, standard: str = "", **kwargs: Any) -> Falt:
        return Falt(
            namn=namn,
            etikett=etikett,
            varde=self.varde(namn, standard),
            fel=self.fel.get(namn, []),
            **kwargs,
        )

    def _datumfalt(self, prefix: str, etikett: str) -> Falt:
        return self._falt(
            f"{prefix}_fodelsedatum",
            etikett,
            typ="text",
            inputmode="numeric",
            hjalp="År-månad-dag, till exempel 1988-04-02.",
        )

    def _belopp(self, namn: str, etikett: str, hjalp: str = "") -> Falt:
        return self._falt(namn, etikett, inputmode="numeric", hjalp=hjalp)

    def grupper(self) -> list[Grupp]:
        personval = [
            ("", "Hushållet (till exempel barnbidrag)"),
            ("sokande", "Du"),
            ("sambo", "Din make, maka eller sambo"),
        ] + [(f"barn{n}", f"Barn {n}") for n in range(1, ANTAL_BARN + 1)]
        typval = [("", "Välj")] + list(INKOMSTTYPER.items())
        grupper = [
            Grupp(
                "Vilken månad gäller det?",
                [
                    self._falt(
                        "manad",
                        "Månad",
                        f"{self.idag:%Y-%m}",
                        typ="month",
                        hjalp="År och månad, till exempel 2026-12.",
                    ),
                ],
            ),
            Grupp("Du som söker", [self._datumfalt("sokande", "Ditt födelsedatum")]),
            Grupp(
                "Make, maka eller sambo",
                [
                    self._datumfalt("sambo", "Födelsedatum"),
                ],
                hjalp="Lämna tomt om du inte bor med en make, maka eller sambo.",
            ),
        ]
        for n in range(1, ANTAL_BARN + 1):
            grupper.append(
                Grupp(
                    f"Barn {n}",
                    [
                        self._datumfalt(f"barn{n}", "Barnets födelsedatum"),
                        self._falt(
                            f"barn{n}_lunch_ej_hemma",
                            "Barnet äter lunch i förskola eller skola fem dagar i veckan",
                            typ="checkbox",
                        ),
                        self._falt(
                            f"barn{n}_umgangesdagar",
                            "Dagar per månad på umgänge",
                            inputmode="numeric",
                            hjalp="Lämna tomt om barnet bor hos dig.",
                        ),
                    ],
                    hjalp="Barn under 21 år. Lämna tomt om du inte har fler barn."
                    if n == 1
                    else "",
                )
            )
        grupper.append(
            Grupp(
                "Delar du bostad med andra vuxna?",
                [
                    self._falt(
                        "hushallsgemenskap",
                        "Antal personer i bostaden, du själv inräknad",
                        inputmode="numeric",
                        hjalp="Bara om du bor ensam med andra vuxna som inte är din sambo, "
                        "till exempel en kompis eller en förälder. Annars lämna tomt.",
                    ),
                ],
            )
        )
        grupper.append(
            Grupp(
                "Kostnader per månad",
                [
                    self._belopp(f"kostnad_{kod}", text, KOSTNAD_HJALP[kod])
                    for kod, text in KOSTNADER.items()
                ],
                hjalp="Hela kronor. Lämna tomt det du inte har.",
            )
        )
        for n in range(1, ANTAL_INKOMSTER + 1):
            grupper.append(
                Grupp(
                    f"Inkomst {n}",
                    [
                        self._falt(
                            f"inkomst{n}_person", "Vems inkomst", typ="select", val=personval
                        ),
                        self._falt(f"inkomst{n}_typ", "Sorts inkomst", typ="select", val=typval),
                        self._belopp(f"inkomst{n}_belopp", "Belopp per månad efter skatt"),
                    ],
                    hjalp="Alla inkomster i hushållet per månad. Lämna tomt om det inte finns fler."
                    if n == 1
                    else "",
                )
            )
        grupper.append(
            Grupp(
                "Försörjningsstöd tidigare",
                [
                    self._falt(
                        "manader",
                        "Hur många månader i följd har du haft försörjningsstöd?",
                        "0",
                        inputmode="numeric",
                        hjalp="Räkna hela månader fram till den månad du räknar på.",
                    ),
                ],
            )
        )
        return grupper

    def felsammanfattning(self) -> list[tuple[str, str]]:
        """(field id, "Where – label: message") for the error summary at the top of the page."""
        etiketter = {
            falt.namn: f"{grupp.rubrik} – {falt.etikett}"
            if falt.etikett != grupp.rubrik
            else falt.etikett
            for grupp in self.grupper()
            for falt in grupp.falt
        }
        return [
            (f"id_{namn}", f"{etiketter.get(namn, namn)}: {meddelande}")
            for namn, meddelanden in self.fel.items()
            for meddelande in meddelanden
        ]
