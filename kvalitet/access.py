"""Who may do which quality work (docs/regler.md, Kvalitetsarbete och statistik).

- Kvalitet reads every Enhet of its nämnd and writes only its own quality work.
- The enhetschef leads the own Enhet's quality work; förste socialsekreterare follows it up.
- A handläggare sees the reviews assigned to them and, once sent, the feedback on their own
  work; never a ranking of persons.
Missing and forbidden answer the same 404; reads of review pages are logged against the Akt.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from bistand.access import enheter_for_uppfoljning, har_roll, logga
from bistand.models import ENHETSROLLER, Enhet, Roll, User

from .models import Granskning, GranskningStatus


def enheter_som_leds(user: User) -> QuerySet[Enhet]:
    """The enheter whose quality work the user leads: the enhetschef the own, Kvalitet every
    Enhet of the nämnd. Others lead none."""
    if har_roll(user, Roll.ENHETSCHEF) and user.enhet_id:
        return Enhet.objects.filter(pk=user.enhet_id)
    if har_roll(user, Roll.KVALITET) and user.namnd_id:
        return Enhet.objects.filter(namnd_id=user.namnd_id)
    return Enhet.objects.none()


def leder_nagon(user: User, foljda: list[Enhet]) -> bool:
    """Whether the user leads the quality work of any Enhet (`enheter_som_leds`), answered
    from the Enheter she follows up (`enheter_for_uppfoljning`, already read by the page)
    when they hold the one she leads — the enhetschef's own Enhet, Kvalitet's nämnd — and by
    a query only when they do not."""
    if har_roll(user, Roll.ENHETSCHEF) and user.enhet_id:
        if any(e.pk == user.enhet_id for e in foljda):
            return True
    elif har_roll(user, Roll.KVALITET) and user.namnd_id:
        if any(e.namnd_id == user.namnd_id for e in foljda):
            return True
    else:
        return False
    return enheter_som_leds(user).exists()


def enheter_som_foljs(user: User) -> QuerySet[Enhet]:
    """The enheter whose figures the user may read (also förste socialsekreterare)."""
    return enheter_for_uppfoljning(user)


def kan_se_kvalitetsarbete(user: User) -> bool:
    return har_roll(user, *ENHETSROLLER, Roll.KVALITET)


def granskningar_for_user(user: User) -> QuerySet[Granskning]:
    """Reviews the user may open: as reviewer, as the reviewed handläggare once feedback is
    sent, or as one who leads the Enhet's quality work."""
    villkor = Q(granskare=user) | Q(handlaggare=user, status=GranskningStatus.ATERKOPPLAD)
    villkor |= Q(enhet__in=enheter_som_leds(user))
    return Granskning.objects.filter(villkor)


def granskning_for_user(user: User, pk: int, *, sokvag: str = "") -> Granskning:
    g = (
        granskningar_for_user(user)
        .select_related("akt", "enhet", "handlaggare", "granskare")
        .filter(pk=pk)
        .first()
    )
    logga(
        user,
        sida="journalgranskning",
        beviljad=g is not None,
        akt_id=g.akt_id if g else None,
        sokvag=sokvag,
    )
    if g is None:
        raise Http404("Granskningen finns inte eller så saknar du behörighet.")
    return g


def leder(user: User, enhet_id: int) -> bool:
    return enheter_som_leds(user).filter(pk=enhet_id).exists()
