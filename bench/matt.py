"""In-process timings of `make bench` (docs/prestanda.md: Mätning), run by bench/run.sh as

    .venv/bin/python manage.py shell -c "from bench.matt import main; main()"

- the deadline scan (`bistand.bevakning_skanning.bevakningar_markera_overskridna`) on the
  dataset, inside a transaction that is rolled back, so every run scans the same due rows;
  BENCH_SKANNING_EXTRA=N adds N due bevakningar for the run (rolled back too);
- decision letters per second: `beslut.pdf.rendera_beslutsbrev` of BENCH_BREV letters in a warm
  process (one rendered first), median ms (wall clock and this process' CPU time) and
  letters/s; nothing is stored;
- the kvalitetsrapport for the current year over every Enhet (`kvalitet.rapport.rapport`
  and its HTML page), median of three;
- the payment run of a storstad day (`utbetalning.services.betalfil_skapa`: every ready order
  due within a week into one pain.001 file, validated against the XSD; when none is waiting,
  the orders of the newest seeded file are made ready again for the run), rolled back like
  the scan, so every run builds the same file.

Prints a Markdown table. E-mail goes to the in-memory backend (set by run.sh).
"""

from __future__ import annotations

import datetime
import os
import statistics
import time

from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone


class _Tillbaka(Exception):
    pass


def _skanning() -> tuple[float, int]:
    from bistand.bevakning_skanning import bevakningar_markera_overskridna
    from bistand.models import Akt, Bevakning, BevakningStatus

    idag = timezone.localdate()
    extra = int(os.environ.get("BENCH_SKANNING_EXTRA", "0"))
    sekunder = 0.0
    try:
        with transaction.atomic():
            if extra:
                # More due rows for the run only (rolled back with the scan), spread over the
                # assigned Akter; creating them is not timed.
                akter = list(
                    Akt.objects.filter(handlaggare__isnull=False).values_list(
                        "pk", "handlaggare_id"
                    )
                )
                Bevakning.objects.bulk_create(
                    (
                        Bevakning(
                            typ="handlaggningsmal",
                            akt_id=akter[i % len(akter)][0],
                            agare_id=akter[i % len(akter)][1],
                            forfaller=idag - datetime.timedelta(days=1 + i % 30),
                            status=BevakningStatus.AKTIV,
                            beskrivning="Ansökan ska vara avgjord",
                        )
                        for i in range(extra)
                    ),
                    batch_size=5000,
                )
                if connection.vendor == "postgresql":
                    # As after a real outage the rows would be committed and analysed: without
                    # statistics the planner takes the 100 000 rows for a few hundred and
                    # reads the batch through the wrong index (docs/prestanda.md).
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE bistand_bevakning")
            forfallna = Bevakning.objects.filter(
                status=BevakningStatus.AKTIV, forfaller__lt=idag
            ).count()
            t0 = time.perf_counter()
            bevakningar_markera_overskridna(idag)
            sekunder = time.perf_counter() - t0
            raise _Tillbaka
    except _Tillbaka:
        pass
    return sekunder, forfallna


def _brev(antal: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of this process per letter: on a shared machine the wall
    clock follows the load (the CPU time does not), so both are printed."""
    from beslut.models import Beslutsbrev
    from beslut.pdf import rendera_beslutsbrev

    brev = list(Beslutsbrev.objects.filter(typ=Beslutsbrev.Typ.BESLUT).order_by("-pk")[: antal + 1])
    if not brev:
        return [], []
    rendera_beslutsbrev(brev[0])  # warm: fonts, templates
    tider, cpu = [], []
    for b in brev[1:]:
        t0, c0 = time.perf_counter(), time.process_time()
        rendera_beslutsbrev(b)
        tider.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return tider, cpu


def _rapport() -> list[float]:
    from bistand.models import Enhet
    from kvalitet.rapport import rapport

    idag = timezone.localdate()
    tider = []
    for _ in range(3):
        t0 = time.perf_counter()
        data = rapport(ar=idag.year, enheter=Enhet.objects.all(), enhet=None, idag=idag)
        data.update(alla_enheter=Enhet.objects.all(), kan_redigera=False)
        render_to_string("kvalitet/rapport.html", data)
        tider.append(time.perf_counter() - t0)
    return tider


def _betalningskorning() -> tuple[float, int]:
    from bistand.models import Namnd
    from utbetalning.models import Betalfil, Orderstatus, Utbetalningsorder
    from utbetalning.selectors import ordrar_for_korning
    from utbetalning.services import betalfil_skapa

    dag = timezone.localdate() + datetime.timedelta(days=7)
    namnd = Namnd.objects.order_by("pk").first()
    sekunder, antal = 0.0, 0
    try:
        with transaction.atomic():
            # A storstad payment day: the orders of the newest seeded file are made ready again
            # for the run (rolled back with it), unless orders are already waiting.
            senaste = Betalfil.objects.filter(namnd=namnd).order_by("-betalningsdag").first()
            if senaste is not None and not ordrar_for_korning(namnd, dag).exists():
                Utbetalningsorder.objects.filter(betalfil=senaste).update(
                    status=Orderstatus.KLAR, betalfil=None, betald_datum=None, betalningsdag=dag
                )
            antal = ordrar_for_korning(namnd, dag).count()
            t0 = time.perf_counter()
            betalfil_skapa(namnd=namnd, dag=dag)
            sekunder = time.perf_counter() - t0
            raise _Tillbaka
    except _Tillbaka:
        pass
    return sekunder, antal


def main() -> None:
    antal_brev = int(os.environ.get("BENCH_BREV", "10"))
    print("| mätning | värde |")
    print("|---|---|")
    sekunder, forfallna = _skanning()
    print(f"| bevakningsskanning | {sekunder:.2f} s för {forfallna} förfallna bevakningar |")
    tider, cpu = _brev(antal_brev)
    if tider:
        median = statistics.median(tider)
        print(
            f"| beslutsbrev (PDF/A) | median {median * 1000:.0f} ms "
            f"(CPU {statistics.median(cpu) * 1000:.0f} ms), "
            f"{len(tider) / sum(tider):.1f} brev/s ({len(tider)} brev, en process) |"
        )
    try:
        tider = _rapport()
    except Exception as fel:  # noqa: BLE001 — a benchmark prints what failed and goes on
        print(f"| kvalitetsrapport | fel: {fel!r} |")
    else:
        median = statistics.median(tider)
        print(f"| kvalitetsrapport (år, alla enheter, HTML) | median {median:.2f} s |")
    try:
        sekunder, antal = _betalningskorning()
    except Exception as fel:  # noqa: BLE001 — a benchmark prints what failed and goes on
        print(f"| betalningskörning | fel: {fel!r} |")
    else:
        print(
            f"| betalningskörning (pain.001, XSD-kontroll) | {sekunder:.2f} s för {antal} ordrar |"
        )
