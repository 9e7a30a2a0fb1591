"""The periodic deadline scan (docs/arkitektur.md: Periodiska jobb)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
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


def _text_och_lank(bevakning: Bevakning) -> tuple[str, str]:
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
    return text, lank


def _underratta_alla(bevakningar: list[Bevakning], brev: dict[str, list[tuple[str, str]]]) -> None:
    """Tell the owner and the enhetschef(er) of each bevakning (as `bevakning_mottagare`),
    in a fixed number of queries per batch: the managers of the Enheter involved in one
    query, the notices already given in one, the new ones in one insert. A recipient
    already told about a bevakning is not told again. The e-mail lines are gathered in `brev`
    (address → lines) and sent after the scan, one message per recipient."""
    enheter = {
        b.akt.enhet_id if b.akt_id else (b.agare.enhet_id if b.agare else None) for b in bevakningar
    }
    chefer_qs = User.objects.filter(is_active=True, groups__name=Roll.ENHETSCHEF).distinct()
    if None not in enheter:  # an Akt-less deadline without an owner needs every enhetschef
        chefer_qs = chefer_qs.filter(enhet_id__in=enheter)
    chefer_per_enhet: dict[int | None, list[User]] = {}
    alla_chefer: list[User] = []
    for chef in chefer_qs:
        alla_chefer.append(chef)
        chefer_per_enhet.setdefault(chef.enhet_id, []).append(chef)
    redan = set(
        Notis.objects.filter(bevakning__in=bevakningar).values_list("mottagare_id", "bevakning_id")
    )
    nya: list[Notis] = []
    for bevakning in bevakningar:
        if bevakning.akt_id is not None:
            chefer = chefer_per_enhet.get(bevakning.akt.enhet_id, [])
        elif bevakning.agare is not None:
            chefer = chefer_per_enhet.get(bevakning.agare.enhet_id, [])
        else:
            # An Akt-less deadline without an owner goes to every enhetschef.
            chefer = alla_chefer
        mottagare = {u.pk: u for u in chefer}
        if bevakning.agare and bevakning.agare.is_active:
            mottagare[bevakning.agare.pk] = bevakning.agare
        text, lank = _text_och_lank(bevakning)
        for user in mottagare.values():
            if (user.pk, bevakning.pk) in redan:
                continue
            nya.append(Notis(mottagare=user, text=text, lank=lank, bevakning=bevakning))
            if user.email:
                brev.setdefault(user.email, []).append((text, lank))
    Notis.objects.bulk_create(nya, ignore_conflicts=True)


def _skicka(brev: dict[str, list[tuple[str, str]]]) -> None:
    """One e-mail per recipient however many deadlines passed: after an outage, or in a large
    Enhet, a manager would otherwise get thousands (the notices list each one)."""
    meddelanden = []
    for adress, rader in brev.items():
        if len(rader) == 1:
            [(text, lank)] = rader
            amne = "Bistånd: en bevakning har passerat"
            innehall = f"{text}\nLogga in i Bistånd för att se mer: {lank}"
        else:
            amne = f"Bistånd: {len(rader)} bevakningar har passerat"
            innehall = "\n".join(t for t, _ in rader) + (
                "\nLogga in i Bistånd och se dina notiser: /notiser/"
            )
        meddelanden.append(
            EmailMessage(
                subject=amne, body=innehall, from_email=settings.DEFAULT_FROM_EMAIL, to=[adress]
            )
        )
    if meddelanden:
        get_connection(fail_silently=True).send_messages(meddelanden)


PARTI = 1000


@periodisk("bevakningar")
def bevakningar_markera_overskridna(idag: datetime.date) -> int:
    """Mark every active bevakning whose due date has passed as överskriden, and notify.

    A deadline is met on its due day, so it is överskriden from the day after. Catches up after
    any outage (it takes everything due before today) and handles each bevakning exactly once:
    each batch of due rows is locked (rows another scan holds are skipped) and moved by a
    conditional UPDATE, so two scans at once never take the same row. Uses the
    (status, forfaller) index, so its cost follows the number due, not the number stored, and
    a batch of PARTI costs a fixed number of queries (docs/prestanda.md: Bevakningsskanningen).
    """
    forfallna = Bevakning.objects.filter(status=BevakningStatus.AKTIV, forfaller__lt=idag)
    antal = 0
    brev: dict[str, list[tuple[str, str]]] = {}
    try:
        while antal_i_parti := _parti(forfallna, brev):
            antal += antal_i_parti
    finally:
        _skicka(brev)  # what was committed is told, also if a later batch fails
    return antal


def _parti(forfallna, brev: dict[str, list[tuple[str, str]]]) -> int:
    """Mark and notify one batch; 0 when nothing (more) is due or another scan holds it."""
    ids = list(forfallna.order_by("forfaller", "pk").values_list("pk", flat=True)[:PARTI])
    if not ids:
        return 0
    with transaction.atomic():
        last = list(
            forfallna.filter(pk__in=ids)
            .select_for_update(skip_locked=True, of=("self",))
            .values_list("pk", flat=True)
        )
        if not last:
            return 0  # another scan holds them and goes on to the rest
        Bevakning.objects.filter(pk__in=last, status=BevakningStatus.AKTIV).update(
            status=BevakningStatus.OVERSKRIDEN, overskriden_tid=timezone.now()
        )
        bevakningar = list(
            Bevakning.objects.filter(pk__in=last)
            .select_related("akt", "agare")
            .order_by("forfaller", "pk")
        )
        _underratta_alla(bevakningar, brev)
        return len(bevakningar)
