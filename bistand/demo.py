"""Demo data of the core: organisation, staff for every role, 30+ households of real variety.

Run through `manage.py seed_demo`, which calls `seed(ctx)` of each installed app's `demo`
module in flow order (docs/arkitektur.md: Appar). Persons use Skatteverket's test personnummer
(`bistand/testpersonnummer.txt`); further demo persons get numbers generated here at run time,
so the repository holds no other personnummer. Idempotent: running it again changes nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm

from . import services
from .access import SKYDDAD_AKT_PERM
from .apps import ge_administratoren_behorighet
from .grunddata import grunddata_sakerstall
from .identitet import luhn_kontrollsiffra
from .models import (
    Akt,
    Enhet,
    Flytt,
    Kontakttyp,
    MedlemsRoll,
    Namnd,
    Person,
    Roll,
    Skydd,
    User,
    Utbetalningsregel,
    Veckodag,
)

DEMO_LOSENORD = "bistand-demo"
TESTPERSONNUMMER_FIL = Path(__file__).with_name("testpersonnummer.txt")


def testpersonnummer() -> list[str]:
    """Skatteverket's test personnummer kept in the repository's allowlist."""
    return [
        rad.strip()
        for rad in TESTPERSONNUMMER_FIL.read_text(encoding="utf-8").splitlines()
        if rad.strip() and not rad.startswith("#")
    ]


@dataclass
class DemoContext:
    """Shared by the demo modules of all apps during one seed_demo run."""

    stdout: TextIO
    rng: random.Random = field(default_factory=lambda: random.Random(20261124))  # noqa: S311
    idag: datetime.date = field(default_factory=timezone.localdate)
    data: dict = field(default_factory=dict)

    def say(self, text: str) -> None:
        self.stdout.write(text + "\n")


class DemoPersonnummer:
    """Generates valid personnummer for demo persons, deterministic for a given seed.

    The birth serial is drawn from 980–999, the range used for made-up test persons, and the
    check digit is computed (Luhn). Numbers are made at run time and never committed.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.givna: set[str] = set()

    def nytt(self, fodd: datetime.date, *, kvinna: bool) -> str:
        for _ in range(100):
            serie = self.rng.randint(980, 999)
            # The third digit of the serial (second to last digit) is odd for men, even for women.
            if (serie % 10) % 2 == (0 if kvinna else 1):
                nio = f"{fodd:%y%m%d}{serie:03d}"
                nummer = f"{fodd:%Y%m%d}{serie:03d}{luhn_kontrollsiffra(nio)}"
                if (
                    nummer not in self.givna
                    and not Person.objects.filter(identitet=nummer).exists()
                ):
                    self.givna.add(nummer)
                    return nummer
        raise RuntimeError("Kunde inte skapa ett unikt demopersonnummer.")


PERSONAL = [
    # username, first, last, role, enhet index (None = nämnd)
    ("handlaggare1", "Hanna", "Lind", Roll.HANDLAGGARE, 0),
    ("forste1", "Fredrik", "Ek", Roll.FORSTE, 0),
    ("enhetschef1", "Elin", "Berg", Roll.ENHETSCHEF, 0),
    ("handlaggare2", "Hamid", "Karimi", Roll.HANDLAGGARE, 1),
    ("forste2", "Frida", "Holm", Roll.FORSTE, 1),
    ("enhetschef2", "Emil", "Sjöberg", Roll.ENHETSCHEF, 1),
    ("kontaktcenter1", "Kim", "Nyström", Roll.KONTAKTCENTER, None),
    ("kvalitet1", "Karin", "Wallin", Roll.KVALITET, None),
    ("avdelningschef1", "Alva", "Dahl", Roll.AVDELNINGSCHEF, None),
    ("admin", "Ada", "Admin", Roll.ADMINISTRATOR, None),
    ("ekonomi1", "Eva", "Pettersson", Roll.EKONOMIASSISTENT, None),
]

# The demo staff's titles (befattning), printed with their names where an official signs.
BEFATTNING = {
    "handlaggare1": "Socialsekreterare",
    "handlaggare2": "Socialsekreterare",
    "forste1": "Förste socialsekreterare",
    "forste2": "Förste socialsekreterare",
    "enhetschef1": "Enhetschef",
    "enhetschef2": "Enhetschef",
    "kontaktcenter1": "Kontaktcenterhandläggare",
    "kvalitet1": "Kvalitetsutvecklare",
    "avdelningschef1": "Avdelningschef",
    "admin": "Systemförvaltare",
    "ekonomi1": "Ekonomiassistent",
}

