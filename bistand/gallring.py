"""Gallring of personakter: the rules, the proposal and its review.

docs/regler.md: Gallring och registerutdrag. A person's data are culled five years after the
last entry in the Akter the person belongs to, by the end of the next calendar year
(SoL 2025:400 16 kap. 1 §), unless an exception keeps them:

- the person was born on the 5th, 15th or 25th of a month, or the nämnd's whole municipality is
  kept for research (socialtjänstförordning 2025:468 13 kap. 1 §);
- an Akt of the person holds documents that are never culled (16 kap. 2 §);
- the person was a child in an Akt and is not yet 30 (16 kap. 2 a §: child investigations are
  kept until the child is 30).

The household Akt is the personakt of every member: it is culled only when every member's data
may be culled; while one member is kept, the Akt is kept whole and the others are reported as
kept with that reason. The job only proposes; an avdelningschef approves or stops the proposal,
and the report (one row per person) is kept either way.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import (
    Akt,
    Gallringsforslag,
    Gallringsrad,
    HushallMedlem,
    JournalAnteckning,
    MedlemsRoll,
    Namnd,
    Notis,
    Person,
    Roll,
    User,
)

logg = logging.getLogger(__name__)

FORSKNINGSDAGAR = (5, 15, 25)
FRIST_AR = 5
BARN_BEVARAS_TILL_ALDER = 30

# Sources of "the last entry" in an Akt, beyond the core's journal: apps register a function
# (akt ids -> {akt id: date}) in AppConfig.ready(), so the core needs no import of them.
Kalla = Callable[[list[int]], dict[int, datetime.date]]
KALLOR: list[Kalla] = []


def registrera_kalla(kalla: Kalla) -> Kalla:
    KALLOR.append(kalla)
    return kalla


def _plus_ar(dag: datetime.date, ar: int) -> datetime.date:
    try:
        return dag.replace(year=dag.year + ar)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + ar, day=28)


def senaste_anteckning(akt_ids: list[int]) -> dict[int, datetime.date]:
    """The date of the last entry in each Akt: its creation, its journal, and every registered
    source (applications, decisions, payments …). SoL 16 kap. 1 §."""
    senast: dict[int, datetime.date] = {}

    def ta(akt_id: int, dag: datetime.date | None) -> None:
        if dag is not None and (akt_id not in senast or dag > senast[akt_id]):
            senast[akt_id] = dag

    for akt_id, skapad in Akt.objects.filter(pk__in=akt_ids).values_list("pk", "skapad"):
        ta(akt_id, timezone.localdate(skapad))
    rader = (
        JournalAnteckning.objects.filter(akt_id__in=akt_ids)
        .values("akt_id")
        .annotate(sist=Max("skapad"), dag=Max("handelse_datum"))
    )
    for r in rader:
        ta(r["akt_id"], timezone.localdate(r["sist"]))
        ta(r["akt_id"], r["dag"])
    for kalla in KALLOR:
        for akt_id, dag in kalla(akt_ids).items():
            ta(akt_id, dag)
    return senast


def alder(fodd: datetime.date, dag: datetime.date) -> int:
    return dag.year - fodd.year - ((dag.month, dag.day) < (fodd.month, fodd.day))


@dataclass(frozen=True)
class Bedomning:
    person: Person
    akter: tuple[Akt, ...]
    gallras: bool
    skal: str
    lagrum: str
    senaste: datetime.date | None
    gallras_senast_ar: int | None


def bedom_person(
    *,
    person: Person,
    medlemskap: list[HushallMedlem],
    senaste: dict[int, datetime.date],
    namnd: Namnd,
    idag: datetime.date,
) -> Bedomning:
    """One person's own assessment, before the household rule (see the module docstring)."""
    akter = tuple(sorted({m.hushall.akt for m in medlemskap}, key=lambda a: a.aktnummer))
    sist = max((senaste[a.pk] for a in akter if a.pk in senaste), default=None)

    def bevaras(skal: str, lagrum: str) -> Bedomning:
        return Bedomning(person, akter, False, skal, lagrum, sist, None)

    if namnd.gallring_forskningskommun:
        return bevaras("Kommunen undantas från gallring för forskning.", "SoF 13 kap. 1 §")
    if person.fodelsedatum.day in FORSKNINGSDAGAR:
        return bevaras(
            f"Född den {person.fodelsedatum.day}:e – bevaras för forskning.", "SoF 13 kap. 1 §"
        )
    aldrig = [a for a in akter if a.gallras_aldrig]
    if aldrig:
        return bevaras(
            f"Akten innehåller handlingar som aldrig gallras: {aldrig[0].gallras_aldrig}.",
            "SoL 16 kap. 2 §",
        )
    if any(m.roll == MedlemsRoll.BARN for m in medlemskap) and (
        alder(person.fodelsedatum, idag) < BARN_BEVARAS_TILL_ALDER
    ):
        return bevaras(
            "Var barn i hushållet och har inte fyllt 30 år – bevaras till dess.",
            "SoL 16 kap. 2 a §",
        )
    if sist is None or _plus_ar(sist, FRIST_AR) > idag:
        fran = _plus_ar(sist, FRIST_AR) if sist else None
        text = f"Senaste anteckning {sist:%Y-%m-%d}; gallras tidigast {fran:%Y-%m-%d}."
        return bevaras(text if sist else "Ingen anteckning.", "SoL 16 kap. 1 §")
    frist = _plus_ar(sist, FRIST_AR)
    return Bedomning(
        person,
        akter,
        True,
        f"Fem år sedan senaste anteckningen ({sist:%Y-%m-%d}).",
        "SoL 16 kap. 1 §",
        sist,
        frist.year + 1,
    )


