"""Reads of utbetalning.

`utbetalt_per_manad` is the selector other apps (kvalitet) read for follow-up; see
docs/arkitektur.md, "Utbetalning".
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from .models import Kontotyp, Orderstatus, Utbetalningsorder

OS = Orderstatus
SKICKADE = (OS.I_FIL, OS.BETALD)


def _satt(order: Utbetalningsorder) -> str:
    m = order.mottagare
    if not m.har_konto:
        if m.typ == "sokande":
            return "till ditt bankkonto – meddela oss ditt kontonummer"
        return "till mottagarens konto"
    if m.kontotyp == Kontotyp.BANKKONTO:
        return f"insättning på bankkonto som slutar på {m.kontonummer[-4:]}"
    return f"till {m.get_kontotyp_display().lower()} {m.konto_visning.split(' ', 1)[1]}"


def utbetalningsavsnitt(brev) -> list[dict]:
    """The letter's payment section: one row per order of the letter's decisions (date,
    payee, how). Registered in `beslut.hooks`."""
    ordrar = (
        Utbetalningsorder.objects.filter(beslut__brev=brev)
        .exclude(status=OS.MAKULERAD)
        .select_related("mottagare", "beslut__post__posttyp")
        .order_by("betalningsdag", "pk")
    )
    return [
        {
            "post": o.beslut.post.posttyp.namn if o.beslut.post else "",
            "datum": o.betalningsdag,
            "mottagare": o.mottagare.namn,
            "satt": _satt(o),
            "belopp": o.belopp,
        }
        for o in ordrar
    ]


def ordrar_att_attestera(namnd) -> QuerySet[Utbetalningsorder]:
    return (
        Utbetalningsorder.objects.filter(
            akt__enhet__namnd=namnd, status__in=[OS.VANTAR_ATTEST, OS.STICKPROV]
        )
        .select_related("mottagare", "akt", "beslut__brev__fattat_av", "beslut__post__posttyp")
        .order_by("betalningsdag", "pk")
    )


def ordrar_for_korning(namnd, dag: datetime.date) -> QuerySet[Utbetalningsorder]:
    """Orders a run on `dag` takes: ready, not in any file, due on or before the day, to a
    payee with an approved account."""
    return (
        Utbetalningsorder.objects.filter(
            akt__enhet__namnd=namnd,
            status=OS.KLAR,
            betalfil__isnull=True,
            betalningsdag__lte=dag,
            mottagare__aktiv=True,
        )
        .exclude(mottagare__kontonummer="")
        .select_related("mottagare", "akt")
        .order_by("betalningsdag", "pk")
    )


def ordrar_utan_konto(namnd, dag: datetime.date) -> QuerySet[Utbetalningsorder]:
    return Utbetalningsorder.objects.filter(
        akt__enhet__namnd=namnd,
        status=OS.KLAR,
        betalningsdag__lte=dag,
        mottagare__kontonummer="",
    ).select_related("mottagare", "akt")


def nasta_dag_med_ordrar(namnd, fran: datetime.date) -> datetime.date | None:
    """The first payment day on or after `fran` that has attested orders waiting; an order
    left over from an earlier day counts for `fran` itself."""
    forsta = (
        Utbetalningsorder.objects.filter(
            akt__enhet__namnd=namnd, status=OS.KLAR, betalfil__isnull=True
        )
        .exclude(mottagare__kontonummer="")
        .order_by("betalningsdag")
        .values_list("betalningsdag", flat=True)
        .first()
    )
    if forsta is None:
        return None
    return max(forsta, fran)


def ordrar_for_ansokan(ansokan) -> list[Utbetalningsorder]:
    return list(
        Utbetalningsorder.objects.filter(beslut__brev__ansokan=ansokan)
        .select_related("mottagare", "beslut__post__posttyp")
        .order_by("betalningsdag", "pk")
    )


def utbetalt_per_manad(
    *,
    fran: datetime.date,
    till: datetime.date,
    enheter=None,
    per: str = "manad",
) -> list[dict]:
    """Paid money per month (docs/arkitektur.md: Utbetalning, the follow-up selector).

    Orders sent to the bank (in a file, paid) with payment day from `fran` to `till`, both
    included, optionally only in `enheter`. `per` adds a grouping: "manad" only, "post",
    "enhet" or "handlaggare". Rows: {"manad": date (first of month), "nyckel": label or "",
    "belopp": Decimal, "antal": int}, ordered by month then label.
    """
    qs = Utbetalningsorder.objects.filter(status__in=SKICKADE, betalningsdag__range=(fran, till))
    if enheter is not None:
        qs = qs.filter(akt__enhet__in=enheter)
    falt = {
        "manad": None,
        "post": "beslut__post__posttyp__namn",
        "enhet": "akt__enhet__namn",
        "handlaggare": "beslut__brev__fattat_av__username",
    }[per]
    varden = ["manad"] + ([falt] if falt else [])
    rader = (
        qs.annotate(manad=TruncMonth("betalningsdag"))
        .values(*varden)
        .annotate(belopp=Sum("belopp"), antal=Count("pk"))
        .order_by(*varden)
    )
    return [
        {
            "manad": r["manad"] if isinstance(r["manad"], datetime.date) else r["manad"],
            "nyckel": (r.get(falt) or "") if falt else "",
            "belopp": r["belopp"] or Decimal(0),
            "antal": r["antal"],
        }
        for r in rader
    ]


def utbetalt_for_sokande(person) -> list[Utbetalningsorder]:
    """What was paid to or for the applicant's household, for Mina sidor."""
    return list(
        Utbetalningsorder.objects.filter(
            Q(beslut__brev__ansokan__sokande=person) | Q(beslut__brev__ansokan__medsokande=person),
            status__in=[OS.BETALD, OS.I_FIL, OS.AVVISAD],
        )
        .select_related("mottagare", "beslut__post__posttyp")
        .order_by("-betalningsdag")
    )