KVINNONAMN = [
    "Anna",
    "Sara",
    "Fatima",
    "Maria",
    "Amina",
    "Emma",
    "Sofia",
    "Lina",
    "Ida",
    "Leila",
    "Johanna",
    "Nour",
    "Elsa",
    "Maja",
    "Alva",
    "Ebba",
    "Wilma",
    "Saga",
]
MANSNAMN = [
    "Erik",
    "Ahmed",
    "Johan",
    "Mohammed",
    "Lars",
    "Ali",
    "Oskar",
    "Karl",
    "Omar",
    "Anders",
    "Mikael",
    "Yusuf",
    "Liam",
    "Noah",
    "Hugo",
    "Elias",
    "Adam",
    "Leo",
]
EFTERNAMN = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Hassan",
    "Ali",
    "Mohammed",
    "Pettersson",
    "Jonsson",
    "Lindberg",
    "Lundqvist",
    "Abdi",
    "Öberg",
    "Åström",
]


def _fodd(rng: random.Random, idag: datetime.date, alder: int) -> datetime.date:
    return idag - datetime.timedelta(days=alder * 365 + rng.randint(10, 350))


@dataclass(frozen=True)
class Medlem:
    roll: str
    alder: int
    kvinna: bool
    umgangesdagar: int | None = None
    skydd: str = Skydd.INGET


# Household recipes: (enhet index, members). Ages pick every riksnorm age band.
HUSHALL: list[tuple[int, list[Medlem]]] = [
    (0, [Medlem("sokande", 36, False)]),
    (0, [Medlem("sokande", 29, True), Medlem("barn", 0, True), Medlem("barn", 4, False)]),
    (
        0,
        [
            Medlem("sokande", 41, False),
            Medlem("medsokande", 38, True),
            Medlem("barn", 2, True),
            Medlem("barn", 8, False),
            Medlem("barn", 13, True),
        ],
    ),
    (0, [Medlem("sokande", 45, False), Medlem("barn", 9, False, umgangesdagar=8)]),
    (
        0,
        [
            Medlem("sokande", 33, True, skydd=Skydd.SKYDDAD_FOLKBOKFORING),
            Medlem("barn", 6, True, skydd=Skydd.SKYDDAD_FOLKBOKFORING),
        ],
    ),
    (0, [Medlem("sokande", 24, False), Medlem("ovrig_vuxen", 52, True)]),
    (0, [Medlem("sokande", 58, True)]),
    (0, [Medlem("sokande", 50, True), Medlem("barn", 16, False), Medlem("barn", 19, True)]),
    (0, [Medlem("sokande", 31, False), Medlem("medsokande", 30, True), Medlem("barn", 3, False)]),
    (0, [Medlem("sokande", 22, True)]),
    (
        0,
        [
            Medlem("sokande", 39, True),
            Medlem("barn", 1, False),
            Medlem("barn", 5, True),
            Medlem("barn", 11, False),
            Medlem("barn", 14, True),
            Medlem("barn", 17, False),
        ],
    ),
    (0, [Medlem("sokande", 62, False), Medlem("medsokande", 60, True)]),
    (
        0,
        [
            Medlem("sokande", 27, False),
            Medlem("barn", 7, True, umgangesdagar=4),
            Medlem("barn", 10, False, umgangesdagar=4),
        ],
    ),
    (0, [Medlem("sokande", 35, True, skydd=Skydd.SEKRETESSMARKERING)]),
    (
        0,
        [
            Medlem("sokande", 44, False),
            Medlem("medsokande", 41, True),
            Medlem("barn", 15, True),
            Medlem("barn", 20, False),
        ],
    ),
    (0, [Medlem("sokande", 26, True), Medlem("ovrig_vuxen", 28, True)]),
    (1, [Medlem("sokande", 34, False)]),
    (1, [Medlem("sokande", 28, True), Medlem("barn", 0, False)]),
    (
        1,
        [
            Medlem("sokande", 47, False),
            Medlem("medsokande", 43, True),
            Medlem("barn", 12, False),
            Medlem("barn", 18, True),
        ],
    ),
    (1, [Medlem("sokande", 40, True), Medlem("barn", 3, True), Medlem("barn", 6, False)]),
    (1, [Medlem("sokande", 55, False)]),
    (1, [Medlem("sokande", 30, False), Medlem("barn", 5, False, umgangesdagar=10)]),
    (1, [Medlem("sokande", 23, False), Medlem("ovrig_vuxen", 49, False)]),
    (
        1,
        [
            Medlem("sokande", 37, True),
            Medlem("medsokande", 39, False),
            Medlem("barn", 1, True),
            Medlem("barn", 4, True),
            Medlem("barn", 9, False),
            Medlem("barn", 12, True),
            Medlem("barn", 15, False),
            Medlem("barn", 17, True),
        ],
    ),
    (1, [Medlem("sokande", 64, True)]),
    (1, [Medlem("sokande", 21, True), Medlem("barn", 2, False)]),
    (1, [Medlem("sokande", 42, False), Medlem("medsokande", 35, True)]),
    (1, [Medlem("sokande", 52, True), Medlem("barn", 19, False)]),
    (1, [Medlem("sokande", 32, False, skydd=Skydd.SKYDDAD_FOLKBOKFORING)]),
    (
        1,
        [
            Medlem("sokande", 48, True),
            Medlem("barn", 14, False),
            Medlem("barn", 8, True, umgangesdagar=6),
        ],
    ),
    (0, [Medlem("sokande", 38, False), Medlem("barn", 10, True)]),
    (1, [Medlem("sokande", 29, False), Medlem("medsokande", 27, True), Medlem("barn", 0, True)]),
]

