"""The unit's lists (docs/regler.md, Kvalitetsarbete och statistik): each filterable, linking to
the cases and exportable as CSV. Every list is one registered function that takes the enheter
and the filter and returns rows; the view renders them as a table or as CSV.

A list that grows with the nämnd returns its rows lazily (`Rader`, `Kedja`): the filter is in
the query, so the page reads one COUNT and its own rows, and only the CSV export reads them
all (docs/prestanda.md: Sidindelning)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, DateField, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth

from ansokan.models import OPPNA, Ansokan
from beslut.models import Beslut, Overklagande, Samrad
from bistand.models import Akt, Enhet, User
from utbetalning.models import Budget
from utbetalning.selectors import utbetalt_per_manad
from utredning.models import Kommunicering

from .vantetid import ansokningar_med_tider, beslutade_i_perioden
from .vantetid import vantetider as tider_for


@dataclass
class Rad:
    akt: Akt | None
    varden: list


class Rader:
    """The rows of a query, read when asked: `count()` is one COUNT, a slice reads only its
    own objects and turns them into rows with `rader` (given the slice's objects at once, so a
    row may need one more query per page, never per row); iterating reads every row."""

    def __init__(self, fraga: QuerySet, rader: Callable[[list], list[Rad]]) -> None:
        self.fraga = fraga
        self.rader = rader
        self._antal: int | None = None

    def count(self) -> int:
        if self._antal is None:
            self._antal = self.fraga.count()
        return self._antal

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.rader(list(self.fraga[index]))
        return self.rader([self.fraga[index]])[0]

    def __iter__(self) -> Iterator[Rad]:
        return iter(self.rader(list(self.fraga)))


class Kedja:
    """Lazy row sources shown one after the other (each fully before the next): one COUNT per
    source, and a slice reads from each source only the part that falls in it."""

    def __init__(self, *delar: Rader) -> None:
        self.delar = delar

    def count(self) -> int:
        return sum(d.count() for d in self.delar)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stopp, _ = index.indices(self.count())
        rader: list[Rad] = []
        forskjutning = 0
        for del_ in self.delar:
            antal = del_.count()
            fran, till = max(start - forskjutning, 0), min(stopp - forskjutning, antal)
            if fran < till:
                rader += del_[fran:till]
            forskjutning += antal
        return rader

    def __iter__(self) -> Iterator[Rad]:
        for del_ in self.delar:
            yield from del_


@dataclass
class Lista:
    kod: str
    titel: str
    beskrivning: str
    kolumner: list[str]
    urval: list[tuple[str, str]] = field(default_factory=list)
    hamta: Callable[..., Sequence[Rad]] | None = None
    saknas: str = ""  # set when the app behind the list is not installed


LISTOR: dict[str, Lista] = {}


def lista(kod: str, titel: str, beskrivning: str, kolumner: list[str], urval=()):
    def registrera(fn):
        LISTOR[kod] = Lista(kod, titel, beskrivning, kolumner, list(urval), fn)
        return fn

    return registrera


def manad(dag: datetime.date) -> datetime.date:
    return dag.replace(day=1)


@lista(
    "overklaganden",
    "Överklaganden",
    "Överklagade beslut, var överklagandet står och domstolens utgång.",
    ["Akt", "Inkom", "Post", "Status", "Domens utgång", "Domens datum", "Avsnitt i riktlinjerna"],
    urval=[
        ("", "Alla"),
        ("oppna", "Inte avgjorda"),
        ("avgjorda", "Avgjorda av domstol"),
        ("andrade", "Domstolen ändrade beslutet"),
    ],
)
def overklaganden(enheter, *, handlaggare=None, fran=None, till=None, urval="", idag=None):
    qs = Overklagande.objects.filter(akt__enhet__in=enheter)
    if handlaggare:
        qs = qs.filter(akt__handlaggare=handlaggare)
    if fran:
        qs = qs.filter(inkommen__gte=fran)
    if till:
        qs = qs.filter(inkommen__lte=till)
    if urval == "oppna":
        qs = qs.exclude(status__in=["avgjord", "avvisad", "aterkallad"])
    elif urval == "avgjorda":
        qs = qs.filter(status="avgjord")
    elif urval == "andrade":
        qs = qs.filter(dom__in=ANDRADE_DOMAR)
    qs = qs.select_related("akt", "beslut__post__posttyp", "dom_avsnitt").order_by(
        "-inkommen", "-pk"
    )
    return Rader(
        qs,
        lambda objekt: [
            Rad(
                o.akt,
                [
                    o.inkommen,
                    o.beslut.post.posttyp.namn,
                    o.get_status_display(),
                    o.get_dom_display() if o.dom else "",
                    o.dom_datum or "",
                    str(o.dom_avsnitt) if o.dom_avsnitt else "",
                ],
            )
            for o in objekt
        ],
    )


# The court changed the nämnd's decision (bifall to the appellant, or sent back).
ANDRADE_DOMAR = ("bifall", "aterforvisning")


@lista(
    "kommunicering",
    "Kommunicering som väntar på svar",
    "Kommuniceringar (FL 25 §) som sökanden inte svarat på ännu.",
    ["Akt", "Skickad", "Svar senast", "Skickad av", "Läge"],
    urval=[("", "Alla"), ("passerat", "Svarsdatum passerat")],
)
def kommunicering(enheter, *, handlaggare=None, fran=None, till=None, urval="", idag=None):
    qs = Kommunicering.objects.filter(
        utredning__ansokan__akt__enhet__in=enheter, besvarad__isnull=True
    )
    if handlaggare:
        qs = qs.filter(utredning__ansokan__akt__handlaggare=handlaggare)
    if fran:
        qs = qs.filter(skickad__gte=fran)
    if till:
        qs = qs.filter(skickad__lte=till)
    if urval == "passerat":
        qs = qs.filter(svara_senast__lt=idag)
    qs = qs.select_related("utredning__ansokan__akt", "skickad_av").order_by("svara_senast", "pk")
    return Rader(
        qs,
        lambda objekt: [
            Rad(
                k.utredning.ansokan.akt,
                [
                    k.skickad,
                    k.svara_senast,
                    str(k.skickad_av),
                    "Svarsdatum passerat" if k.svara_senast < idag else "Väntar",
                ],
            )
            for k in objekt
        ],
    )


@lista(
    "avsteg",
    "Beviljade avsteg",
    "Beslut som fattats som avsteg från riktlinjer eller norm, med det godkända samrådet och när "
    "det upphör (högst sex månader). Godkända samråd som inte har använts i något beslut står "
    "sist och är markerade.",
    [
        "Akt",
        "Post",
        "Beslut",
        "Avsteg från",
        "Avsnitt",
        "Samråd godkänt av",
        "Gäller från",
        "Gäller till och med",
        "Läge",
    ],
    urval=[
        ("", "Alla"),
        ("galler", "Gäller nu"),
        ("snart", "Upphör inom 30 dagar"),
        ("upphort", "Har upphört"),
        ("oanvanda", "Godkända samråd som inte använts i något beslut"),
    ],
)
def avsteg(enheter, *, handlaggare=None, fran=None, till=None, urval="", idag=None):
    """docs/regler.md: Avsteg och samråd. A decision is an avsteg when it grants more than the
    calculation or the riktlinje allows, and then stands on an approved samråd; the list shows
    those decisions with their samråd. An approved samråd no decision has used yet is not a
    granted avsteg, so it is listed after them, marked as not used."""
    giltighet = Q()
    if urval == "galler":
        giltighet = Q(giltig_till__gte=idag)
    elif urval == "snart":
        giltighet = Q(giltig_till__gte=idag, giltig_till__lte=idag + datetime.timedelta(days=30))
    elif urval == "upphort":
        giltighet = Q(giltig_till__lt=idag)

    bq = Beslut.objects.none()
    if urval != "oanvanda":
        bq = Beslut.objects.filter(brev__ansokan__akt__enhet__in=enheter, avsteg=True)
        if handlaggare:
            bq = bq.filter(brev__ansokan__akt__handlaggare=handlaggare)
        if fran:
            bq = bq.filter(brev__beslutsdatum__gte=fran)
        if till:
            bq = bq.filter(brev__beslutsdatum__lte=till)
        if giltighet:
            bq = bq.filter(
                samrad__in=Samrad.objects.filter(giltighet).values("pk"), samrad__isnull=False
            )
    fattade = bq.select_related(
        "brev__ansokan__akt",
        "post__posttyp",
        "samrad__avsnitt",
        "samrad__besvarad_av",
    ).order_by("samrad__giltig_till", "brev__beslutsdatum", "pk")

    sq = Samrad.objects.filter(
        ansokan__akt__enhet__in=enheter, status="godkand", beslut__isnull=True
    ).filter(giltighet)
    if handlaggare:
        sq = sq.filter(ansokan__akt__handlaggare=handlaggare)
    if fran:
        sq = sq.filter(giltig_fran__gte=fran)
    if till:
        sq = sq.filter(giltig_fran__lte=till)
    oanvanda = sq.select_related(
        "ansokan__akt", "post__posttyp", "avsnitt", "besvarad_av"
    ).order_by("giltig_till", "pk")

    def _samrad(s: Samrad | None) -> list:
        if s is None:
            return ["", "", "", "", "", ""]
        return [
            s.get_avser_display(),
            str(s.avsnitt) if s.avsnitt else "",
            str(s.besvarad_av) if s.besvarad_av else "",
            s.giltig_fran or "",
            s.giltig_till or "",
            _kvar(s.giltig_till, idag) if s.giltig_till else "",
        ]

    def _fattade(objekt: list[Beslut]) -> list[Rad]:
        return [
            Rad(
                b.brev.ansokan.akt,
                [
                    b.post.posttyp.namn if b.post_id else "",
                    f"{b.brev.beslutsdatum:%Y-%m-%d}: {b.get_utfall_display()}"
                    + (f" {b.belopp:.0f} kr" if b.belopp is not None else ""),
                    *_samrad(b.samrad),
                ],
            )
            for b in objekt
        ]

    def _oanvanda(objekt: list[Samrad]) -> list[Rad]:
        return [
            Rad(s.ansokan.akt, [s.post.posttyp.namn, "Inte använt i något beslut", *_samrad(s)])
            for s in objekt
        ]

    return Kedja(Rader(fattade, _fattade), Rader(oanvanda, _oanvanda))


def _kvar(slut: datetime.date, idag: datetime.date) -> str:
    return "Har upphört" if slut < idag else f"{(slut - idag).days} dagar kvar"


def _beviljade(enheter) -> QuerySet[Beslut]:
    """Decisions that granted bistånd (bifall or delvis bifall with an amount)."""
    return Beslut.objects.filter(
        brev__ansokan__akt__enhet__in=enheter,
        utfall__in=["bifall", "delvis_bifall"],
        belopp__gt=0,
    )


def bistandsmanader(
    enheter, *, fran_ar: int, till_ar: int, akt_ids: list[int] | None = None
) -> dict[int, set[datetime.date]]:
    """Per Akt (all of the enheter's, or those of `akt_ids`), the months with bistånd granted
    (bifall or delvis bifall with an amount): the month the decision is for, else the
    decision's month. From payments when the payment app records them is a later refinement;
    decisions are what every installation has."""
    beviljade = _beviljade(enheter)
    if akt_ids is not None:
        beviljade = beviljade.filter(brev__ansokan__akt_id__in=akt_ids)
    rader = beviljade.filter(
        Q(period_fran__year__gte=fran_ar, period_fran__year__lte=till_ar)
        | Q(
            period_fran__isnull=True,
            brev__beslutsdatum__year__gte=fran_ar,
            brev__beslutsdatum__year__lte=till_ar,
        )
    ).values_list("brev__ansokan__akt_id", "period_fran", "brev__beslutsdatum")
    manader: dict[int, set[datetime.date]] = defaultdict(set)
    for akt_id, period, beslutsdatum in rader:
        manader[akt_id].add(manad(period or beslutsdatum))
    return manader


def langvarighet(manader: set[datetime.date], ar: int) -> tuple[int, int]:
    """Months with bistånd in the year, and the number of consecutive calendar years up to and
    including it with 10–12 such months.

    Socialstyrelsen (and Kolada): långvarigt ekonomiskt bistånd is bistånd 10–12 months of a
    calendar year; mycket långvarigt is that in at least three years in a row.
    """
    per_ar: dict[int, int] = defaultdict(int)
    for m in manader:
        per_ar[m.year] += 1
    foljd = 0
    while per_ar.get(ar - foljd, 0) >= 10:
        foljd += 1
    return per_ar.get(ar, 0), foljd


@lista(
    "langvarigt",
    "Långvarigt bistånd",
    "Långvarigt bistånd: bistånd 10–12 månader under kalenderåret. Mycket långvarigt: så i minst "
    "tre år i följd (Socialstyrelsens och Koladas definition).",
    ["Akt", "Handläggare", "Månader med bistånd under året", "År i följd med 10–12 månader"],
    urval=[("", "Långvarigt"), ("mycket", "Mycket långvarigt")],
)
def langvarigt(enheter, *, handlaggare=None, fran=None, till=None, urval="", idag=None):
    """The Akter are chosen in the database (months counted per Akt and year, as
    `langvarighet` counts them); the years in a row are worked out for the page's Akter only."""
    ar = (till or idag).year
    akter = Akt.objects.filter(
        pk__in=_langvariga_akter(enheter, ar=ar, ar_i_foljd=3 if urval == "mycket" else 1),
        enhet__in=enheter,
    ).select_related("handlaggare")
    if handlaggare:
        akter = akter.filter(handlaggare=handlaggare)

    def _rader(sida: list[Akt]) -> list[Rad]:
        manader = bistandsmanader(
            enheter, fran_ar=ar - 10, till_ar=ar, akt_ids=[a.pk for a in sida]
        )
        rader = []
        for akt in sida:
            antal, foljd = langvarighet(manader[akt.pk], ar)
            rader.append(Rad(akt, [str(akt.handlaggare or ""), antal, foljd]))
        return rader

    return Rader(akter.order_by("aktnummer", "pk"), _rader)


def _langvariga_akter(enheter, *, ar: int, ar_i_foljd: int) -> QuerySet:
    """The ids of the Akter with bistånd 10–12 months in `ar` and in each of the
    `ar_i_foljd - 1` years before it (Socialstyrelsen's definition, as `langvarighet`)."""
    dag = Coalesce("period_fran", "brev__beslutsdatum", output_field=DateField())
    per_akt = (
        _beviljade(enheter)
        .annotate(dag=dag, manad=TruncMonth(dag, output_field=DateField()))
        .values("brev__ansokan__akt_id")
    )
    villkor = Q()
    for i in range(ar_i_foljd):
        per_akt = per_akt.annotate(
            **{
                f"manader_{i}": Count(
                    "manad",
                    distinct=True,
                    filter=Q(
                        dag__gte=datetime.date(ar - i, 1, 1), dag__lte=datetime.date(ar - i, 12, 31)
                    ),
                )
            }
        )
        villkor &= Q(**{f"manader_{i}__gte": 10})
    return per_akt.filter(villkor).values("brev__ansokan__akt_id")


@lista(
    "vantetider",
    "Väntetider per handläggare",
    "Från första kontakt till beslut, för ansökningar beslutade under perioden, och öppna "
    "ansökningar i dag.",
    ["Handläggare", "Beslutade", "Medel dagar till beslut", "Öppna", "Äldsta öppna, dagar"],
)
def vantetider(enheter, *, handlaggare=None, fran=None, till=None, urval="", idag=None):
    fran = fran or idag - datetime.timedelta(days=90)
    till = till or idag
    villkor = Q(akt__enhet__in=enheter)
    if handlaggare:
        villkor &= Q(akt__handlaggare=handlaggare)
    # Only the ansökningar with a decision in the period are read (not every decided one of
    # the years before); the first decision's day is then checked as before.
    i_perioden = beslutade_i_perioden(fran, till + datetime.timedelta(days=1))
    beslutade = [
        t
        for t in tider_for(
            ansokningar_med_tider(
                villkor & Q(status__in=["beslutad", "avslutad"], pk__in=i_perioden)
            )
        )
        if t.beslutad and fran <= t.beslutad <= till
    ]
    handl = dict(
        Ansokan.objects.filter(pk__in=[t.ansokan_id for t in beslutade]).values_list(
            "pk", "akt__handlaggare__username"
        )
    )
    per: dict[str, list] = defaultdict(lambda: [[], []])
    for t in beslutade:
        per[handl.get(t.ansokan_id) or "Ingen handläggare"][0].append(t.dagar_till_beslut)
    oppna = Ansokan.objects.filter(
        villkor,
        status__in=OPPNA,
        mottagen__isnull=False,
    ).values_list("akt__handlaggare__username", "mottagen")
    for namn, mottagen in oppna:
        per[namn or "Ingen handläggare"][1].append((idag - mottagen).days)

    visning = {u.username: str(u) for u in User.objects.filter(username__in=list(per))}
    return [
        Rad(
            None,
            [
                visning.get(namn, namn),
                len(b),
                round(sum(b) / len(b), 1) if b else "",
                len(o),
                max(o) if o else "",
            ],
        )
        for namn, (b, o) in sorted(per.items(), key=lambda kv: visning.get(kv[0], kv[0]))
    ]


@lista(
    "akut",
    "Akuta ansökningar denna vecka",
    "Akuta ansökningar (nödprövning) som kommit in sedan måndag. De ska prövas samma dag.",
    ["Akt", "Inkom", "Status", "Handläggare"],
)
def akut(enheter, *, handlaggare=None, fran=None, till=None, urval="", idag=None):
    fran = fran or idag - datetime.timedelta(days=idag.weekday())
    till = till or fran + datetime.timedelta(days=6)
    qs = Ansokan.objects.filter(
        akt__enhet__in=enheter, typ="akut", mottagen__gte=fran, mottagen__lte=till
    )
    if handlaggare:
        qs = qs.filter(akt__handlaggare=handlaggare)
    qs = qs.select_related("akt__handlaggare").order_by("mottagen", "pk")
    return Rader(
        qs,
        lambda objekt: [
            Rad(a.akt, [a.mottagen, a.get_status_display(), str(a.akt.handlaggare or "")])
            for a in objekt
        ],
    )


def _utbetalning_finns() -> bool:
    return apps.is_installed("utbetalning")


@lista(
    "utbetalningar",
    "Utbetalningar mot budget",
    "Utbetalt bistånd per månad under året jämfört med budgeten (en tolftedel av årsbudgeten per "
    "månad), och hittills under året.",
    [
        "Månad",
        "Utbetalt (kr)",
        "Budget (kr)",
        "Avvikelse (kr)",
        "Utbetalt hittills (kr)",
        "Budget hittills (kr)",
    ],
)
def utbetalningar(enheter, *, handlaggare=None, fran=None, till=None, urval="", idag=None):
    """From the payment app's follow-up when it is installed (orders sent to the bank)."""
    if not _utbetalning_finns():
        return []
    return [Rad(None, r) for r in utbetalt_mot_budget(enheter, ar=(till or idag).year, idag=idag)]


def utbetalt_mot_budget(enheter, *, ar: int, idag: datetime.date) -> list[list]:
    """Month by month up to the current month: paid, a twelfth of the year's budget, the
    difference, and both summed so far."""
    slut = min(datetime.date(ar, 12, 31), idag)
    utbetalt = {
        r["manad"]: r["belopp"]
        for r in utbetalt_per_manad(fran=datetime.date(ar, 1, 1), till=slut, enheter=enheter)
    }
    arsbudget = Budget.objects.filter(ar=ar, enhet__in=enheter).aggregate(s=Sum("belopp"))["s"]
    per_manad = (Decimal(arsbudget or 0) / 12).quantize(Decimal("1"))
    rader, summa, budget = [], Decimal(0), Decimal(0)
    for m in range(1, slut.month + 1):
        dag = datetime.date(ar, m, 1)
        belopp = Decimal(utbetalt.get(dag, 0))
        summa += belopp
        budget += per_manad
        rader.append([f"{dag:%Y-%m}", belopp, per_manad, belopp - per_manad, summa, budget])
    return rader


def lista_hamta(kod: str, enheter: QuerySet[Enhet], **filter_) -> tuple[Lista, Sequence[Rad]]:
    lst = LISTOR[kod]
    if kod == "utbetalningar" and not _utbetalning_finns():
        lst.saknas = (
            "Utbetalningsdelen är inte installerad ännu. När den finns visas utbetalt per månad "
            "mot budget här."
        )
    return lst, lst.hamta(enheter, **filter_)
