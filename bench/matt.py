"""In-process timings of `make bench` (docs/prestanda.md: Mätning), run by bench/run.sh as

    .venv/bin/python manage.py shell -c "from bench.matt import main; main()"

- the deadline scan (`bistand.bevakning_skanning.bevakningar_markera_overskridna`) on the
  dataset, inside a transaction that is rolled back, so every run scans the same due rows;
- decision letters per second: `beslut.pdf.rendera_beslutsbrev` of BENCH_BREV letters in a warm
  process (one rendered first), median ms and letters/s; nothing is stored;
- the kvalitetsrapport for the current year over every Enhet (`kvalitet.rapport.rapport`
  and its HTML page), median of three.

Prints a Markdown table. E-mail goes to the in-memory backend (set by run.sh).
"""

from __future__ import annotations

import os
import statistics
import time

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone


class _Tillbaka(Exception):
    pass


def _skanning() -> tuple[float, int]:
    from bistand.bevakning_skanning import bevakningar_markera_overskridna
    from bistand.models import Bevakning, BevakningStatus

    idag = timezone.localdate()
    forfallna = Bevakning.objects.filter(status=BevakningStatus.AKTIV, forfaller__lt=idag).count()
    t0 = time.perf_counter()
    try:
        with transaction.atomic():
            bevakningar_markera_overskridna(idag)
            raise _Tillbaka
    except _Tillbaka:
        pass
    return time.perf_counter() - t0, forfallna


def _brev(antal: int) -> list[float]:
    from beslut.models import Beslutsbrev
    from beslut.pdf import rendera_beslutsbrev

    brev = list(Beslutsbrev.objects.filter(typ=Beslutsbrev.Typ.BESLUT).order_by("-pk")[: antal + 1])
    if not brev:
        return []
    rendera_beslutsbrev(brev[0])  # warm: fonts, templates
    tider = []
    for b in brev[1:]:
        t0 = time.perf_counter()
        rendera_beslutsbrev(b)
        tider.append(time.perf_counter() - t0)
    return tider


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


def main() -> None:
    antal_brev = int(os.environ.get("BENCH_BREV", "10"))
    print("| mätning | värde |")
    print("|---|---|")
    sekunder, forfallna = _skanning()
    print(f"| bevakningsskanning | {sekunder:.2f} s för {forfallna} förfallna bevakningar |")
    tider = _brev(antal_brev)
    if tider:
        median = statistics.median(tider)
        print(
            f"| beslutsbrev (PDF/A) | median {median * 1000:.0f} ms, "
            f"{len(tider) / sum(tider):.1f} brev/s ({len(tider)} brev, en process) |"
        )
    try:
        tider = _rapport()
    except Exception as fel:  # noqa: BLE001 — a benchmark prints what failed and goes on
        print(f"| kvalitetsrapport | fel: {fel!r} |")
    else:
        median = statistics.median(tider)
        print(f"| kvalitetsrapport (år, alla enheter, HTML) | median {median:.2f} s |")