JOURNALTEXTER = [
    (
        Kontakttyp.TELEFON,
        "Sökande ringde och frågade hur man ansöker. Informerade om e-tjänsten "
        "och att ansökan kan lämnas på papper eller vid besök.",
    ),
    (
        Kontakttyp.BESOK,
        "Nybesök. Gick igenom hushållets situation, inkomster och kostnader. "
        "Sökande berättar själv om sina planer för att komma i arbete.",
    ),
    (Kontakttyp.EPOST, "Sökande har skickat kontoutdrag för tre månader."),
    (Kontakttyp.INTERN, "Ärendedragning med förste socialsekreterare. Fortsatt utredning."),
]


def _personal(ctx: DemoContext, enheter: list[Enhet], namnd: Namnd) -> dict[str, User]:
    anvandare: dict[str, User] = {}
    for username, fornamn, efternamn, roll, enhet_index in PERSONAL:
        user, skapad = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": fornamn,
                "last_name": efternamn,
                "email": f"{username}@kommun.example",
                "befattning": BEFATTNING.get(username, ""),
                "namnd": namnd,
                "enhet": enheter[enhet_index] if enhet_index is not None else None,
                "is_staff": roll == Roll.ADMINISTRATOR,
                "is_superuser": roll == Roll.ADMINISTRATOR,
            },
        )
        if skapad:
            user.set_password(DEMO_LOSENORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=roll))
        anvandare[username] = user
    return anvandare


GATOR = ["Storgatan", "Parkvägen", "Skolgatan", "Björkvägen"]


def _adress(rng: random.Random, skydd: str) -> dict[str, str]:
    """A protected person's address is never stored in the case (OSL 21 kap. 3 §)."""
    if skydd != Skydd.INGET:
        return {}
    return {
        "adress": f"{rng.choice(GATOR)} {rng.randint(1, 60)}",
        "postnummer": f"{rng.randint(100, 999)} {rng.randint(10, 99)}",
        "ort": "Exempelstad",
    }


def _hushall(
    ctx: DemoContext,
    pnr: DemoPersonnummer,
    recept: list[Medlem],
    enhet: Enhet,
    handlaggare: User | None,
    fasta_nummer: list[str],
) -> Akt:
    rng, idag = ctx.rng, ctx.idag
    efternamn = rng.choice(EFTERNAMN)
    personer: list[tuple[Medlem, Person]] = []
    for medlem in recept:
        fodd = _fodd(rng, idag, medlem.alder)
        kvinna = medlem.kvinna
        if medlem.roll == MedlemsRoll.SOKANDE and fasta_nummer:
            nummer = fasta_nummer.pop(0)
            kvinna = int(nummer[-2]) % 2 == 0
        else:
            nummer = pnr.nytt(fodd, kvinna=kvinna)
        fornamn = rng.choice(KVINNONAMN if kvinna else MANSNAMN)
        person = services.person_registrera(
            identitet=nummer,
            fornamn=fornamn,
            efternamn=efternamn
            if medlem.roll != MedlemsRoll.OVRIG_VUXEN
            else rng.choice(EFTERNAMN),
            skydd=medlem.skydd,
            **_adress(rng, medlem.skydd),
        )
        personer.append((medlem, person))
    fran = idag - datetime.timedelta(days=rng.randint(20, 400))
    akt = services.akt_skapa(
        enhet=enhet, sokande=personer[0][1], fran=fran, handlaggare=handlaggare
    )
    for medlem, person in personer[1:]:
        services.hushall_medlem_lagg_till(
            hushall=akt.hushall,
            person=person,
            roll=medlem.roll,
            fran=fran,
            umgangesdagar=medlem.umgangesdagar,
        )
    return akt


