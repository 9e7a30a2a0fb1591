"""Storstad-scale benchmark data of the core (docs/prestanda.md: "Storstadsdata").

Run through `manage.py seed_scale`, which calls `seed(ctx)` of each installed app's `skala`
module in flow order, as `seed_demo` does with `demo`. Everything is written with
`bulk_create` in batches, never through the services: the point is volume, not one case's
story. Immutable tables (the case history, the access log) only receive inserts.

Persons get made-up personnummer (serial 980–999, the range for test persons, computed Luhn
digit) or, when a birth date's serials are used up, a reservnummer.
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .apps import ge_administratoren_behorighet
from .demo import DEMO_LOSENORD, KVINNONAMN, MANSNAMN, _personal
from .grunddata import grunddata_sakerstall
from .identitet import luhn_kontrollsiffra
from .models import (
    Akt,
    Atkomstlogg,
    Bevakning,
    BevakningStatus,
    Enhet,
    Hushall,
    HushallMedlem,
    IdTyp,
    JournalAnteckning,
    Kontakttyp,
    Namnd,
    Person,
    Roll,
    User,
)
from .partitioner import partitioner_sakerstall

BATCH = 5000
ENHETER = 10
HANDLAGGARE_PER_ENHET = 20  # 200 handläggare in all
# Children's ages are drawn from these bands in turn, so every band is present at any size.
ALDERSBAND = [(0, 3), (4, 6), (7, 10), (11, 14), (15, 17), (18, 20)]
EFTERNAMN = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Ali", "Mohammed", "Hassan", "Nguyen", "Kaya",
]  # fmt: skip
JOURNAL = [
    (Kontakttyp.TELEFON, "Sökande ringde om sin ansökan. Informerade om handläggningen."),
    (Kontakttyp.BESOK, "Uppföljande besök. Gick igenom planen för att komma i arbete."),
    (Kontakttyp.EPOST, "Sökande har skickat kontoutdrag och hyresavi."),
    (Kontakttyp.INTERN, "Ärendedragning med förste socialsekreterare."),
]
SIDOR = ["akt", "akt_journal", "ansokan", "utredning", "beslut"]


@dataclass
class SkalaContext:
    """Shared by the `skala` modules of all apps during one seed_scale run."""

    hushall: int
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    rng: random.Random = field(default_factory=lambda: random.Random(50000))  # noqa: S311
    idag: datetime.date = field(default_factory=timezone.localdate)
    data: dict = field(default_factory=dict)
    antal: dict = field(default_factory=dict)

    def say(self, text: str) -> None:
        self.stderr.write(text + "\n")
        self.stderr.flush()

    def bulk(self, model, rader: Iterable, *, etikett: str | None = None) -> list:
        """Insert the rows in batches of BATCH, with counts and rate on stderr.
        Returns the saved objects (with primary keys on PostgreSQL and SQLite)."""
        etikett = etikett or model._meta.verbose_name_plural
        sparade: list = []
        start = time.monotonic()
        for parti in _partier(rader, BATCH):
            with transaction.atomic():
                sparade.extend(model.objects.bulk_create(parti))
            sekunder = max(time.monotonic() - start, 1e-6)
            self.stderr.write(
                f"\r  {etikett}: {len(sparade)} rader ({len(sparade) / sekunder:.0f}/s)"
            )
            self.stderr.flush()
        self.stderr.write("\n")
        self.antal[model._meta.label] = self.antal.get(model._meta.label, 0) + len(sparade)
        return sparade


def _partier(rader: Iterable, storlek: int) -> Iterator[list]:
    parti: list = []
    for rad in rader:
        parti.append(rad)
        if len(parti) >= storlek:
            yield parti
            parti = []
    if parti:
        yield parti


@contextmanager
def egen_tidpunkt(model, faltnamn: str):
    """Let bulk_create keep the given time in an `auto_now_add` field (a year of history)."""
    falt = model._meta.get_field(faltnamn)
    tidigare = falt.auto_now_add
    falt.auto_now_add = False
    try:
        yield
    finally:
        falt.auto_now_add = tidigare


class Personnummer:
    """Unique made-up personnummer; falls back to a reservnummer when a date is used up."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.givna: set[str] = set(Person.objects.values_list("identitet", flat=True))
        self.reserv = 0

    def nytt(self, fodd: datetime.date, *, kvinna: bool) -> tuple[str, str]:
        serier = [s for s in range(980, 1000) if (s % 10) % 2 == (0 if kvinna else 1)]
        self.rng.shuffle(serier)
        for serie in serier:
            nio = f"{fodd:%y%m%d}{serie:03d}"
            nummer = f"{fodd:%Y%m%d}{serie:03d}{luhn_kontrollsiffra(nio)}"
            if nummer not in self.givna:
                self.givna.add(nummer)
                return nummer, IdTyp.PERSONNUMMER
        self.reserv += 1
        return f"RS{self.reserv:08d}", IdTyp.RESERVNUMMER


