"""Who may open what in utbetalning. Like every access function here, a missing and a
forbidden object answer the same 404, and each attempt is logged."""

from __future__ import annotations

from django.http import Http404

from bistand.access import akter_for_user, har_roll, logga
from bistand.models import ENHETSROLLER, Roll

from .behorighet import kan_attestera
from .models import Utbetalningsorder


def ar_ekonomi(user) -> bool:
    """The ekonomiassistent or an attestant: the payment pages of the own nämnd."""
    return bool(
        user.is_authenticated
        and user.namnd_id
        and (har_roll(user, Roll.EKONOMIASSISTENT) or kan_attestera(user))
    )


def krav_ekonomi(user) -> None:
    if not ar_ekonomi(user):
        raise Http404("Sidan finns inte eller så saknar du behörighet.")


def krav_ekonomiassistent(user) -> None:
    if not (user.is_authenticated and user.namnd_id and har_roll(user, Roll.EKONOMIASSISTENT)):
        raise Http404("Sidan finns inte eller så saknar du behörighet.")


def order_for_user(user, pk: int, *, sida: str, sokvag: str = "") -> Utbetalningsorder:
    """An order the user may see: the ekonomi staff of its nämnd, or case staff who may open
    its Akt."""
    qs = Utbetalningsorder.objects.select_related(
        "akt__enhet", "mottagare", "beslut__brev__fattat_av", "beslut__post__posttyp"
    )
    order = qs.filter(pk=pk).first()
    tillaten = False
    if order is not None:
        if ar_ekonomi(user) and order.akt.enhet.namnd_id == user.namnd_id:
            tillaten = True
        elif har_roll(user, *ENHETSROLLER):
            tillaten = akter_for_user(user).filter(pk=order.akt_id).exists()
    logga(
        user,
        sida=sida,
        beviljad=tillaten,
        akt_id=order.akt_id if order else None,
        sokvag=sokvag,
    )
    if not tillaten:
        raise Http404("Utbetalningen finns inte eller så saknar du behörighet.")
    return order
