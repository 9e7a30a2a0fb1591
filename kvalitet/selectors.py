"""Figures for the enhetschef's dashboard (DESIGN.md §4: dashboards and KPIs live here)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from bistand.bevakning import typ_namn
from bistand.models import Akt, Bevakning, BevakningStatus, Enhet, Roll, User


@dataclass(frozen=True)
class Arbetsbelastning:
    namn: str
    akter: int


def arbetsbelastning(enheter: QuerySet[Enhet]) -> list[Arbetsbelastning]:
    """Caseload per handläggare: Akter assigned to each (seed 003: 54 per handläggare in
    Alingsås), one query whatever the number of Akter."""
    rader = (
        User.objects.filter(enhet__in=enheter, is_active=True, groups__name=Roll.HANDLAGGARE)
        .annotate(antal=Count("akter", distinct=True))
        .order_by("-antal", "username")
    )
    return [Arbetsbelastning(namn=str(u), akter=u.antal) for u in rader]


def ej_tilldelade(enheter: QuerySet[Enhet]) -> int:
    return Akt.objects.filter(enhet__in=enheter, handlaggare__isnull=True).count()


@dataclass(frozen=True)
class BevakningsLage:
    overskridna: list[Bevakning]
    snart: list[Bevakning]
    per_typ: list[tuple[str, int, int]]  # (typ, överskridna, förfaller inom 7 dagar)


def bevakningslage(enheter: QuerySet[Enhet], idag: datetime.date) -> BevakningsLage:
    """Overdue and due-soon bevakningar (within seven days), with counts per kind."""
    oppna = Bevakning.objects.filter(akt__enhet__in=enheter).select_related("akt", "agare")
    overskridna = list(oppna.filter(status=BevakningStatus.OVERSKRIDEN).order_by("forfaller")[:50])
    snart = list(
        oppna.filter(
            status=BevakningStatus.AKTIV,
            forfaller__gte=idag,
            forfaller__lte=idag + datetime.timedelta(days=7),
        ).order_by("forfaller")[:50]
    )
    per_typ = (
        Bevakning.objects.filter(akt__enhet__in=enheter)
        .values("typ")
        .annotate(
            overskridna=Count("pk", filter=Q(status=BevakningStatus.OVERSKRIDEN)),
            snart=Count(
                "pk",
                filter=Q(
                    status=BevakningStatus.AKTIV,
                    forfaller__gte=idag,
                    forfaller__lte=idag + datetime.timedelta(days=7),
                ),
            ),
        )
        .order_by("typ")
    )
    for b in overskridna + snart:
        b.typ_namn = typ_namn(b.typ)
    return BevakningsLage(
        overskridna=overskridna,
        snart=snart,
        per_typ=[(typ_namn(r["typ"]), r["overskridna"], r["snart"]) for r in per_typ],
    )


def vantetid_manader(enheter: QuerySet[Enhet], antal: int = 6) -> list:
    """The stored monthly waiting-time figures of the enheter, newest first."""
    from .models import VantetidManad

    return list(
        VantetidManad.objects.filter(enhet__in=enheter)
        .select_related("enhet")
        .order_by("-manad", "enhet__namn")[: antal * max(1, enheter.count())]
    )


def akuta_idag(enheter: QuerySet[Enhet], idag: datetime.date) -> list:
    """Akut ansökningar that must be decided today or are overdue (DESIGN.md §5.4)."""
    return list(
        Bevakning.objects.filter(
            akt__enhet__in=enheter,
            typ="akut_ansokan",
            status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
            forfaller__lte=idag,
        ).select_related("akt", "agare")
    )


def oppna_vantetider(enheter: QuerySet[Enhet], idag: datetime.date) -> list[tuple[str, int]]:
    """Open ansökningar by days since first contact (0–7, 8–14, 15–21, over 21 days)."""
    from django.db.models import Q

    from ansokan.models import Ansokan, Status

    oppna = Ansokan.objects.filter(
        akt__enhet__in=enheter,
        status__in=[Status.INKOMMEN, Status.KOMPLETTERING_BEGARD, Status.UNDER_UTREDNING],
        mottagen__isnull=False,
    )
    grupper = [
        ("0–7 dagar", 0, 7),
        ("8–14 dagar", 8, 14),
        ("15–21 dagar", 15, 21),
        ("över 21 dagar", 22, 100000),
    ]
    rader = oppna.aggregate(
        **{
            f"g{i}": Count(
                "pk",
                filter=Q(
                    mottagen__lte=idag - datetime.timedelta(days=lo),
                    mottagen__gte=idag - datetime.timedelta(days=hi),
                ),
            )
            for i, (_, lo, hi) in enumerate(grupper)
        }
    )
    return [(namn, rader[f"g{i}"]) for i, (namn, _, _) in enumerate(grupper)]


def oversikt(enheter: QuerySet[Enhet], idag: datetime.date) -> dict:
    """Everything the dashboard shows, each part in a fixed number of queries."""
    from bistand.diagram import stapeldiagram

    belastning = arbetsbelastning(enheter)
    manader = vantetid_manader(enheter)
    oppna = oppna_vantetider(enheter, idag)
    return {
        "enheter": list(enheter),
        "idag": idag,
        "belastning": belastning,
        "belastning_diagram": stapeldiagram(
            [(b.namn, b.akter) for b in belastning], titel="Akter per handläggare", enhet="akter"
        ),
        "ej_tilldelade": ej_tilldelade(enheter),
        "lage": bevakningslage(enheter, idag),
        "akuta": akuta_idag(enheter, idag),
        "manader": manader,
        "vantetid_diagram": stapeldiagram(
            [
                (
                    f"{m.manad:%Y-%m}" + (f" {m.enhet}" if enheter.count() > 1 else ""),
                    float(m.medel_dagar or 0),
                )
                for m in manader
            ],
            titel="Väntetid till beslut, medel dagar per månad",
            enhet="dagar",
        ),
        "oppna": oppna,
        "oppna_diagram": stapeldiagram(
            oppna, titel="Öppna ansökningar efter dagar sedan första kontakt", enhet="ansökningar"
        ),
    }


# ---- journalgranskning ----------------------------------------------------------------------


@dataclass(frozen=True)
class GranskningsFigur:
    enhet: str
    dragna: int
    granskade: int
    aterkopplade: int
    atgarder_oppna: int


def granskning_figurer(enheter: QuerySet[Enhet], ar: int) -> dict:
    """Figures per Enhet for a year, and per checklist point the share judged uppfyllt —
    about the work, never a ranking of persons."""
    from .models import Bedomning, Granskning, GranskningAtgard, GranskningStatus, GranskningSvar

    per_enhet = (
        Granskning.objects.filter(enhet__in=enheter, ar=ar)
        .values("enhet__namn")
        .annotate(
            dragna=Count("pk"),
            granskade=Count("pk", filter=~Q(status=GranskningStatus.DRAGEN)),
            aterkopplade=Count("pk", filter=Q(status=GranskningStatus.ATERKOPPLAD)),
        )
        .order_by("enhet__namn")
    )
    oppna = dict(
        GranskningAtgard.objects.filter(
            granskning__enhet__in=enheter, granskning__ar=ar, uppfoljd__isnull=True
        )
        .values_list("granskning__enhet__namn")
        .annotate(n=Count("pk"))
    )
    figurer = [
        GranskningsFigur(
            enhet=r["enhet__namn"],
            dragna=r["dragna"],
            granskade=r["granskade"],
            aterkopplade=r["aterkopplade"],
            atgarder_oppna=oppna.get(r["enhet__namn"], 0),
        )
        for r in per_enhet
    ]
    punkter = (
        GranskningSvar.objects.filter(granskning__enhet__in=enheter, granskning__ar=ar)
        .exclude(bedomning=Bedomning.EJ_AKTUELLT)
        .values("punkt__ordning", "rubrik")
        .annotate(
            bedomda=Count("pk"),
            uppfyllda=Count("pk", filter=Q(bedomning=Bedomning.UPPFYLLT)),
        )
        .order_by("punkt__ordning", "rubrik")
    )
    per_punkt = [
        (r["rubrik"], round(100 * r["uppfyllda"] / r["bedomda"], 1), r["bedomda"]) for r in punkter
    ]
    return {"per_enhet": figurer, "per_punkt": per_punkt}
