"""Reads of barnkonsekvens (docs/arkitektur.md: Kodstil (services och selectors)): the requirement
and analyses of one ansökan, the orosanmälningar of an Akt, and the figures for kvalitet
(docs/regler.md: Barnkonsekvensanalys)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from ansokan.models import Ansokan
from bistand.forberedd import Param, forberedd
from bistand.models import Akt, Bevakning, Enhet, Handelse, HushallMedlem, MedlemsRoll, Person
from bistand.selectors import akt_hushall_medlemskap
from utredning.models import ForslagPost
from utredning.selectors import forra_ansokan

from .guard import KRAV_PREFIX, Vaktbesked, vakt_for
from .models import Barnkonsekvensanalys, Handlaggningsstod, Orosanmalan
from .regler import (
    Krav,
    barn_medlemmar,
    barnkonsekvens_krav,
    forra_analys_far_bekraftas,
    krav_bedom,
)
from .services import alder_pa

BESLUTAD = "beslutad"


@dataclass(frozen=True)
class BarnRad:
    barn: Person
    medlem: HushallMedlem | None
    alder: int
    kravs: bool
    analys: Barnkonsekvensanalys | None


@dataclass(frozen=True)
class Oversikt:
    """The requirement of one ansökan with its reasons, the guard's answer, one row per child
    (required or not) and the guidance texts for the triggers that apply."""

    krav: Krav
    vakt: Vaktbesked
    rader: list[BarnRad]
    stod: list[Handlaggningsstod]

    @property
    def saknas(self) -> list[str]:
        """What is missing, without the reasons repeated."""
        return [s for s in self.vakt.skal if not s.startswith(KRAV_PREFIX)]


def analyser_for_ansokan(ansokan) -> dict[int, Barnkonsekvensanalys]:
    """The ansökan's analyses keyed by the child's person id."""
    return {
        a.barn_id: a
        for a in forberedd(
            ("analyser_for_ansokan",),
            lambda: Barnkonsekvensanalys.objects.filter(ansokan_id=Param("ansokan")).select_related(
                "signerad_av"
            ),
        ).rader({"ansokan": ansokan.pk})
    }


def analys_for_barn(ansokan, barn: Person) -> Barnkonsekvensanalys | None:
    return (
        Barnkonsekvensanalys.objects.filter(ansokan=ansokan, barn=barn)
        .select_related("signerad_av", "skapad_av")
        .first()
    )


def hushallets_barn(ansokan, dag: datetime.date | None = None) -> list[HushallMedlem]:
    """The children of the ansökan's household today (living there or visiting)."""
    medlemmar = [m for m in akt_hushall_medlemskap(ansokan.akt) if m.roll == MedlemsRoll.BARN]
    return barn_medlemmar(medlemmar, dag or timezone.localdate())


def barn_i_akten(ansokan, person_pk: int) -> Person | None:
    """A child who is or was a member of the ansökan's household, else None (for a 404)."""
    medlem = (
        HushallMedlem.objects.filter(
            hushall_id=ansokan.akt.hushall_id, roll=MedlemsRoll.BARN, person_id=person_pk
        )
        .select_related("person")
        .first()
    )
    return medlem.person if medlem else None


def handlaggningsstod(utlosare: list[str]) -> list[Handlaggningsstod]:
    """The guidance texts for these triggers, in their order; none asked, none read."""
    if not utlosare:
        return []
    stod = {s.utlosare: s for s in Handlaggningsstod.objects.filter(utlosare__in=utlosare)}
    return [stod[u] for u in utlosare if u in stod]


