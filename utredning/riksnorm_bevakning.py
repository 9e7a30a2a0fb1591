"""The riksnorm of the coming year as a deadline (docs/regler.md: Riksnorm).

A month of a year without its own riksnorm cannot be calculated, so from 1 December the nightly
job watches that next year's amounts are entered before 1 January: a Bevakning without an Akt
and without an owner, which every enhetschef sees under Notiser until it is met, and which the
deadline scan marks överskriden if the year begins without them. The administrator sees the
same on the list of riksnormer in admin.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from bistand.models import Bevakning, BevakningStatus
from bistand.periodiskt import periodisk
from bistand.services import bevakning_skapa

from .models import Riksnorm

TYP = "riksnorm_nasta_ar"
BEVAKA_FRAN = (12, 1)  # month and day from which next year's riksnorm is watched


def _beskrivning(ar: int) -> str:
    return (
        f"Riksnormen för {ar} är inte inlagd. Administratören lägger in regeringens belopp under "
        f"Administration › Riksnormer före den 1 januari {ar}."
    )


def riksnorm_saknas(idag: datetime.date) -> int | None:
    """The year whose riksnorm is missing and due: this year's at any time, next year's from
    1 December; None when both are entered (socialtjänstförordningen (2025:468) 12 kap. 2 §)."""
    ar = [idag.year]
    if (idag.month, idag.day) >= BEVAKA_FRAN:
        ar.append(idag.year + 1)
    finns = set(
        Riksnorm.objects.filter(giltig_fran__in=[datetime.date(a, 1, 1) for a in ar]).values_list(
            "giltig_fran__year", flat=True
        )
    )
    return next((a for a in ar if a not in finns), None)


@periodisk("riksnorm-nasta-ar", nattlig=True)
def riksnorm_bevaka(idag: datetime.date) -> int:
    """Open the deadline for a missing riksnorm (due 31 December of the year before) and meet
    every open one whose year has been entered. Idempotent: one deadline per year. Returns how
    many were opened or met."""
    antal = 0
    oppna = Bevakning.objects.filter(
        typ=TYP, akt__isnull=True, status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN]
    )
    inlagda = set(Riksnorm.objects.values_list("giltig_fran__year", flat=True))
    for bevakning in oppna:
        if any(bevakning.beskrivning == _beskrivning(ar) for ar in inlagda):
            Bevakning.objects.filter(pk=bevakning.pk).update(
                status=BevakningStatus.UPPFYLLD, avslutad=timezone.now()
            )
            antal += 1
    ar = riksnorm_saknas(idag)
    if (
        ar is not None
        and not Bevakning.objects.filter(
            ~Q(status=BevakningStatus.MAKULERAD), typ=TYP, beskrivning=_beskrivning(ar)
        ).exists()
    ):
        bevakning_skapa(
            typ=TYP,
            akt=None,
            forfaller=datetime.date(ar - 1, 12, 31),
            agare=None,
            beskrivning=_beskrivning(ar),
        )
        antal += 1
    return antal
