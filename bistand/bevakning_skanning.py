"""The periodic deadline scan (docs/arkitektur.md: Periodiska jobb)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from .bevakning import typ_namn
from .models import Bevakning, BevakningStatus, Notis, Roll, User
from .periodiskt import periodisk


def bevakning_mottagare(bevakning: Bevakning) -> list[User]:
    """The owner and the enhetschef(er) are told when a deadline passes: of the Akt's Enhet,
    or for a deadline without an Akt, of the owner's Enhet, or every enhetschef when it has no
    owner either (docs/regler.md: "Bevakning utan akt")."""
    chefer = User.objects.filter(is_active=True, groups__name=Roll.ENHETSCHEF)
    if bevakning.akt_id is not None:
        chefer = chefer.filter(enhet_id=bevakning.akt.enhet_id)
    elif bevakning.agare is not None:
        chefer = chefer.filter(enhet_id=bevakning.agare.enhet_id)
    # An Akt-less deadline without an owner goes to every enhetschef until someone takes it.
    mottagare = {u.pk: u for u in chefer}
    if bevakning.agare and bevakning.agare.is_active:
        mottagare[bevakning.agare.pk] = bevakning.agare
    return list(mottagare.values())


def _underratta(bevakning: Bevakning) -> None:
    if bevakning.akt_id is not None:
        var = f" i akt {bevakning.akt.aktnummer}"
        lank = f"/akter/{bevakning.akt_id}/"
    else:
        var = f" ({bevakning.beskrivning})" if bevakning.beskrivning else ""
        lank = "/notiser/"
    text = (
        f"Bevakningen {typ_namn(bevakning.typ).lower()}{var} "
        f"passerade {bevakning.forfaller:%Y-%m-%d}."
    )[:300]
    for user in bevakning_mottagare(bevakning):
        try:
            with transaction.atomic():
                Notis.objects.create(mottagare=user, text=text, lank=lank, bevakning=bevakning)
        except IntegrityError:
            continue  # already told about this bevakning
        if user.email:
            send_mail(
                subject="Bistånd: en bevakning har passerat",
                message=f"{text}\nLogga in i Bistånd för att se mer: {lank}",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[user.email],
                fail_silently=True,
            )


@periodisk("bevakningar")
def bevakningar_markera_overskridna(idag: datetime.date) -> int:
    """Mark every active bevakning whose due date has passed as överskriden, and notify.

    A deadline is met on its due day, so it is överskriden from the day after. Catches up after
    any outage (it takes everything due before today) and handles each bevakning exactly once:
    the conditional UPDATE succeeds for one caller only, even when two scans run at once. Uses
    the (status, forfaller) index, so its cost follows the number due, not the number stored.
    """
    forfallna = list(
        Bevakning.objects.filter(status=BevakningStatus.AKTIV, forfaller__lt=idag)
        .select_related("akt", "agare")
        .order_by("forfaller", "pk")
    )
    antal = 0
    for bevakning in forfallna:
        with transaction.atomic():
            andrade = Bevakning.objects.filter(
                pk=bevakning.pk, status=BevakningStatus.AKTIV
            ).update(status=BevakningStatus.OVERSKRIDEN, overskriden_tid=timezone.now())
            if andrade:
                _underratta(bevakning)
                antal += 1
    return antal
