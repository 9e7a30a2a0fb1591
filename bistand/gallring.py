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

An approved proposal is executed by `gallringsforslag_verkstall` (`manage.py gallra`, run as
the database owner; docs/drift.md: Databasroller): the assessment is made again that day, and
each app removes its own rows of the culled Akter and persons through the hook it registers
(`registrera_radering`), right to left along the flow, inside one transaction and past the
append-only guards only there (`bistand.dbguard.gallring_pagar`). The proposal keeps the record:
when, and how many rows of each kind were removed; its report rows keep birth date and Akt
number only. The access log is not culled with the personakt.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from .dbguard import gallring_pagar
from .models import (
    Akt,
    Bevakning,
    Gallringsforslag,
    Gallringsrad,
    Handelse,
    Hushall,
    HushallMedlem,
    JournalAnteckning,
    Medgivande,
    MedlemsRoll,
    Namnd,
    Notis,
    Person,
    Registerutdrag,
    Roll,
    User,
    Utelamning,
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


# ---- Execution of an approved proposal ---------------------------------------------------


@dataclass(frozen=True)
class Urval:
    """What is culled: the Akter (every member culled) and the persons."""

    akt_ids: list[int]
    person_ids: list[int]


Radering = Callable[[Urval], dict[str, int]]
RADERINGAR: list[Radering] = []


def registrera_radering(radering: Radering) -> Radering:
    """An app's hook that removes its own rows of the culled Akter and persons and returns how
    many of each kind (`{"app.Modell": antal}`). Registered in AppConfig.ready(); they run in
    the reverse order of registration (right to left along the flow), then the core's own."""
    RADERINGAR.append(radering)
    return radering


def radera(*urval: QuerySet) -> dict[str, int]:
    """Remove the rows of each queryset with one DELETE each (no cascade in Python: each app
    names its own rows; the foreign keys are checked at commit, so a row left behind that
    still points at a culled one stops the whole gallring)."""
    antal: dict[str, int] = {}
    for qs in urval:
        n = qs._raw_delete(qs.db)
        if n:
            etikett = qs.model._meta.label
            antal[etikett] = antal.get(etikett, 0) + n
    return antal


def filer_bort(sokvagar: Iterable[str]) -> None:
    """Remove stored files (under FILE_STORAGE_DIR) once the gallring has committed."""
    rot = settings.FILE_STORAGE_DIR
    filer = [s for s in sokvagar if s]

    def ta_bort() -> None:
        for sokvag in filer:
            fil = (Path(rot) / sokvag).resolve()
            if Path(rot).resolve() in fil.parents:
                fil.unlink(missing_ok=True)

    transaction.on_commit(ta_bort)


def _utan_referenser(person_ids: list[int]) -> list[int]:
    """The persons nothing else refers to any more (a synpunkt, a payee, an event in an Akt that
    is kept); those are removed, the others stay with only what is kept about them."""
    kvar = set(person_ids)
    for relation in Person._meta.related_objects:
        if not kvar or relation.many_to_many or relation.related_model is Gallringsrad:
            continue
        falt = relation.field.name
        kvar -= set(
            relation.related_model._base_manager.filter(**{f"{falt}__in": kvar}).values_list(
                falt, flat=True
            )
        )
    return sorted(kvar)


def _karnan(urval: Urval) -> dict[str, int]:
    """The core's rows: deadlines and their notices, the case history, the journal, grants,
    the person's registerutdrag, the Akt, its household, and the persons nothing else needs."""
    hushall_ids = list(
        Akt.objects.filter(pk__in=urval.akt_ids).values_list("hushall_id", flat=True)
    )
    filer_bort(
        Registerutdrag.objects.filter(person_id__in=urval.person_ids).values_list(
            "sokvag", flat=True
        )
    )
    antal = radera(
        Notis.objects.filter(bevakning__akt_id__in=urval.akt_ids),
        Bevakning.objects.filter(akt_id__in=urval.akt_ids),
        Handelse.objects.filter(akt_id__in=urval.akt_ids),
        JournalAnteckning.objects.filter(akt_id__in=urval.akt_ids),
        Medgivande.objects.filter(akt_id__in=urval.akt_ids),
        Utelamning.objects.filter(utdrag__person_id__in=urval.person_ids),
        Registerutdrag.objects.filter(person_id__in=urval.person_ids),
        Akt.objects.filter(pk__in=urval.akt_ids),
        HushallMedlem.objects.filter(hushall_id__in=hushall_ids),
        Hushall.objects.filter(pk__in=hushall_ids),
    )
    Gallringsrad.objects.filter(person_id__in=urval.person_ids).update(person=None)
    return antal | radera(Person.objects.filter(pk__in=_utan_referenser(urval.person_ids)))


def gallringsforslag_verkstall(
    *, forslag: Gallringsforslag, idag: datetime.date | None = None
) -> Gallringsforslag:
    """Execute an approved proposal (SoL 2025:400 16 kap. 1 §): assess the persons again today,
    remove those still to be culled through every app's hook, and keep the record. A person
    that may no longer be culled (a new entry since the proposal, a child now in the Akt) is
    kept and the report says so. Idempotent: an executed proposal is returned unchanged."""
    idag = idag or timezone.localdate()
    with transaction.atomic():
        forslag = Gallringsforslag.objects.select_for_update().get(pk=forslag.pk)
        if forslag.status != Gallringsforslag.Status.GODKAND:
            raise ValidationError("Bara ett godkänt gallringsförslag kan verkställas.")
        if forslag.verkstalld:
            return forslag
        foreslagna = set(
            forslag.rader.filter(
                atgard=Gallringsrad.Atgard.GALLRAS, person__isnull=False
            ).values_list("person_id", flat=True)
        )
        nu = {b.person.pk: b for b in bedom_namnd(namnd=forslag.namnd, idag=idag)}
        gallras = {pid for pid in foreslagna if pid in nu and nu[pid].gallras}
        # An Akt goes only when every member goes (the household rule, also for a member
        # added after the proposal).
        medlemmar: dict[int, set[int]] = defaultdict(set)
        for akt_id, person_id in HushallMedlem.objects.filter(
            hushall__akt__in=[a.pk for pid in gallras for a in nu[pid].akter]
        ).values_list("hushall__akt", "person_id"):
            medlemmar[akt_id].add(person_id)
        gallras -= {p for akt, ps in medlemmar.items() if not ps <= gallras for p in ps}
        akt_ids = sorted(akt for akt, ps in medlemmar.items() if ps <= gallras)
        for rad in forslag.rader.filter(person_id__in=foreslagna - gallras):
            skal = nu[rad.person_id].skal if rad.person_id in nu else "Finns inte längre."
            rad.atgard = Gallringsrad.Atgard.BEVARAS
            rad.skal = f"Bevaras vid verkställandet {idag:%Y-%m-%d}: {skal}"[:300]
            rad.gallras_senast_ar = None
            rad.save(update_fields=["atgard", "skal", "gallras_senast_ar"])
        urval = Urval(akt_ids=akt_ids, person_ids=sorted(gallras))
        raderat: dict[str, int] = {}
        with gallring_pagar(connection):
            for radering in [*reversed(RADERINGAR), _karnan]:
                for etikett, antal in radering(urval).items():
                    raderat[etikett] = raderat.get(etikett, 0) + antal
        forslag.verkstalld = timezone.now()
        forslag.raderat = dict(sorted(raderat.items()))
        forslag.save(update_fields=["verkstalld", "raderat"])
    logg.info(
        "gallringsförslag %s verkställt: %s akter, %s personer",
        forslag.pk,
        len(urval.akt_ids),
        len(urval.person_ids),
    )
    return forslag