def bedom_namnd(*, namnd: Namnd, idag: datetime.date) -> list[Bedomning]:
    """Every person in the nämnd's Akter, with the household rule applied."""
    medlemskap = list(
        HushallMedlem.objects.filter(hushall__akt__enhet__namnd=namnd).select_related(
            "person", "hushall__akt"
        )
    )
    per_person: dict[int, list[HushallMedlem]] = defaultdict(list)
    for m in medlemskap:
        per_person[m.person_id].append(m)
    senaste = senaste_anteckning(sorted({m.hushall.akt.pk for m in medlemskap}))
    egna = {
        pid: bedom_person(
            person=ms[0].person, medlemskap=ms, senaste=senaste, namnd=namnd, idag=idag
        )
        for pid, ms in per_person.items()
    }
    # The household rule: an Akt with one kept member is kept whole, so are its members.
    bevarade_akter = {a.pk: b for b in egna.values() if not b.gallras for a in b.akter}
    resultat = []
    for b in egna.values():
        orsak = next((bevarade_akter[a.pk] for a in b.akter if a.pk in bevarade_akter), None)
        if b.gallras and orsak is not None:
            b = Bedomning(
                b.person,
                b.akter,
                False,
                "Ingår i en hushållsakt som bevaras för en annan medlem "
                f"({orsak.lagrum}); akten bevaras hel.",
                orsak.lagrum,
                b.senaste,
                None,
            )
        resultat.append(b)
    return sorted(resultat, key=lambda b: (b.gallras, b.person.fodelsedatum, b.person.pk))


def granskare(namnd: Namnd) -> Iterable[User]:
    return User.objects.filter(namnd=namnd, is_active=True, groups__name=Roll.AVDELNINGSCHEF)


@transaction.atomic
def gallringsforslag_skapa(*, namnd: Namnd, idag: datetime.date) -> Gallringsforslag | None:
    """Propose a culling for the nämnd (the job's only write) and tell the reviewers. None when a
    proposal already waits for review or nobody would be culled."""
    if Gallringsforslag.objects.filter(
        namnd=namnd, status=Gallringsforslag.Status.FORESLAGEN
    ).exists():
        return None
    bedomningar = bedom_namnd(namnd=namnd, idag=idag)
    if not any(b.gallras for b in bedomningar):
        return None
    forslag = Gallringsforslag.objects.create(namnd=namnd, bedomningsdag=idag)
    Gallringsrad.objects.bulk_create(
        Gallringsrad(
            forslag=forslag,
            person=b.person,
            fodelsedatum=b.person.fodelsedatum,
            aktnummer=", ".join(a.aktnummer for a in b.akter)[:200],
            atgard=Gallringsrad.Atgard.GALLRAS if b.gallras else Gallringsrad.Atgard.BEVARAS,
            skal=b.skal[:300],
            lagrum=b.lagrum,
            senaste_anteckning=b.senaste,
            gallras_senast_ar=b.gallras_senast_ar,
        )
        for b in bedomningar
    )
    antal = sum(b.gallras for b in bedomningar)
    for user in granskare(namnd):
        Notis.objects.create(
            mottagare=user,
            text=f"Gallringsförslag: {antal} personer kan gallras. Granska och godkänn.",
            lank=f"/gallring/{forslag.pk}/",
        )
    logg.info("gallringsförslag %s: %s gallras av %s", forslag.pk, antal, len(bedomningar))
    return forslag


@transaction.atomic
def gallringsforslag_granska(
    *, forslag: Gallringsforslag, av: User, godkann: bool, kommentar: str = ""
) -> Gallringsforslag:
    """The avdelningschef approves or stops a proposal; the report is kept either way."""
    from django.core.exceptions import ValidationError

    forslag = Gallringsforslag.objects.select_for_update().get(pk=forslag.pk)
    if forslag.status != Gallringsforslag.Status.FORESLAGEN:
        raise ValidationError("Förslaget är redan granskat.")
    if not godkann and not kommentar.strip():
        raise ValidationError({"kommentar": "Skriv varför gallringen avbryts."})
    forslag.status = (
        Gallringsforslag.Status.GODKAND if godkann else Gallringsforslag.Status.AVBRUTEN
    )
    forslag.granskad_av = av
    forslag.granskad = timezone.now()
    forslag.kommentar = kommentar.strip()
    forslag.save(update_fields=["status", "granskad_av", "granskad", "kommentar"])
    return forslag


def gallring_jobb(idag: datetime.date) -> int:
    """Nightly: one proposal per nämnd and calendar year, in time for the deadline at the end of
    the next calendar year (SoL 16 kap. 1 §). Returns the number of proposals made."""
    antal = 0
    for namnd in Namnd.objects.all():
        if Gallringsforslag.objects.filter(namnd=namnd, bedomningsdag__year=idag.year).exists():
            continue
        if gallringsforslag_skapa(namnd=namnd, idag=idag) is not None:
            antal += 1
    return antal
