"""The beräkning of försörjningsstöd: riksnorm + skäliga kostnader − inkomster.

docs/regler.md: Beräkning, docs/regler.md: Riksnorm. A pure function: `berakna(underlag,
parametrar)` reads no database and no clock. The dated figures it needs (riksnorm of the year, the
municipality's housing levels, prisbasbelopp, jobbstimulans) come in `Parametrar`, each with its
source and a verified flag, and every line of the result names the figure it used.
`selectors.berakning_parametrar` loads them from the tables an administrator maintains.

Money: whole kronor. Each line is rounded half up (`ROUND_HALF_UP`); every total is the sum of
its lines; the result (`bistand`) is never negative.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

# Roles of the persons in a beräkning (the API's `roll`).
SOKANDE = "sokande"
MEDSOKANDE = "medsokande"
BARN = "barn"
ROLLER = (SOKANDE, MEDSOKANDE, BARN)

# The riksnorm's items (SFS 2020:1013, socialtjänstförordningen 2 kap. 1 §): personal costs per
# child by age band (under 7 with two amounts: lunch at home, or lunch at preschool/school five
# days a week), personal costs for adults, and common household costs by household size 1–7.
BARN_ALDERSGRUPPER = (
    # (post, lowest age, highest age, label)
    ("barn_0", 0, 0, "under 1 år"),
    ("barn_1_2", 1, 2, "1–2 år"),
    ("barn_3", 3, 3, "3 år"),
    ("barn_4_6", 4, 6, "4–6 år"),
    ("barn_7_10", 7, 10, "7–10 år"),
    ("barn_11_14", 11, 14, "11–14 år"),
    ("barn_15_18", 15, 18, "15–18 år"),
    ("barn_19_20", 19, 20, "19–20 år"),
)
EJ_LUNCH = "_ej_lunch"
STORSTA_HUSHALL_I_TABELL = 7

RIKSNORM_POSTER: list[tuple[str, str]] = [
    *[
        (post, f"Barn {etikett}, lunch hemma" if hogsta <= 6 else f"Barn {etikett}")
        for post, _, hogsta, etikett in BARN_ALDERSGRUPPER
    ],
    *[
        (post + EJ_LUNCH, f"Barn {etikett}, lunch i förskola/skola 5 dagar/vecka")
        for post, _, hogsta, etikett in BARN_ALDERSGRUPPER
        if hogsta <= 6
    ],
    ("ensamstaende", "Vuxen, ensamstående"),
    ("sambor", "Vuxna, sambor eller makar (för paret)"),
    *[
        (f"gemensam_{n}", f"Gemensamma hushållskostnader, {n} {'person' if n == 1 else 'personer'}")
        for n in range(1, STORSTA_HUSHALL_I_TABELL + 1)
    ],
]
RIKSNORM_POST_NAMN = dict(RIKSNORM_POSTER)

# Reasonable costs outside the riksnorm (Socialstyrelsen, SOSFS 2013:1; docs/regler.md: Beräkning).
KOSTNADER: dict[str, str] = {
    "boende": "Boendekostnad",
    "hushallsel": "Hushållsel",
    "hemforsakring": "Hemförsäkring",
    "arbetsresor": "Arbetsresor",
    "fackavgift_akassa": "Avgift till fackförening och a-kassa",
    "barnomsorg": "Avgift för förskola och fritidshem",
}

INKOMSTTYPER: dict[str, str] = {
    "lon": "Lön",
    "a_kassa": "Ersättning från a-kassa",
    "sjukpenning": "Sjukpenning",
    "sjukersattning": "Sjukersättning eller aktivitetsersättning",
    "aktivitetsstod": "Aktivitetsstöd eller etableringsersättning",
    "foraldrapenning": "Föräldrapenning",
    "pension": "Pension",
    "studiemedel": "Studiemedel",
    "barnbidrag": "Barnbidrag",
    "bostadsbidrag": "Bostadsbidrag",
    "underhallsstod": "Underhållsstöd",
    "annan": "Annan inkomst",
}
LON = "lon"

# The municipality's highest reasonable housing cost is set per household type (docs/regler.md:
# Riksnorm, e.g. Högsby's and Ängelholm's tables).
HUSHALLSTYPER: list[tuple[str, str]] = [
    ("vuxen_1", "1 vuxen"),
    ("vuxna_2", "2 vuxna"),
    ("barn_1", "1–2 vuxna och 1 barn"),
    ("barn_2", "1–2 vuxna och 2 barn"),
    ("barn_3", "1–2 vuxna och 3 barn"),
    ("barn_4", "1–2 vuxna och 4 barn eller fler"),
]
HUSHALLSTYP_NAMN = dict(HUSHALLSTYPER)

# Kinds of line on the sheet, and the part of the sheet each belongs to.
PERSONLIG = "personlig"
GEMENSAM = "gemensam"
KOSTNAD = "kostnad"
UPPLYSNING = "upplysning"
INKOMST = "inkomst"
AVDRAG = "avdrag"
RADTYP_GRUPP = {
    PERSONLIG: "Riksnorm",
    GEMENSAM: "Riksnorm",
    KOSTNAD: "Skäliga kostnader",
    UPPLYSNING: "Skäliga kostnader",
    INKOMST: "Inkomster",
    AVDRAG: "Inkomster",
}

UPPGIFT_I_BERAKNINGEN = "Uppgift i beräkningen"


class BerakningFel(Exception):
    """A figure the beräkning needs is missing; `falt` names the input it concerns."""

    def __init__(self, falt: str, meddelande: str) -> None:
        super().__init__(meddelande)
        self.falt = falt
        self.meddelande = meddelande


@dataclass(frozen=True)
class Varde:
    """One dated figure as used: its value, name, source and whether it is verified."""

    belopp: Decimal
    namn: str
    kalla: str
    verifierad: bool


@dataclass(frozen=True)
class Parametrar:
    """Every figure in force for the month of the beräkning (loaded by the selector)."""

    riksnorm_namn: str
    riksnorm: Mapping[str, Varde]
    boendenivaer: Mapping[str, Varde] = field(default_factory=dict)
    prisbasbelopp: Varde | None = None
    jobbstimulans_procent: Varde | None = None
    jobbstimulans_efter_manader: Varde | None = None
    jobbstimulans_antal_manader: Varde | None = None


@dataclass(frozen=True)
class PersonUppgift:
    roll: str
    fodelsedatum: datetime.date
    lunch_hemma: bool = True
    umgangesdagar: int | None = None


@dataclass(frozen=True)
class InkomstUppgift:
    typ: str
    belopp: int
    person: int | None = None


@dataclass(frozen=True)
class Underlag:
    """The household, month, costs and incomes of one beräkning (validated by `underlag.py`)."""

    manad: datetime.date  # the first day of the month
    personer: tuple[PersonUppgift, ...]
    kostnader: Mapping[str, int] = field(default_factory=dict)
    inkomster: tuple[InkomstUppgift, ...] = ()
    hushallsgemenskap: int | None = None
    manader_i_foljd_med_bistand: int = 0


@dataclass(frozen=True)
class Rad:
    """One line of the sheet: what, how much, from which figure and source."""

    typ: str
    text: str
    belopp: int
    kalla: str
    parameter: str = ""
    verifierad: bool = True

    def som_dict(self) -> dict[str, Any]:
        return {
            "typ": self.typ,
            "grupp": RADTYP_GRUPP[self.typ],
            "text": self.text,
            "belopp": self.belopp,
            "kalla": self.kalla,
            "parameter": self.parameter,
            "verifierad": self.verifierad,
        }


@dataclass(frozen=True)
class Resultat:
    manad: datetime.date
    rader: tuple[Rad, ...]
    riksnorm_namn: str
    verifierad: bool

    def _summa(self, *typer: str) -> int:
        return sum(rad.belopp for rad in self.rader if rad.typ in typer)

    @property
    def personliga(self) -> int:
        return self._summa(PERSONLIG)

    @property
    def gemensamma(self) -> int:
        return self._summa(GEMENSAM)

    @property
    def riksnorm(self) -> int:
        return self.personliga + self.gemensamma

    @property
    def skaliga_kostnader(self) -> int:
        return self._summa(KOSTNAD)

    @property
    def inkomster(self) -> int:
        """Income counted, after the disregards (jobbstimulans, children's earnings)."""
        return self._summa(INKOMST, AVDRAG)

    @property
    def behov(self) -> int:
        return self.riksnorm + self.skaliga_kostnader

    @property
    def bistand(self) -> int:
        """Never negative: income above the need gives no assistance, not a debt."""
        return max(0, self.behov - self.inkomster)

    def som_api(self) -> dict[str, Any]:
        """The response of `POST /api/provberakning` (docs/regler.md: Beräkning, the contract)."""
        return {
            "manad": f"{self.manad:%Y-%m}",
            "riksnorm": {
                "personliga": self.personliga,
                "gemensamma": self.gemensamma,
                "summa": self.riksnorm,
            },
            "skaliga_kostnader": self.skaliga_kostnader,
            "inkomster": self.inkomster,
            "behov": self.behov,
            "bistand": self.bistand,
            "rader": [
                {"typ": rad.typ, "text": rad.text, "belopp": rad.belopp, "kalla": rad.kalla}
                for rad in self.rader
            ],
            "parametrar": {"riksnorm": self.riksnorm_namn, "verifierad": self.verifierad},
        }

    def som_blad(self) -> dict[str, Any]:
        """The sheet as saved and shown: the API shape with every line's parameter and flag."""
        blad = self.som_api()
        blad["rader"] = [rad.som_dict() for rad in self.rader]
        return blad


# --- small rules ---------------------------------------------------------------------------


def avrunda(belopp: Decimal | int) -> int:
    """Whole kronor, half up (docs/regler.md: Beräkning — each line rounded half up)."""
    return int(Decimal(belopp).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def dagar_i_manad(manad: datetime.date) -> int:
    return calendar.monthrange(manad.year, manad.month)[1]


def alder(fodelsedatum: datetime.date, manad: datetime.date) -> int:
    """Age in whole years on the first day of the month (docs/regler.md: Beräkning — "age on the
    first day of the month"). A child born later in the month counts as under 1."""
    dag = manad.replace(day=1)
    ar = (
        dag.year
        - fodelsedatum.year
        - ((dag.month, dag.day) < (fodelsedatum.month, fodelsedatum.day))
    )
    return max(0, ar)


def barnets_post(alder_ar: int, *, lunch_hemma: bool) -> str:
    """The riksnorm item for a child of this age (SFS 2020:1013, socialtjänstförordningen
    2 kap. 1 §): age bands under 1 · 1–2 · 3 · 4–6 · 7–10 · 11–14 · 15–18 · 19–20; under 7 the
    lower amount when the child does not eat lunch at home (eats at preschool or school five
    days a week). 19–20 only for a child at home in school (docs/regler.md: Beräkning — a barn aged
    19–20 is taken to be at home in school)."""
    for post, lagsta, hogsta, _ in BARN_ALDERSGRUPPER:
        if lagsta <= alder_ar <= hogsta:
            if hogsta <= 6 and not lunch_hemma:
                return post + EJ_LUNCH
            return post
    raise ValueError(f"Ingen åldersgrupp för {alder_ar} år: barn måste vara under 21 år.")


def gemensamma_for_antal(antal: int, riksnorm: Mapping[str, Varde]) -> tuple[Decimal, list[Varde]]:
    """Common household costs for `antal` persons (SFS 2020:1013): the table gives 1–7 persons;
    above 7, add the difference between 6 and 7 persons for each further person."""
    if antal < 1:
        raise ValueError("Ett hushåll har minst en person.")
    if antal <= STORSTA_HUSHALL_I_TABELL:
        varde = riksnorm[f"gemensam_{antal}"]
        return varde.belopp, [varde]
    sex, sju = riksnorm["gemensam_6"], riksnorm["gemensam_7"]
    extra = antal - STORSTA_HUSHALL_I_TABELL
    return sju.belopp + extra * (sju.belopp - sex.belopp), [sex, sju]


def jobbstimulans_galler(manader_i_foljd: int, *, efter: int, antal: int) -> bool:
    """Jobbstimulans (prop. 2012/13:94; 4 kap. 1 b § SoL 2001:453): after `efter` (6)
    consecutive months with försörjningsstöd, for `antal` (24) months — i.e. when the completed
    consecutive months before this month are 6–29."""
    return efter <= manader_i_foljd < efter + antal


def barns_fria_inkomst(prisbasbelopp: Decimal) -> int:
    """Earnings of children and school-age youths are disregarded up to one prisbasbelopp a
    calendar year (prop. 2012/13:94): one twelfth of it per month, rounded half up."""
    return avrunda(prisbasbelopp / 12)


def hushallstyp(*, vuxna: int, barn: int) -> str:
    """The household type of the municipality's housing levels (docs/regler.md: Riksnorm): 1 vuxen,
    2 vuxna, or 1–2 vuxna with 1, 2, 3 or 4+ barn. Visiting children count: they need room too."""
    if barn == 0:
        return "vuxen_1" if vuxna <= 1 else "vuxna_2"
    return f"barn_{min(barn, 4)}"


def kr(belopp: Decimal | int) -> str:
    """Whole kronor with a thin space between thousands, as Swedish text writes them."""
    return f"{avrunda(belopp):,}".replace(",", "\u00a0") + "\u00a0kr"


# --- the beräkning -------------------------------------------------------------------------


class _Blad:
    """Collects the lines and whether every figure used is verified."""

    def __init__(self) -> None:
        self.rader: list[Rad] = []
        self.verifierad = True

    def rad(
        self, typ: str, text: str, belopp: Decimal | int, *varden: Varde, kalla: str = ""
    ) -> None:
        verifierad = all(v.verifierad for v in varden)
        self.verifierad = self.verifierad and verifierad
        self.rader.append(
            Rad(
                typ=typ,
                text=text,
                belopp=avrunda(belopp),
                kalla=kalla or "; ".join(dict.fromkeys(v.kalla for v in varden)),
                parameter=" · ".join(v.namn for v in varden),
                verifierad=verifierad,
            )
        )


def _post(parametrar: Parametrar, post: str) -> Varde:
    try:
        return parametrar.riksnorm[post]
    except KeyError:
        raise BerakningFel(
            "manad",
            f"{parametrar.riksnorm_namn} saknar beloppet för "
            f"{RIKSNORM_POST_NAMN.get(post, post).lower()}. Kontakta kommunen.",
        ) from None


def _person_namn(underlag: Underlag) -> list[str]:
    """How each person is named on the sheet: Sökande, Medsökande, Barn 1, Barn 2, …"""
    namn, barn = [], 0
    for person in underlag.personer:
        if person.roll == BARN:
            barn += 1
            namn.append(f"Barn {barn}")
        else:
            namn.append("Sökande" if person.roll == SOKANDE else "Medsökande")
    return namn


def _riksnorm(blad: _Blad, underlag: Underlag, parametrar: Parametrar, namn: list[str]) -> None:
    """Riksnorm = personal costs of every member + the household's common costs (SFS 2020:1013;
    12 kap. 7 § SoL 2025:400). Members (SOSFS 2013:1): spouses, sambor and children under 21
    whom they must support; children staying for umgänge count in proportion to their days,
    and common costs are for the household without them (docs/regler.md: Beräkning)."""
    vuxna = [p for p in underlag.personer if p.roll in (SOKANDE, MEDSOKANDE)]
    if len(vuxna) >= 2:
        varde = _post(parametrar, "sambor")
        blad.rad(PERSONLIG, "Personliga kostnader, sambor eller makar", varde.belopp, varde)
    else:
        varde = _post(parametrar, "ensamstaende")
        blad.rad(PERSONLIG, "Personliga kostnader, ensamstående vuxen", varde.belopp, varde)

    dagar = dagar_i_manad(underlag.manad)
    for index, person in enumerate(underlag.personer):
        if person.roll != BARN:
            continue
        ar = alder(person.fodelsedatum, underlag.manad)
        varde = _post(parametrar, barnets_post(ar, lunch_hemma=person.lunch_hemma))
        beskrivning = f"{ar} år"
        if ar <= 6:
            beskrivning += (
                ", äter lunch hemma"
                if person.lunch_hemma
                else (", äter lunch i förskola eller skola")
            )
        elif ar >= 19:
            beskrivning += ", bor hemma och går i skolan"
        text = f"Personliga kostnader, {namn[index].lower()} ({beskrivning})"
        if person.umgangesdagar is None:
            blad.rad(PERSONLIG, text, varde.belopp, varde)
        else:
            # Multiply before dividing, so that e.g. 2170 × 1/28 is exactly 77.5 (→ 78).
            blad.rad(
                PERSONLIG,
                f"{text}, umgänge {person.umgangesdagar} av {dagar} dagar",
                varde.belopp * person.umgangesdagar / dagar,
                varde,
            )

    if underlag.hushallsgemenskap:
        antal = underlag.hushallsgemenskap
        belopp, varden = gemensamma_for_antal(antal, _tabell(parametrar, antal))
        blad.rad(
            GEMENSAM,
            f"Gemensamma hushållskostnader, din del: en av {antal} personer i hushållet",
            belopp / antal,
            *varden,
        )
        return
    antal = sum(
        1 for p in underlag.personer if not (p.roll == BARN and p.umgangesdagar is not None)
    )
    belopp, varden = gemensamma_for_antal(antal, _tabell(parametrar, antal))
    text = f"Gemensamma hushållskostnader, {antal} {'person' if antal == 1 else 'personer'}"
    if antal > STORSTA_HUSHALL_I_TABELL:
        text += (
            f" (7 personer och {antal - STORSTA_HUSHALL_I_TABELL} × skillnaden mellan "
            "6 och 7 personer)"
        )
    blad.rad(GEMENSAM, text, belopp, *varden)


def _tabell(parametrar: Parametrar, antal: int) -> Mapping[str, Varde]:
    """The common-cost items needed for `antal` persons, or a Swedish error if one is missing."""
    behov = (
        [f"gemensam_{antal}"] if antal <= STORSTA_HUSHALL_I_TABELL else ["gemensam_6", "gemensam_7"]
    )
    return {post: _post(parametrar, post) for post in behov}


def _kostnader(blad: _Blad, underlag: Underlag, parametrar: Parametrar) -> None:
    """Reasonable costs outside the riksnorm (SOSFS 2013:1; docs/regler.md: Beräkning). Housing
    counts at its actual cost; above the municipality's level for the household type a line says so
    (docs/regler.md: Beräkning) — a rådrum is for the utredning and the beslut to propose and
    decide."""
    for kod, text in KOSTNADER.items():
        belopp = underlag.kostnader.get(kod, 0)
        if not belopp:
            continue
        blad.rad(KOSTNAD, text, belopp, kalla=UPPGIFT_I_BERAKNINGEN)
        if kod == "boende":
            _boendeniva(blad, underlag, parametrar, belopp)


def _boendeniva(blad: _Blad, underlag: Underlag, parametrar: Parametrar, belopp: int) -> None:
    vuxna = sum(1 for p in underlag.personer if p.roll in (SOKANDE, MEDSOKANDE))
    barn = sum(1 for p in underlag.personer if p.roll == BARN)
    typ = hushallstyp(vuxna=vuxna, barn=barn)
    typnamn = HUSHALLSTYP_NAMN[typ]
    niva = parametrar.boendenivaer.get(typ)
    if niva is None:
        blad.rad(
            UPPLYSNING,
            f"Kommunen har ingen nivå för skälig boendekostnad för hushållstypen {typnamn}. "
            "Boendekostnaden är inte jämförd med någon nivå.",
            0,
            kalla=UPPGIFT_I_BERAKNINGEN,
        )
    elif belopp > niva.belopp:
        blad.rad(
            UPPLYSNING,
            f"Boendekostnaden är högre än kommunens nivå för skälig boendekostnad för "
            f"hushållstypen {typnamn} ({kr(niva.belopp)}). Hela kostnaden räknas med här; "
            "om den är skälig prövas i utredningen.",
            0,
            niva,
        )


def _inkomster(blad: _Blad, underlag: Underlag, parametrar: Parametrar, namn: list[str]) -> None:
    """All income of the household counts (SOSFS 2013:1), except jobbstimulans and children's
    earnings up to one prisbasbelopp a year (prop. 2012/13:94)."""
    stimulans = _jobbstimulans(underlag, parametrar)
    fri_barninkomst: dict[int, int] = {}
    for inkomst in underlag.inkomster:
        if not inkomst.belopp:
            continue
        vem = "hushållet" if inkomst.person is None else namn[inkomst.person].lower()
        typnamn = INKOMSTTYPER[inkomst.typ]
        blad.rad(INKOMST, f"{typnamn}, {vem}", inkomst.belopp, kalla=UPPGIFT_I_BERAKNINGEN)
        if inkomst.typ != LON or inkomst.person is None:
            continue
        person = underlag.personer[inkomst.person]
        if person.roll == BARN:
            pbb = _prisbasbelopp(underlag, parametrar)
            kvar = fri_barninkomst.setdefault(inkomst.person, barns_fria_inkomst(pbb.belopp))
            avdrag = min(inkomst.belopp, kvar)
            fri_barninkomst[inkomst.person] = kvar - avdrag
            blad.rad(
                AVDRAG,
                f"Barns arbetsinkomst räknas inte upp till en tolftedel av prisbasbeloppet "
                f"({kr(pbb.belopp / 12)} i månaden), {vem}",
                -avdrag,
                pbb,
            )
        elif stimulans is not None:
            procent = stimulans[0]
            blad.rad(
                AVDRAG,
                f"Jobbstimulans: {procent.belopp.normalize():f} % av lönen räknas inte, {vem}",
                -(inkomst.belopp * procent.belopp / 100),
                *stimulans,
            )


def _jobbstimulans(underlag: Underlag, parametrar: Parametrar) -> tuple[Varde, ...] | None:
    """The jobbstimulans figures if it applies this month, else None."""
    if not any(
        i.typ == LON
        and i.person is not None
        and underlag.personer[i.person].roll != BARN
        and i.belopp
        for i in underlag.inkomster
    ):
        return None
    varden = (
        parametrar.jobbstimulans_procent,
        parametrar.jobbstimulans_efter_manader,
        parametrar.jobbstimulans_antal_manader,
    )
    if any(v is None for v in varden):
        raise BerakningFel(
            "manad", f"Reglerna för jobbstimulans saknas för {underlag.manad:%Y-%m}."
        )
    procent, efter, antal = varden
    if jobbstimulans_galler(
        underlag.manader_i_foljd_med_bistand, efter=int(efter.belopp), antal=int(antal.belopp)
    ):
        return procent, efter, antal
    return None


def _prisbasbelopp(underlag: Underlag, parametrar: Parametrar) -> Varde:
    if parametrar.prisbasbelopp is None:
        raise BerakningFel(
            "manad", f"Prisbasbeloppet för {underlag.manad.year} saknas. Kontakta kommunen."
        )
    return parametrar.prisbasbelopp


def berakna(underlag: Underlag, parametrar: Parametrar) -> Resultat:
    """Försörjningsstöd for one month: riksnorm + reasonable costs − income, line by line
    (docs/regler.md: Beräkning; SoL 2025:400 12 kap. 1 § and 7 §; SFS 2020:1013; SOSFS 2013:1).

    Raises `BerakningFel` when a figure the household needs is missing.
    """
    blad = _Blad()
    namn = _person_namn(underlag)
    _riksnorm(blad, underlag, parametrar, namn)
    _kostnader(blad, underlag, parametrar)
    _inkomster(blad, underlag, parametrar, namn)
    return Resultat(
        manad=underlag.manad,
        rader=tuple(blad.rader),
        riksnorm_namn=parametrar.riksnorm_namn,
        verifierad=blad.verifierad,
    )
