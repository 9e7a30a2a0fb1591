"""Reads of utbetalning.

`utbetalt_per_manad` is the selector other apps (kvalitet) read for follow-up; see
docs/arkitektur.md, "Utbetalning".
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from bistand.access import person_synlig

from .models import Aterkrav, Budget, Kontotyp, Orderstatus, Utbetalningsorder

OS = Orderstatus
SKICKADE = (OS.I_FIL, OS.BETALD)
SKYDDAD_IDENTITET = "Skyddad identitet"


def mottagare_namn(user, mottagare, *, minne: dict | None = None) -> str:
    """The payee's name as this user may see it: a person with a protected identity
    (skyddade personuppgifter) only with a grant on an Akt of the person's household, or as its
    enhetschef (bistand.access.person_synlig; docs/regler.md: Behörighet och skyddade
    personuppgifter). `minne` caches the answer per person over a list."""
    person = mottagare.person
    if person is None or not person.skyddad:
        return mottagare.namn
    if minne is None:
        minne = {}
    if person.pk not in minne:
        minne[person.pk] = user is not None and person_synlig(user, person)
    return mottagare.namn if minne[person.pk] else SKYDDAD_IDENTITET


def mottagare_for_fil(mottagare) -> str:
    """The payee's name in the payment file: never a protected person's name, since staff
    without a grant read the file; the bank pays by the account number."""
    person = mottagare.person
    return SKYDDAD_IDENTITET if person is not None and person.skyddad else mottagare.namn


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
        .select_related("mottagare__person", "beslut__post__posttyp")
        .order_by("betalningsdag", "pk")
    )
    sokande_id = brev.ansokan.sokande_id
    return [
        {
            "post": o.beslut.post.posttyp.namn if o.beslut.post else "",
            "datum": o.betalningsdag,
            # The letter is the applicant's own: her own name stands, another person's
            # protected name does not (docs/regler.md: Behörighet och skyddade personuppgifter).
            "mottagare": o.mottagare.namn
            if o.mottagare.person_id in (None, sokande_id)
            else mottagare_for_fil(o.mottagare),
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
        .select_related(
            "mottagare__person", "akt", "beslut__brev__fattat_av", "beslut__post__posttyp"
        )
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
        .select_related("mottagare__person", "akt", "beslut__brev__ansokan")
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


def uppfoljning(*, enheter, ar: int, idag: datetime.date, per: str = "manad") -> dict:
    """Paid against budget for a year (docs/regler.md: Uppföljning): rows per month, post,
    Enhet or handläggare, the year's budget, paid so far and a forecast for the whole year
    (paid so far per elapsed month × 12; a past year is its actual total)."""
    slut = min(datetime.date(ar, 12, 31), idag)
    if slut < datetime.date(ar, 1, 1):
        rader_db: list[dict] = []
    else:
        rader_db = utbetalt_per_manad(
            fran=datetime.date(ar, 1, 1), till=slut, enheter=enheter, per=per
        )
    budgetar = Budget.objects.filter(ar=ar, enhet__in=enheter)
    arsbudget = sum((b.belopp for b in budgetar), Decimal(0))
    if per == "manad":
        manadsbudget = (arsbudget / 12).quantize(Decimal("1"))
        per_manad = {r["manad"]: r for r in rader_db}
        rader = []
        for m in range(1, (slut.month if slut.year == ar else 0) + 1):
            dag = datetime.date(ar, m, 1)
            belopp = per_manad.get(dag, {}).get("belopp", Decimal(0))
            rader.append(
                {
                    "nyckel": f"{dag:%Y-%m}",
                    "belopp": belopp,
                    "antal": per_manad.get(dag, {}).get("antal", 0),
                    "budget": manadsbudget,
                    "avvikelse": belopp - manadsbudget,
                }
            )
    else:
        summor: dict[str, dict] = {}
        for r in rader_db:
            rad = summor.setdefault(
                r["nyckel"], {"nyckel": r["nyckel"], "belopp": Decimal(0), "antal": 0}
            )
            rad["belopp"] += r["belopp"]
            rad["antal"] += r["antal"]
        budget_per: dict[str, Decimal] = {}
        for b in budgetar.select_related("enhet", "posttyp"):
            if per == "enhet" and b.posttyp_id is None:
                budget_per[b.enhet.namn] = budget_per.get(b.enhet.namn, Decimal(0)) + b.belopp
            elif per == "post" and b.posttyp_id is not None:
                budget_per[b.posttyp.namn] = budget_per.get(b.posttyp.namn, Decimal(0)) + b.belopp
        rader = []
        for nyckel in sorted(set(summor) | set(budget_per)):
            rad = summor.get(nyckel, {"nyckel": nyckel, "belopp": Decimal(0), "antal": 0})
            rad["budget"] = budget_per.get(nyckel)
            rad["avvikelse"] = rad["belopp"] - rad["budget"] if rad["budget"] is not None else None
            rader.append(rad)
    hittills = sum((r["belopp"] for r in rader_db), Decimal(0))
    manader = slut.month if slut.year == ar else 0
    if ar < idag.year:
        prognos = hittills
    elif manader:
        prognos = (hittills / manader * 12).quantize(Decimal("1"))
    else:
        prognos = Decimal(0)
    return {
        "rader": rader,
        "hittills": hittills,
        "arsbudget": arsbudget,
        "prognos": prognos,
        "prognos_avvikelse": prognos - arsbudget,
    }


def avvisade_att_hantera(akt) -> list[Utbetalningsorder]:
    """The Akt's payments the bank rejected or returned that nobody has yet chosen to pay
    again or to propose as an återkrav (docs/regler.md: Avstämning)."""
    krav = Aterkrav.objects.filter(orsak=Aterkrav.Orsak.AVVISAD_BETALNING, order__isnull=False)
    return list(
        Utbetalningsorder.objects.filter(akt=akt, status=OS.AVVISAD, ersatt_av__isnull=True)
        .exclude(pk__in=krav.values("order_id"))
        .select_related("mottagare", "beslut__post__posttyp")
        .order_by("betalningsdag", "pk")
    )