def _journal(ctx: DemoContext, akt: Akt, av: User) -> None:
    antal = ctx.rng.randint(1, len(JOURNALTEXTER))
    start = ctx.idag - datetime.timedelta(days=30)
    for i, (kontakttyp, text) in enumerate(JOURNALTEXTER[:antal]):
        anteckning = services.journal_skriv(
            akt=akt,
            av=av,
            kontakttyp=kontakttyp,
            text=text,
            handelse_datum=start + datetime.timedelta(days=7 * i),
        )
        services.journal_signera(anteckning=anteckning, av=av)


def _utbetalningskalender(namnd: Namnd) -> None:
    """The demo nämnd pays on the 25th (moved back to a bank day) and every Tuesday."""
    if namnd.utbetalningsregler.exists():
        return
    Utbetalningsregel.objects.create(
        namnd=namnd,
        manadsdag=25,
        flytt=Flytt.FOREGAENDE,
        giltig_fran=datetime.date(2020, 1, 1),
        beskrivning="Ordinarie månadsutbetalning",
    )
    Utbetalningsregel.objects.create(
        namnd=namnd,
        veckodag=Veckodag.TISDAG,
        giltig_fran=datetime.date(2020, 1, 1),
        beskrivning="Veckoutbetalning för beslut mellan de ordinarie dagarna",
    )


@transaction.atomic
def seed(ctx: DemoContext) -> None:
    grunddata_sakerstall()
    ge_administratoren_behorighet(sender=None)
    namnd, _ = Namnd.objects.get_or_create(
        namn="Socialnämnden i Exempelkommun",
        defaults={
            "kommun": "Exempelkommun",
            "adress": "Stadshuset, Storgatan 1, Exempelstad",
            "postadress": "Socialnämnden, 123 45 Exempelstad",
            "telefon": "0123-45 67 00",
            "telefontid": "Måndag–fredag 9.00–11.00, torsdag även 13.00–15.00",
            "epost": "socialtjanst@kommun.example",
        },
    )
    enheter = [
        Enhet.objects.get_or_create(
            kod="enhet-1", defaults={"namnd": namnd, "namn": "Försörjningsstöd Norr"}
        )[0],
        Enhet.objects.get_or_create(
            kod="enhet-2", defaults={"namnd": namnd, "namn": "Försörjningsstöd Söder"}
        )[0],
    ]
    anvandare = _personal(ctx, enheter, namnd)
    ctx.data.update(namnd=namnd, enheter=enheter, anvandare=anvandare)
    _utbetalningskalender(namnd)

    if Akt.objects.filter(enhet__in=enheter).exists():
        ctx.data["akter"] = list(Akt.objects.filter(enhet__in=enheter).order_by("pk"))
        ctx.say("Grunddata finns redan – inget nytt skapat.")
        return

    pnr = DemoPersonnummer(ctx.rng)
    # The allowlisted test personnummer go to the first applicants, so the README can name them.
    fasta = [n for n in testpersonnummer() if n != "191212121212"]
    handlaggare = [anvandare["handlaggare1"], anvandare["handlaggare2"]]
    akter: list[Akt] = []
    for index, (enhet_index, recept) in enumerate(HUSHALL):
        # Every third Akt waits unassigned in its Enhet's list.
        ansvarig = None if index % 3 == 2 else handlaggare[enhet_index]
        akt = _hushall(ctx, pnr, recept, enheter[enhet_index], ansvarig, fasta)
        _journal(ctx, akt, handlaggare[enhet_index])
        akter.append(akt)

    # A child who lives with one parent and visits the other: member of two households.
    barn = akter[2].hushall.medlemmar.filter(roll=MedlemsRoll.BARN).first().person
    services.hushall_medlem_lagg_till(
        hushall=akter[0].hushall,
        person=barn,
        roll=MedlemsRoll.BARN,
        fran=ctx.idag - datetime.timedelta(days=60),
        umgangesdagar=6,
    )
    # Protected identity: reachable only with an explicit grant (handlaggare1 has one).
    skyddad = akter[4]
    assign_perm(SKYDDAD_AKT_PERM, anvandare["handlaggare1"], skyddad)

    ctx.data["akter"] = akter
    ctx.say(f"Skapade {len(akter)} hushåll med akter i {len(enheter)} enheter.")