def _fodd(rng: random.Random, idag: datetime.date, alder: int) -> datetime.date:
    return idag - datetime.timedelta(days=alder * 365 + rng.randint(1, 360))


def _personal_storstad(ctx: SkalaContext, namnd: Namnd, enheter: list[Enhet]) -> dict:
    """20 staff per Enhet (18 handläggare, 1 förste, 1 enhetschef) plus the README's demo
    users; all share the demo password, hashed once."""
    losen = make_password(DEMO_LOSENORD)
    finns = set(User.objects.values_list("username", flat=True))
    nya: list[User] = []
    roller: dict[str, str] = {}
    for e, enhet in enumerate(enheter, start=1):
        for i in range(1, HANDLAGGARE_PER_ENHET + 1):
            roll = Roll.FORSTE if i == 1 else Roll.ENHETSCHEF if i == 2 else Roll.HANDLAGGARE
            namn = f"skala{e:02d}-{i:02d}"
            roller[namn] = roll
            if namn not in finns:
                nya.append(
                    User(
                        username=namn,
                        first_name=ctx.rng.choice(KVINNONAMN + MANSNAMN),
                        last_name=ctx.rng.choice(EFTERNAMN),
                        email=f"{namn}@kommun.example",
                        namnd=namnd,
                        enhet=enhet,
                        password=losen,
                    )
                )
    ctx.bulk(User, nya, etikett="personal")
    anvandare = {u.username: u for u in User.objects.filter(username__in=roller)}
    grupper = {g.name: g for g in Group.objects.filter(name__in=set(roller.values()))}
    Genom = User.groups.through
    Genom.objects.bulk_create(
        [Genom(user_id=anvandare[n].pk, group_id=grupper[r].pk) for n, r in roller.items()],
        ignore_conflicts=True,
    )
    demo = _personal(ctx, enheter, namnd)
    handlaggare_per_enhet: dict[int, list[User]] = {e.pk: [] for e in enheter}
    for namn, roll in roller.items():
        if roll == Roll.HANDLAGGARE:
            u = anvandare[namn]
            handlaggare_per_enhet[u.enhet_id].append(u)
    for namn in ("handlaggare1", "handlaggare2"):
        u = demo[namn]
        if u.enhet_id in handlaggare_per_enhet:
            handlaggare_per_enhet[u.enhet_id].append(u)
    return handlaggare_per_enhet


