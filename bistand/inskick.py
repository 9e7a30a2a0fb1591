"""A submitted form makes its object once (docs/regler.md: Ett inskick blir ett).

Every single-shot form (decide, send a kommunicering, register an appeal, write a journal
entry) carries a key made when the page was shown (`{% inskick_falt %}`). The service runs
its write through `en_gang` (declared with the decorator `ett_inskick`): the key is inserted
in the same transaction as the object, under a unique constraint, so a second request with the
same key — a double click, a resent POST, or one running at the same moment on another
connection — waits for the first to commit and then gets the first's object instead of making
another. A write that fails (a ValidationError) rolls the key back with it, so the corrected
form can be sent again with the same key.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .models import Inskick

T = TypeVar("T")
FALT = "inskick"
REDAN_SKICKAT = "Formuläret är redan skickat. Ladda om sidan för att se vad som sparades."


def nyckel_fran(data) -> uuid.UUID | None:
    """The form's key from POST data; None when it is missing or not a key (the write then
    runs without the guard, as it did before forms carried keys)."""
    varde = (data.get(FALT) or "").strip()
    try:
        return uuid.UUID(varde) if varde else None
    except ValueError:
        return None


def _pk(resultat) -> int | None:
    if isinstance(resultat, tuple | list):
        resultat = resultat[0] if resultat else None
    return getattr(resultat, "pk", None)


def en_gang(
    nyckel: uuid.UUID | None, *, typ: str, gor: Callable[[], T], hitta: Callable[[int], T]
) -> T:
    """Run `gor` once per key: the first call makes the object; a later or concurrent call
    with the same key returns `hitta(pk)` of the object the first made."""
    if nyckel is None:
        return gor()
    with transaction.atomic():
        try:
            with transaction.atomic():
                rad = Inskick.objects.create(nyckel=nyckel, typ=typ)
        except IntegrityError:
            # Another request holds this key; its transaction has committed by now (the
            # unique index made this insert wait for it).
            tidigare = Inskick.objects.filter(nyckel=nyckel).first()
            if tidigare is None or tidigare.typ != typ or tidigare.objekt_id is None:
                raise ValidationError(REDAN_SKICKAT) from None
            return hitta(tidigare.objekt_id)
        resultat = gor()
        rad.objekt_id = _pk(resultat)
        rad.save(update_fields=["objekt_id"])
        return resultat


def ett_inskick(typ: str, *, modell=None, hitta: Callable[..., object] | None = None):
    """A service (keyword arguments only) that takes `inskick_nyckel`: called with a key, it
    runs through `en_gang`, so one sent form makes one object; without a key it runs as is.
    The earlier object is found by `modell` and its pk, or by `hitta(pk, **the call's
    arguments)` when the service returns several (an appeal of several decisions)."""

    def dekorera(tjanst):
        @functools.wraps(tjanst)
        def med_nyckel(*, inskick_nyckel: uuid.UUID | None = None, **kwargs):
            if inskick_nyckel is None:
                return tjanst(**kwargs)
            return en_gang(
                inskick_nyckel,
                typ=typ,
                gor=lambda: tjanst(**kwargs),
                hitta=(lambda pk: hitta(pk, **kwargs))
                if hitta is not None
                else (lambda pk: modell.objects.get(pk=pk)),
            )

        return med_nyckel

    return dekorera


def redan_skickat(data, typ: str) -> int | None:
    """The object a form with this key already made, for a view whose form would no longer
    validate once it is made (an appealed decision is no longer offered): the resent POST is
    sent on to what the first made instead of an error."""
    nyckel = nyckel_fran(data)
    if nyckel is None:
        return None
    return (
        Inskick.objects.filter(nyckel=nyckel, typ=typ).values_list("objekt_id", flat=True).first()
    )
