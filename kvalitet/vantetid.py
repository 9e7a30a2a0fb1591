"""Väntetid: from the first contact to nybesök and to decision (docs/arkitektur.md: Periodiska
jobb).

Kolada U31402 "Väntetid i antal dagar från första kontakttillfället för ansökan vid nybesök
till beslut inom försörjningsstöd, medelvärde" (docs/regler.md: Andra regler) is computed over
nyansökningar only, as its definition says. Time spent waiting for the applicant's komplettering is
shown separately: it pauses the handling clock but is part of the applicant's wait.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from ansokan.models import Ansokan, Status, Typ, Vanteperiod
from bistand.kalender import dygnets_borjan
from bistand.models import Bevakning, BevakningStatus, Enhet, Handelse
from bistand.periodiskt import periodisk

from .models import VantetidManad
from .services import logglarm_avisera


@dataclass(frozen=True)
class Vantetid:
    ansokan_id: int
    typ: str
    enhet_id: int
    mottagen: datetime.date
    beslutad: datetime.date | None
    nybesok: datetime.date | None
    dagar_till_beslut: int | None
    dagar_till_nybesok: int | None
    dagar_vantan_sokande: int
    inom_mal: bool | None


def _datum(tid: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(tid) if tid else None


def vantetider(ansokningar: Iterable[Ansokan]) -> list[Vantetid]:
    """Per ansökan, from stored events: the decision is the move to `beslutad`, the nybesök
    the day its bevakning was met (the utredning meets it when the meeting is held)."""
    resultat = []
    for a in ansokningar:
        beslutad = _datum(a.beslut_tid)
        nybesok = _datum(a.nybesok_tid)
        vantan = sum(((p.till or beslutad or p.fran) - p.fran).days for p in a.vp)
        inom = None
        if a.mal_status is not None and beslutad is not None:
            inom = a.mal_status == BevakningStatus.UPPFYLLD and beslutad <= a.mal_forfaller
        resultat.append(
            Vantetid(
                ansokan_id=a.pk,
                typ=a.typ,
                enhet_id=a.akt.enhet_id,
                mottagen=a.mottagen,
                beslutad=beslutad,
                nybesok=nybesok,
                dagar_till_beslut=(beslutad - a.mottagen).days if beslutad else None,
                dagar_till_nybesok=(nybesok - a.mottagen).days if nybesok else None,
                dagar_vantan_sokande=vantan,
                inom_mal=inom,
            )
        )
    return resultat


def ansokningar_med_tider(filter_: Q) -> list[Ansokan]:
    """Ansökningar with the timestamps väntetid needs, in a fixed number of queries."""

    mal = Bevakning.objects.filter(typ="handlaggningsmal", objekt_id=OuterRef("pk")).exclude(
        status=BevakningStatus.MAKULERAD
    )
    nybesok = Bevakning.objects.filter(
        typ="nybesok", objekt_id=OuterRef("pk"), status=BevakningStatus.UPPFYLLD
    )
    return list(
        Ansokan.objects.filter(filter_)
        .exclude(status=Status.UTKAST)
        .exclude(mottagen__isnull=True)
        .select_related("akt")
        .annotate(
            beslut_tid=Subquery(
                Handelse.objects.filter(ansokan_id=OuterRef("pk"), typ="ansokan.beslutad")
                .order_by("tidpunkt")
                .values("tidpunkt")[:1]
            ),
            nybesok_tid=Subquery(nybesok.values("avslutad")[:1]),
            mal_status=Subquery(mal.values("status")[:1]),
            mal_forfaller=Subquery(mal.values("forfaller")[:1]),
        )
        .prefetch_related(
            Prefetch("vanteperioder", queryset=Vanteperiod.objects.all(), to_attr="vp")
        )
    )


def _medel(varden: list[int]) -> Decimal | None:
    return Decimal(str(round(statistics.fmean(varden), 1))) if varden else None


def _median(varden: list[int]) -> Decimal | None:
    return Decimal(str(round(statistics.median(varden), 1))) if varden else None


def manadsfigurer(tider: list[Vantetid]) -> dict:
    """Mean, median, share within target, U31402 and the applicant's waiting, for decided ones."""
    beslutade = [t for t in tider if t.dagar_till_beslut is not None]
    dagar = [t.dagar_till_beslut for t in beslutade]
    ny = [t.dagar_till_beslut for t in beslutade if t.typ == Typ.NYANSOKAN]
    med_mal = [t for t in beslutade if t.inom_mal is not None]
    return {
        "antal_beslutade": len(beslutade),
        "medel_dagar": _medel(dagar),
        "median_dagar": _median(dagar),
        "andel_inom_mal": (
            Decimal(str(round(100 * sum(t.inom_mal for t in med_mal) / len(med_mal), 1)))
            if med_mal
            else None
        ),
        "kolada_u31402": _medel(ny),
        "medel_vantan_sokande": _medel([t.dagar_vantan_sokande for t in beslutade]),
    }


def _manadens_grans(manad: datetime.date) -> tuple[datetime.date, datetime.date]:
    nasta = manad.replace(day=1) + relativedelta(months=1)
    return manad, nasta


def beslutade_i_perioden(fran: datetime.date, till: datetime.date, **villkor):
    """The ids of the ansökningar decided from the day `fran` up to, not including, the day
    `till` (Stockholm time), by their `ansokan.beslutad` event. The event's time is compared
    itself, not its date, so its index and the case history's yearly partitions serve the
    filter (docs/prestanda.md: Tillväxt: partitionering och arkiv)."""
    return Handelse.objects.filter(
        typ="ansokan.beslutad",
        tidpunkt__gte=dygnets_borjan(fran),
        tidpunkt__lt=dygnets_borjan(till),
        **villkor,
    ).values("ansokan_id")


def vantetid_manad_spara(*, enhet: Enhet, manad: datetime.date) -> VantetidManad:
    """Store the month's figures for one Enhet (idempotent: recomputed and overwritten)."""
    fran, till = _manadens_grans(manad.replace(day=1))
    beslutade_ids = beslutade_i_perioden(fran, till, akt__enhet=enhet)
    tider = vantetider(ansokningar_med_tider(Q(pk__in=beslutade_ids)))
    rad, _ = VantetidManad.objects.update_or_create(
        enhet=enhet, manad=fran, defaults=manadsfigurer(tider)
    )
    return rad


@periodisk("vantetider", nattlig=True)
def vantetider_nattlig(idag: datetime.date) -> int:
    """Nightly: this month's and last month's figures for every Enhet (catches up a missed
    night; running twice changes nothing)."""
    denna = idag.replace(day=1)
    forra = (denna - datetime.timedelta(days=1)).replace(day=1)
    antal = 0
    for enhet in Enhet.objects.all():
        for manad in (forra, denna):
            vantetid_manad_spara(enhet=enhet, manad=manad)
            antal += 1
    return antal


@periodisk("logglarm", nattlig=True)
def logglarm_nattlig(idag: datetime.date) -> int:
    """Nightly: notices about yesterday's unusually many reads (running twice adds nothing)."""
    return logglarm_avisera(dag=idag - datetime.timedelta(days=1)) + logglarm_avisera(dag=idag)