def ansokan_oversikt(ansokan) -> Oversikt:
    """Everything the pages and the förslag panel show, in a fixed number of queries."""
    idag = timezone.localdate()
    krav = barnkonsekvens_krav(ansokan=ansokan, dag=idag)
    analyser = analyser_for_ansokan(ansokan)
    medlemmar = {m.person_id: m for m in hushallets_barn(ansokan, idag)}
    kravda = {p.pk for p in krav.barn}
    personer = {m.person_id: m.person for m in medlemmar.values()}
    personer.update({p.pk: p for p in krav.barn})
    rader = [
        BarnRad(
            barn=p,
            medlem=medlemmar.get(p.pk),
            alder=alder_pa(p.fodelsedatum, idag),
            kravs=p.pk in kravda,
            analys=analyser.get(p.pk),
        )
        for p in sorted(personer.values(), key=lambda p: (p.fodelsedatum, p.pk))
    ]
    return Oversikt(
        krav=krav,
        vakt=vakt_for(krav, analyser),
        rader=rader,
        stod=handlaggningsstod(krav.utlosare),
    )


def forra_analyser_att_bekrafta(ansokan, oversikt: Oversikt) -> list[Barnkonsekvensanalys]:
    """Last month's signed analyses the handläggare may confirm as still valid for this
    ansökan (docs/regler.md: Barnkonsekvensanalys): one per child whose analysis is required
    this month and not yet written, when the previous ansökan holds a signed one and this
    month's triggers allow a confirmation (`forra_analys_far_bekraftas`). One query."""
    if not forra_analys_far_bekraftas(oversikt.krav):
        return []
    barn = [r.barn.pk for r in oversikt.rader if r.kravs and r.analys is None]
    forra = forra_ansokan(ansokan) if barn else None
    if forra is None:
        return []
    return list(
        Barnkonsekvensanalys.objects.filter(ansokan=forra, barn_id__in=barn, signerad__isnull=False)
        .select_related("barn", "ansokan")
        .order_by("barn__fodelsedatum", "barn_id")
    )


# ---- orosanmälan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnmalanRad:
    anmalan: Orosanmalan
    bevakning: Bevakning | None


def orosanmalningar_for_akt(akt: Akt) -> list[AnmalanRad]:
    """The Akt's orosanmälningar, each with its förhandsbedömning bevakning, in two queries."""
    anmalningar = list(akt.orosanmalningar.select_related("av", "barn"))
    typ = ContentType.objects.get_for_model(Orosanmalan)
    bevakningar = {
        b.objekt_id: b
        for b in Bevakning.objects.filter(
            akt=akt,
            typ="forhandsbedomning",
            objekt_typ=typ,
            objekt_id__in=[a.pk for a in anmalningar],
        )
    }
    return [AnmalanRad(anmalan=a, bevakning=bevakningar.get(a.pk)) for a in anmalningar]


def orosanmalan_for_akt(akt: Akt, pk: int) -> Orosanmalan | None:
    return akt.orosanmalningar.filter(pk=pk).first()


# ---- figures for kvalitet (docs/regler.md: Barnkonsekvensanalys)
# -----------------------------------------------------


@dataclass
class Nyckeltal:
    """One Enhet and month of decisions.

    - `beslutade`: ansökningar decided that month (the first timeline event to `beslutad`);
    - `kravs`: of those, how many required a barnkonsekvensanalys under the rule;
    - `klara`: of those, how many had every required analysis signed before the decision;
    - `analyser`: required analyses (one per child concerned);
    - `med_barnsamtal`: of them, how many record a barnsamtal held.
    """

    enhet: Enhet
    manad: datetime.date
    beslutade: int = 0
    kravs: int = 0
    klara: int = 0
    analyser: int = 0
    med_barnsamtal: int = 0

    @staticmethod
    def _andel(del_: int, helhet: int) -> int | None:
        return round(100 * del_ / helhet) if helhet else None

    @property
    def andel_klara(self) -> int | None:
        return self._andel(self.klara, self.kravs)

    @property
    def andel_barnsamtal(self) -> int | None:
        return self._andel(self.med_barnsamtal, self.analyser)


