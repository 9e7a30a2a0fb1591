"""Demo data for kvalitet: bevakningar in every state, scanned, and waiting-time figures, so the
dashboard shows real figures on a fresh `make run` (issue 8, point 8)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from bistand import services
from bistand.bevakning_skanning import bevakningar_markera_overskridna
from bistand.demo import DemoContext
from bistand.models import Akt, Bevakning, Enhet

from .vantetid import vantetider_nattlig

PAMINNELSER = [
    # (days from today, description, final state)
    (-9, "Demo: ring hyresvärden om skulden", "aktiv"),  # becomes överskriden in the scan
    (-3, "Demo: följ upp läkarintyget", "aktiv"),  # becomes överskriden in the scan
    (2, "Demo: kontrollera närvarorapporten", "aktiv"),
    (6, "Demo: boka uppföljningsmöte", "aktiv"),
    (-5, "Demo: begär kontoutdrag", "uppfylld"),
    (4, "Demo: ärendet flyttat – bevakningen behövs inte", "makulerad"),
]


def seed(ctx: DemoContext) -> None:
    akter = list(Akt.objects.filter(handlaggare__isnull=False).order_by("pk")[:12])
    if not Bevakning.objects.filter(beskrivning__startswith="Demo:").exists():
        for i, (dagar, text, slut) in enumerate(PAMINNELSER * 2):
            akt = akter[i % len(akter)]
            b = Bevakning.objects.create(
                typ="paminnelse",
                akt=akt,
                agare=akt.handlaggare,
                beskrivning=text,
                forfaller=ctx.idag + datetime.timedelta(days=dagar),
            )
            if slut == "uppfylld":
                # A reminder without an object is met by hand, as the handläggare would.
                Bevakning.objects.filter(pk=b.pk).update(status="uppfylld", avslutad=timezone.now())
            elif slut == "makulerad":
                services.bevakning_makulera(bevakning=b)
    antal = bevakningar_markera_overskridna(ctx.idag)
    vantetider_nattlig(ctx.idag)
    ctx.say(
        f"Bevakningar skannade ({antal} nya överskridna); väntetider beräknade för "
        f"{Enhet.objects.count()} enheter."
    )
