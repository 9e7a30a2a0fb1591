"""The riksnorm of the coming year as a deadline (docs/regler.md: Riksnorm).

A month of a year without its own riksnorm cannot be calculated, so from a month before New
Year (the dated parameter `riksnorm-bevakas-dagar-fore`) the nightly job watches that next
year's amounts are entered before 1 January: a Bevakning without an Akt and without an owner,
which every enhetschef sees under Notiser until it is met, and which the deadline scan marks
överskriden if the year begins without them. The administrator sees the same on the list of
riksnormer in admin.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from bistand.models import Bevakning, BevakningStatus
from bistand.periodiskt import periodisk
from bistand.selectors import parameter_varde
from bistand.services import bevakning_skapa

from .models import Riksnorm

TYP = "riksnorm_nasta_ar"


def _beskrivning(ar: int) -> str:
    return (
        f"Riksnormen för {ar} är inte inlagd. Administratören lägger in regeringens belopp under "
        f"Administration › Riksnormer före den 1 januari {ar}."
    )


def _forfaller(ar: int) -> datetime.date:
    """The deadline for year `ar`'s riksnorm: the last day of the year before."""
    return datetime.date(ar - 1, 12, 31)


def riksnorm_saknas(idag: datetime.date) -> int | None:
    """The year whose riksnorm is missing and due: this year's at any time, next year's from the
    dated parameter `riksnorm-bevakas-dagar-fore` days before New Year; None when both are
    entered (socialtjänstförordningen (2025:468) 12 kap. 2 §)."""
    ar = [idag.year]
    dagar = int(parameter_varde("riksnorm-bevakas-dagar-fore", idag))
    if idag > _forfaller(idag.year + 1) - datetime.timedelta(days=dagar):
        ar.append(idag.year + 1)
    finns = set(
        Riksnorm.objects.filter(giltig_fran__in=[datetime.date(a, 1, 1) for a in ar]).values_list(
            "giltig_fran__year", flat=True
        )
    )
    return next((a for a in ar if a not in finns), None)


@periodisk("riksnorm-nasta-ar", nattlig=True)
def riksnorm_bevaka(idag: datetime.date) -> int:
    """Open the deadline for a missing riksnorm (`_forfaller`, one per year: its date names the
    year) and meet every open one whose year has been entered. Idempotent. Returns how many
    were opened or met."""
    bevakningar = Bevakning.objects.filter(typ=TYP, akt__isnull=True)
    inlagda = Riksnorm.objects.values_list("giltig_fran__year", flat=True)
    antal = bevakningar.filter(
        status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
        forfaller__in=[_forfaller(ar) for ar in inlagda],
    ).update(status=BevakningStatus.UPPFYLLD, avslutad=timezone.now())
    ar = riksnorm_saknas(idag)
    if (
        ar is not None
        and not bevakningar.filter(forfaller=_forfaller(ar))
        .exclude(status=BevakningStatus.MAKULERAD)
        .exists()
    ):
        bevakning_skapa(
            typ=TYP, akt=None, forfaller=_forfaller(ar), agare=None, beskrivning=_beskrivning(ar)
        )
        antal += 1
    return antal