def manader_bakat(slut: datetime.date, antal: int) -> list[datetime.date]:
    """The first days of `antal` months ending with the month of `slut`, oldest first."""
    ar, manad = slut.year, slut.month
    ut = []
    for _ in range(antal):
        ut.append(datetime.date(ar, manad, 1))
        ar, manad = (ar - 1, 12) if manad == 1 else (ar, manad - 1)
    return ut[::-1]


def _beslutade(enheter: QuerySet[Enhet], fran: datetime.date, till: datetime.date):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(fran, datetime.time.min, tzinfo=tz)
    slut = datetime.datetime.combine(till, datetime.time.min, tzinfo=tz)

    return (
        Ansokan.objects.filter(akt__enhet__in=enheter)
        .annotate(
            beslutad_tid=Subquery(
                Handelse.objects.filter(ansokan_id=OuterRef("pk"), typ="ansokan.beslutad")
                .order_by("tidpunkt")
                .values("tidpunkt")[:1]
            )
        )
        .filter(beslutad_tid__gte=start, beslutad_tid__lt=slut)
        .select_related("akt__hushall", "utredning")
        .prefetch_related(
            "poster__posttyp",
            Prefetch(
                "utredning__forslag", queryset=ForslagPost.objects.select_related("post__posttyp")
            ),
            Prefetch(
                "akt__hushall__medlemmar",
                queryset=HushallMedlem.objects.filter(roll=MedlemsRoll.BARN).select_related(
                    "person"
                ),
            ),
            "barnkonsekvensanalyser",
        )
    )


def nyckeltal(
    *, enheter: QuerySet[Enhet], slut: datetime.date, antal_manader: int = 12
) -> list[Nyckeltal]:
    """Per Enhet and month of decision: the share of required analyses done and signed before
    the decision, and the share with a barnsamtal (docs/regler.md: Barnkonsekvensanalys;
    docs/regler.md: Bakgrund). The rule is applied as it reads the ansökan, its förslag and the
    household on the decision day. A fixed number of queries, whatever the number of decisions."""
    manader = manader_bakat(slut, antal_manader)
    nasta = datetime.date(slut.year + (slut.month == 12), slut.month % 12 + 1, 1)
    enhetslista = list(enheter.order_by("namn"))
    rader = {(e.pk, m): Nyckeltal(enhet=e, manad=m) for e in enhetslista for m in manader}
    for ansokan in _beslutade(enheter, manader[0], nasta):
        beslutad = timezone.localtime(ansokan.beslutad_tid)
        rad = rader[(ansokan.akt.enhet_id, beslutad.date().replace(day=1))]
        rad.beslutade += 1
        try:
            utredning = ansokan.utredning
        except Ansokan.utredning.RelatedObjectDoesNotExist:
            utredning = None
        krav = krav_bedom(
            akut=ansokan.ar_akut,
            poster=list(ansokan.poster.all()),
            forslag=list(utredning.forslag.all()) if utredning else [],
            annat_skal=utredning.barnkonsekvens_annat_skal if utredning else "",
            barn=barn_medlemmar(ansokan.akt.hushall.medlemmar.all(), beslutad.date()),
        )
        if not krav.kravs:
            continue
        rad.kravs += 1
        analyser = {a.barn_id: a for a in ansokan.barnkonsekvensanalyser.all()}
        klara = bool(krav.barn)
        for barn in krav.barn:
            rad.analyser += 1
            analys = analyser.get(barn.pk)
            signerad = analys is not None and analys.signerad is not None
            if not (signerad and analys.signerad <= ansokan.beslutad_tid):
                klara = False
            if signerad and analys.barnsamtal:
                rad.med_barnsamtal += 1
        rad.klara += klara
    return [rader[(e.pk, m)] for e in enhetslista for m in manader]


def akt_barn(akt: Akt) -> list[HushallMedlem]:
    """The children of the Akt's household today (for the orosanmälan form)."""
    medlemmar = HushallMedlem.objects.filter(
        hushall_id=akt.hushall_id, roll=MedlemsRoll.BARN
    ).select_related("person")
    return barn_medlemmar(medlemmar, timezone.localdate())