def seed(ctx: SkalaContext) -> None:
    grunddata_sakerstall()
    ge_administratoren_behorighet(sender=None)
    rng, idag = ctx.rng, ctx.idag
    namnd, _ = Namnd.objects.get_or_create(
        namn="Socialnämnden i Storstad",
        defaults={"kommun": "Storstad", "postadress": "Socialnämnden, 100 00 Storstad"},
    )
    enheter = [
        Enhet.objects.get_or_create(
            kod=f"storstad-{e:02d}", defaults={"namnd": namnd, "namn": f"Försörjningsstöd {e}"}
        )[0]
        for e in range(1, ENHETER + 1)
    ]
    handlaggare = _personal_storstad(ctx, namnd, enheter)
    ctx.data.update(namnd=namnd, enheter=enheter, handlaggare=handlaggare)

    pnr = Personnummer(rng)
    start = Akt.objects.filter(aktnummer__startswith="S-").count()
    akt_ids: list[int] = []
    for parti_start in range(0, ctx.hushall, BATCH):
        n = min(BATCH, ctx.hushall - parti_start)
        hushall = ctx.bulk(Hushall, [Hushall() for _ in range(n)], etikett="hushåll")
        personer: list[Person] = []
        medlemmar: list[tuple[int, int, str, datetime.date, datetime.date | None]] = []
        for j, h in enumerate(hushall):
            nr = start + parti_start + j
            efternamn = rng.choice(EFTERNAMN)
            # Memberships begin before the year of applications that ansokan.skala adds.
            fran = idag - datetime.timedelta(days=rng.randint(400, 3000))
            sammansattning = [("sokande", rng.randint(20, 66), rng.random() < 0.5)]
            if rng.random() < 0.35:
                sammansattning.append(("medsokande", rng.randint(20, 66), rng.random() < 0.5))
            for b in range(rng.choice([0, 0, 1, 1, 2, 3])):
                lag, hog = ALDERSBAND[(nr + b) % len(ALDERSBAND)]
                sammansattning.append(("barn", rng.randint(lag, hog), rng.random() < 0.5))
            for roll, alder, kvinna in sammansattning:
                fodd = _fodd(rng, idag, alder)
                identitet, id_typ = pnr.nytt(fodd, kvinna=kvinna)
                fornamn = rng.choice(KVINNONAMN if kvinna else MANSNAMN)
                personer.append(
                    Person(
                        identitet=identitet,
                        id_typ=id_typ,
                        fornamn=fornamn,
                        efternamn=efternamn,
                        fodelsedatum=fodd,
                        adress=f"Storgatan {rng.randint(1, 200)}",
                        postnummer=f"1{rng.randint(1000, 9999)}",
                        ort="Storstad",
                    )
                )
                # One household in ten had a member who has since left (a dated end).
                till = None
                if roll == "medsokande" and rng.random() < 0.1:
                    till = idag - datetime.timedelta(days=rng.randint(1, 25))
                medlemmar.append((h.pk, len(personer) - 1, roll, max(fran, fodd), till))
        personer = ctx.bulk(Person, personer, etikett="personer")
        ctx.bulk(
            HushallMedlem,
            (
                HushallMedlem(hushall_id=h, person_id=personer[p].pk, roll=r, fran=f, till=t)
                for h, p, r, f, t in medlemmar
            ),
            etikett="hushållsmedlemmar",
        )
        akter = []
        for j, h in enumerate(hushall):
            nr = start + parti_start + j
            enhet = enheter[nr % len(enheter)]
            lista = handlaggare[enhet.pk]
            # One Akt in twenty waits unassigned in its Enhet's list.
            ansvarig = None if nr % 20 == 19 else lista[(nr // len(enheter)) % len(lista)]
            akter.append(
                Akt(aktnummer=f"S-{nr + 1:07d}", enhet=enhet, hushall_id=h.pk, handlaggare=ansvarig)
            )
        akter = ctx.bulk(Akt, akter, etikett="akter")
        akt_ids.extend(a.pk for a in akter)
        _journal_logg_bevakning(ctx, akter)
    ctx.data["akt_ids"] = akt_ids
    ctx.say(f"Kärnan: {len(akt_ids)} hushåll med akter i {len(enheter)} enheter.")


JOURNAL_PER_AKT = 40  # ≈ 2 000 000 at 50 000 households
LOGG_PER_AKT = 20  # a year of reads
ANDEL_BEVAKNING = 0.5


def _journal_logg_bevakning(ctx: SkalaContext, akter: list[Akt]) -> None:
    rng, idag = ctx.rng, ctx.idag
    nu = timezone.now()

    def journal():
        for akt in akter:
            av_id = akt.handlaggare_id or ctx.data["handlaggare"][akt.enhet_id][0].pk
            for _ in range(rng.randint(JOURNAL_PER_AKT // 2, JOURNAL_PER_AKT * 3 // 2)):
                typ, text = rng.choice(JOURNAL)
                signerad = rng.random() < 0.9
                yield JournalAnteckning(
                    akt_id=akt.pk,
                    kontakttyp=typ,
                    handelse_datum=idag - datetime.timedelta(days=rng.randint(0, 364)),
                    text=text,
                    skapad_av_id=av_id,
                    signerad_av_id=av_id if signerad else None,
                    signerad=nu if signerad else None,
                )

    ctx.bulk(JournalAnteckning, journal(), etikett="journalanteckningar")

    def logg():
        for akt in akter:
            for _ in range(rng.randint(LOGG_PER_AKT // 2, LOGG_PER_AKT * 3 // 2)):
                yield Atkomstlogg(
                    tidpunkt=nu - datetime.timedelta(minutes=rng.randint(0, 365 * 24 * 60)),
                    anvandare_id=akt.handlaggare_id,
                    anvandarnamn="handläggare",
                    akt_id=akt.pk,
                    sida=rng.choice(SIDOR),
                    sokvag=f"/akter/{akt.pk}/",
                    beviljad=True,
                )

    # A year back: each month into its own partition on PostgreSQL, not the DEFAULT one.
    partitioner_sakerstall(idag - datetime.timedelta(days=366), idag)
    with egen_tidpunkt(Atkomstlogg, "tidpunkt"):
        ctx.bulk(Atkomstlogg, logg(), etikett="åtkomstlogg")

    def bevakningar():
        for akt in akter:
            if akt.handlaggare_id is None or rng.random() > ANDEL_BEVAKNING:
                continue
            forfaller = idag + datetime.timedelta(days=rng.randint(-10, 30))
            yield Bevakning(
                typ="handlaggningsmal",
                akt_id=akt.pk,
                agare_id=akt.handlaggare_id,
                forfaller=forfaller,
                status=BevakningStatus.AKTIV,
                beskrivning="Ansökan ska vara avgjord",
            )

    ctx.bulk(Bevakning, bevakningar(), etikett="bevakningar")
