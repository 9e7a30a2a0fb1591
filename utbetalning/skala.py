"""Storstad-scale benchmark data of utbetalning (docs/prestanda.md: "Storstadsdata").

Every sökande with a granted amount gets a Betalningsmottagare with a bank account, and every
granted Beslut one Utbetalningsorder of its amount (docs/regler.md: Utbetalning), paid a few
days after the decision. Orders whose day has passed were sent in a payment file, one per
month and nämnd (a few files, their XML a placeholder: nobody sends them), and are marked
paid; the rest are ready for the next file. Rows only, in bulk; runs after `beslut.skala`.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal

from django.utils import timezone

from beslut.models import Beslut
from bistand.models import Namnd
from bistand.skala import egen_tidpunkt

from .models import (
    Betalfil,
    Betalningsmottagare,
    Kontotyp,
    Mottagartyp,
    Orderstatus,
    Utbetalningsorder,
)

AKT_PARTI = 1000
XML = "<!-- seed_scale: platshållare, ingen riktig betalfil -->"


def seed(ctx) -> None:
    rng, idag = ctx.rng, ctx.idag
    akt_ids = ctx.data.get("akt_ids", [])
    namnd = Namnd.objects.order_by("pk").values_list("pk", flat=True).first()
    if namnd is None or not akt_ids:
        return
    av = next((lista[0].pk for lista in ctx.data.get("handlaggare", {}).values() if lista), None)
    filer: dict[datetime.date, Betalfil] = {}
    for i in range(0, len(akt_ids), AKT_PARTI):
        ids = akt_ids[i : i + AKT_PARTI]
        beviljade = list(
            Beslut.objects.filter(brev__ansokan__akt_id__in=ids, belopp__gt=0)
            .exclude(utfall="avslag")
            .order_by("pk")
            .values_list(
                "pk",
                "belopp",
                "brev__beslutsdatum",
                "brev__ansokan__akt_id",
                "brev__ansokan__sokande_id",
                "brev__ansokan__sokande__fornamn",
                "brev__ansokan__sokande__efternamn",
            )
        )
        personer = {rad[4]: f"{rad[5]} {rad[6]}" for rad in beviljade}
        mottagare = ctx.bulk(
            Betalningsmottagare,
            (
                Betalningsmottagare(
                    namnd_id=namnd,
                    typ=Mottagartyp.SOKANDE,
                    namn=namn,
                    person_id=person,
                    kontotyp=Kontotyp.BANKKONTO,
                    clearingnummer="8327",
                    kontonummer=f"{rng.randrange(10**9):09d}",
                )
                for person, namn in personer.items()
            ),
            etikett="betalningsmottagare",
        )
        mottagare_for = {m.person_id: m.pk for m in mottagare}

        # The payment files of the months met in this batch: one per month, made when first met.
        for rad in beviljade:
            dag = rad[2] + datetime.timedelta(days=2)
            manad = dag.replace(day=1)
            if dag < idag and manad not in filer:
                filer[manad] = Betalfil.objects.create(
                    namnd_id=namnd,
                    betalningsdag=dag,
                    meddelande_id=f"SKALA-{manad:%Y%m}",
                    antal=0,
                    kontrollsumma=Decimal(0),
                    xml=XML,
                    sha256=hashlib.sha256(XML.encode()).hexdigest(),
                    skapad_av_id=av,
                )

        def ordrar(beviljade=beviljade, mottagare_for=mottagare_for):
            for pk, belopp, beslutsdatum, akt_id, person, _, _ in beviljade:
                dag = beslutsdatum + datetime.timedelta(days=2)
                betald = dag < idag
                yield Utbetalningsorder(
                    beslut_id=pk,
                    akt_id=akt_id,
                    mottagare_id=mottagare_for[person],
                    belopp=belopp,
                    betalningsdag=dag,
                    status=Orderstatus.BETALD if betald else Orderstatus.KLAR,
                    betalfil_id=filer[dag.replace(day=1)].pk if betald else None,
                    betald_datum=dag if betald else None,
                    skapad=timezone.make_aware(
                        datetime.datetime.combine(beslutsdatum, datetime.time(15))
                    ),
                )

        with egen_tidpunkt(Utbetalningsorder, "skapad"):
            ctx.bulk(Utbetalningsorder, ordrar(), etikett="utbetalningsordrar")
    # The files' totals from their orders, one UPDATE per file (a few a year).
    for fil in filer.values():
        rader = Utbetalningsorder.objects.filter(betalfil=fil).values_list("belopp", flat=True)
        Betalfil.objects.filter(pk=fil.pk).update(antal=len(rader), kontrollsumma=sum(rader))
    ctx.antal[Betalfil._meta.label] = len(filer)
