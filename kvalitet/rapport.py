"""The yearly kvalitetsrapport (SOSFS 2011:9 7 kap.: the nämnd follows up its quality work
each year): six areas, each with figures, charts and the quality group's own text, and the
registers of egenkontroll, riskanalys and brukarundersökning (docs/regler.md, Kvalitetsarbete
och statistik).

Every figure is computed from stored data; a part whose app is not installed says so.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.utils.safestring import SafeString

from ansokan.models import Ansokan, Kanal, Typ
from beslut.models import Beslut, Overklagande
from bistand.diagram import stapeldiagram
from bistand.models import Enhet
from synpunkter import selectors as sp_selectors
from synpunkter.models import Avvikelse, Synpunkt
from utredning.models import Forsorjningshinder, Hinder, Utredning

from .analys import domar_per_avsnitt
from .listor import bistandsmanader, langvarighet, utbetalt_mot_budget
from .models import (
    Avslut,
    Avslutsorsak,
    BrukarundersokningSvar,
    Egenkontroll,
    Omrade,
    RapportText,
    Risk,
    VantetidManad,
)
from .selectors import granskning_figurer


@dataclass
class Diagram:
    titel: str
    enhet: str
    rader: list[tuple[str, float]]
    svg: SafeString = SafeString("")

    def __post_init__(self) -> None:
        self.svg = stapeldiagram(self.rader, titel=self.titel, enhet=self.enhet)


@dataclass
class Avsnitt:
    kod: str
    namn: str
    nyckeltal: list[tuple[str, str]] = field(default_factory=list)
    diagram: list[Diagram] = field(default_factory=list)
    text: str = ""
    saknas: list[str] = field(default_factory=list)


def period(ar: int, idag: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The report's period: the calendar year, or the current year up to today."""
    slut = min(datetime.date(ar, 12, 31), idag)
    return datetime.date(ar, 1, 1), slut


def _pct(del_: int, hel: int) -> str:
    return f"{100 * del_ / hel:.1f} %".replace(".", ",") if hel else "–"


def _rattssakerhet(enheter, ar: int, fran, till) -> Avsnitt:
    a = Avsnitt(Omrade.RATTSSAKERHET, Omrade.RATTSSAKERHET.label)
    fig = granskning_figurer(enheter, ar)
    dragna = sum(f.dragna for f in fig["per_enhet"])
    granskade = sum(f.granskade for f in fig["per_enhet"])
    a.nyckeltal.append(("Journalgranskningar, granskade av dragna", f"{granskade} av {dragna}"))
    a.diagram.append(
        Diagram(
            "Journalgranskning: andel uppfyllt per punkt",
            "%",
            [(namn, andel) for namn, andel, _ in fig["per_punkt"]],
        )
    )
    ovk = Overklagande.objects.filter(
        beslut__brev__ansokan__akt__enhet__in=enheter, inkommen__gte=fran, inkommen__lte=till
    )
    a.nyckeltal.append(("Överklaganden som kom in", str(ovk.count())))
    grupper, _ = domar_per_avsnitt(enheter, fran, till)
    domar = sum(g.domar for g in grupper)
    andrade = sum(g.andrade for g in grupper)
    a.nyckeltal.append(
        ("Domar, varav ändrade", f"{domar}, varav {andrade} ({_pct(andrade, domar)})")
    )
    a.nyckeltal.append(("Avsnitt i riktlinjerna att se över", str(sum(g.flaggad for g in grupper))))
    a.diagram.append(
        Diagram(
            "Domar: andel ändrade beslut per avsnitt",
            "%",
            [(f"{g.avsnitt} – {g.post}", g.andel) for g in grupper],
        )
    )
    return a


def _likvardighet(enheter, fran, till) -> Avsnitt:
    a = Avsnitt(Omrade.LIKVARDIGHET, Omrade.LIKVARDIGHET.label)
    rader = (
        Beslut.objects.filter(
            brev__ansokan__akt__enhet__in=enheter,
            brev__beslutsdatum__gte=fran,
            brev__beslutsdatum__lte=till,
            andrar__isnull=True,
        )
        .values("brev__ansokan__akt__enhet__namn")
        .annotate(
            alla=Count("pk", filter=Q(utfall__in=["bifall", "delvis_bifall", "avslag"])),
            bifall=Count("pk", filter=Q(utfall__in=["bifall", "delvis_bifall"])),
            avsteg=Count("pk", filter=Q(samrad__isnull=False)),
        )
        .order_by("brev__ansokan__akt__enhet__namn")
    )
    bifall, avsteg = [], []
    for r in rader:
        namn = r["brev__ansokan__akt__enhet__namn"]
        if r["alla"]:
            bifall.append((namn, round(100 * r["bifall"] / r["alla"], 1)))
            avsteg.append((namn, round(100 * r["avsteg"] / r["alla"], 1)))
    alla = sum(r["alla"] for r in rader)
    a.nyckeltal.append(("Beslut om bifall, delvis bifall eller avslag", str(alla)))
    a.nyckeltal.append(
        ("Andel med avsteg från riktlinjer eller norm", _pct(sum(r["avsteg"] for r in rader), alla))
    )
    a.diagram.append(Diagram("Andel bifall per enhet", "%", bifall))
    a.diagram.append(Diagram("Andel beslut med avsteg per enhet", "%", avsteg))
    return a


def _effektivitet(enheter, fran, till) -> Avsnitt:
    a = Avsnitt(Omrade.EFFEKTIVITET, Omrade.EFFEKTIVITET.label)
    rader = list(
        VantetidManad.objects.filter(enhet__in=enheter, manad__gte=fran, manad__lte=till).order_by(
            "manad"
        )
    )
    per_manad: dict[datetime.date, list] = {}
    for r in rader:
        per_manad.setdefault(r.manad, []).append(r)
    medel = []
    for m, lista in per_manad.items():
        vikt = sum(r.antal_beslutade for r in lista if r.medel_dagar is not None)
        if vikt:
            varde = sum(
                float(r.medel_dagar) * r.antal_beslutade for r in lista if r.medel_dagar is not None
            )
            medel.append((f"{m:%Y-%m}", round(varde / vikt, 1)))
    beslutade = sum(r.antal_beslutade for r in rader)
    a.nyckeltal.append(("Beslutade ansökningar (väntetid mätt)", str(beslutade)))
    inom = [r for r in rader if r.andel_inom_mal is not None and r.antal_beslutade]
    if inom:
        vikt = sum(r.antal_beslutade for r in inom)
        andel = sum(float(r.andel_inom_mal) * r.antal_beslutade for r in inom) / vikt
        a.nyckeltal.append(
            ("Andel beslutade inom handläggningsmålet", f"{andel:.1f} %".replace(".", ","))
        )
    u31402 = [float(r.kolada_u31402) for r in rader if r.kolada_u31402 is not None]
    if u31402:
        a.nyckeltal.append(
            (
                "Kolada U31402, medel dagar (månadsmedel)",
                f"{sum(u31402) / len(u31402):.1f}".replace(".", ","),
            )
        )
    a.diagram.append(Diagram("Väntetid till beslut, medel dagar per månad", "dagar", medel))
    if apps.is_installed("utbetalning"):
        rader = utbetalt_mot_budget(enheter, ar=fran.year, idag=till)
        if rader:
            a.nyckeltal.append(("Utbetalt hittills under året (kr)", str(rader[-1][4])))
            a.nyckeltal.append(("Budget hittills under året (kr)", str(rader[-1][5])))
        a.diagram.append(
            Diagram("Utbetalt bistånd per månad", "kr", [(r[0], float(r[1])) for r in rader])
        )
    else:
        a.saknas.append("Utbetalningar mot budget: utbetalningsdelen är inte installerad.")
    return a


def _tillganglighet(enheter, fran, till) -> Avsnitt:
    a = Avsnitt(Omrade.TILLGANGLIGHET, Omrade.TILLGANGLIGHET.label)
    qs = Ansokan.objects.filter(akt__enhet__in=enheter, mottagen__gte=fran, mottagen__lte=till)
    per_kanal = dict(qs.values_list("kanal").annotate(n=Count("pk")))
    per_typ = dict(qs.values_list("typ").annotate(n=Count("pk")))
    a.nyckeltal.append(("Ansökningar som kom in", str(sum(per_kanal.values()))))
    a.nyckeltal.append(("Akuta ansökningar", str(per_typ.get(Typ.AKUT, 0))))
    a.nyckeltal.append(
        ("Andel via e-tjänsten", _pct(per_kanal.get(Kanal.ETJANST, 0), sum(per_kanal.values())))
    )
    a.diagram.append(
        Diagram(
            "Ansökningar per kanal",
            "ansökningar",
            [(k.label, per_kanal.get(k.value, 0)) for k in Kanal],
        )
    )
    return a


def _bemotande(enheter, ar: int, fran, till, enhet: Enhet | None) -> Avsnitt:
    a = Avsnitt(Omrade.BEMOTANDE, Omrade.BEMOTANDE.label)
    utr = Utredning.objects.filter(
        ansokan__akt__enhet__in=enheter, startad__date__gte=fran, startad__date__lte=till
    ).aggregate(alla=Count("pk"), syn=Count("pk", filter=~Q(sokandes_syn="")))
    a.nyckeltal.append(
        ("Utredningar där sökandens egen syn finns med", _pct(utr["syn"], utr["alla"]))
    )
    svar = list(brukarsvar(ar, enhet))
    if svar:
        a.diagram.append(
            Diagram(
                "Brukarundersökningen: andel positiva svar",
                "%",
                [(s.fraga, float(s.andel_positiva)) for s in svar],
            )
        )
    else:
        a.saknas.append("Brukarundersökningen för året är inte inläst.")
    if apps.is_installed("synpunkter"):
        nyckeltal, rader = synpunkter_figurer(enheter, ar, fran, till, hela_namnden=enhet is None)
        a.nyckeltal.extend(nyckeltal)
        a.diagram.append(Diagram("Synpunkter per område", "synpunkter", rader))
    else:
        a.saknas.append("Synpunkter och lex Sarah: delen för synpunkter är inte installerad ännu.")
    return a


def synpunkter_figurer(enheter, ar: int, fran, till, *, hela_namnden: bool):
    """Synpunkter and lex Sarah figures of the period, read from the synpunkter app (SOSFS
    2011:9 5 kap. 3–6 §§: complaints and reports are analysed in the yearly follow-up).
    The app's own yearly selector is used when it offers one."""
    if hasattr(sp_selectors, "synpunkter_arsstatistik"):
        stat = sp_selectors.synpunkter_arsstatistik(ar=ar, enheter=enheter)
        return _synpunkt_nyckeltal(stat), _synpunkt_diagram(stat)
    var = Q(enhet__in=enheter)
    if hela_namnden:
        var |= Q(enhet__isnull=True, namnd__in={e.namnd_id for e in enheter})
    synpunkter = Synpunkt.objects.filter(var, inkom__gte=fran, inkom__lte=till)
    per_slag = dict(synpunkter.values_list("slag").annotate(n=Count("pk")))
    per_omrade = (
        synpunkter.values("omraden__namn").annotate(n=Count("pk")).order_by("omraden__namn")
    )
    avvikelser = Avvikelse.objects.filter(
        var, rapporterad__date__gte=fran, rapporterad__date__lte=till
    )
    sarah = avvikelser.exclude(typ=Avvikelse.Typ.AVVIKELSE)
    nyckeltal = [
        ("Synpunkter", str(sum(per_slag.values()))),
        ("varav klagomål", str(per_slag.get("klagomal", 0))),
        ("varav beröm", str(per_slag.get("berom", 0))),
        ("varav förslag", str(per_slag.get("forslag", 0))),
        ("Avvikelser", str(avvikelser.filter(typ=Avvikelse.Typ.AVVIKELSE).count())),
        ("Lex Sarah-rapporter", str(sarah.count())),
        ("Lex Sarah bedömda som allvarliga", str(sarah.filter(allvarligt=True).count())),
        ("Lex Sarah anmälda till IVO", str(sarah.filter(ivo_anmald__isnull=False).count())),
    ]
    rader = [(r["omraden__namn"] or "Inget område", r["n"]) for r in per_omrade]
    return nyckeltal, rader


def _synpunkt_nyckeltal(stat: dict) -> list[tuple[str, str]]:
    """Figures from `synpunkter.selectors.synpunkter_arsstatistik` (its docstring gives the
    shape)."""
    slag = {namn: antal for namn, antal, _ in stat["per_slag"]}

    def dagar(v) -> str:
        return "–" if v is None else f"{v:g}".replace(".", ",")

    return [
        ("Synpunkter", str(stat["antal"])),
        ("varav klagomål", str(slag.get("Klagomål", 0))),
        ("varav beröm", str(slag.get("Beröm", 0))),
        ("varav förslag", str(slag.get("Förslag", 0))),
        ("Tid till kvittens, median (arbetsdagar)", dagar(stat["kvittens_median_arbetsdagar"])),
        ("Tid till svar, median (arbetsdagar)", dagar(stat["svar_median_arbetsdagar"])),
        ("IVO- och JO-ärenden", str(stat["ivo_jo"]["arenden"])),
        ("varav med kritik", str(stat["ivo_jo"]["med_kritik"])),
        ("Avvikelser", str(stat["avvikelser"])),
        ("Lex Sarah-rapporter", str(stat["lex_sarah"]["rapporter"])),
        ("Lex Sarah bedömda som allvarliga", str(stat["lex_sarah"]["allvarliga"])),
        ("Lex Sarah anmälda till IVO", str(stat["lex_sarah"]["anmalda_ivo"])),
    ]


def _synpunkt_diagram(stat: dict) -> list[tuple[str, int]]:
    return [(namn, antal) for namn, antal, _ in stat["per_omrade"]]


def _egen_forsorjning(enheter, ar: int, fran, till) -> Avsnitt:
    a = Avsnitt(Omrade.EGEN_FORSORJNING, Omrade.EGEN_FORSORJNING.label)
    hinder = Counter(
        Forsorjningshinder.objects.filter(
            utredning__ansokan__akt__enhet__in=enheter,
            utredning__startad__date__gte=fran,
            utredning__startad__date__lte=till,
        ).values_list("hinder", flat=True)
    )
    a.diagram.append(
        Diagram(
            "Försörjningshinder hos vuxna i utredningar",
            "personer",
            [(Hinder(k).label, n) for k, n in hinder.most_common()],
        )
    )
    avslut = Counter(
        Avslut.objects.filter(akt__enhet__in=enheter, manad__gte=fran, manad__lte=till).values_list(
            "orsak", flat=True
        )
    )
    a.diagram.append(
        Diagram(
            "Avslutsorsaker",
            "hushåll",
            [(Avslutsorsak(k).label, n) for k, n in avslut.most_common()],
        )
    )
    manader = bistandsmanader(enheter, fran_ar=ar - 10, till_ar=ar)
    lang = [langvarighet(m, ar) for m in manader.values()]
    a.nyckeltal.append(("Hushåll med bistånd under året", str(sum(1 for n, _ in lang if n))))
    a.nyckeltal.append(
        ("Långvarigt bistånd (10–12 månader)", str(sum(1 for n, _ in lang if n >= 10)))
    )
    a.nyckeltal.append(
        ("Mycket långvarigt (minst tre år i följd)", str(sum(1 for _, f in lang if f >= 3)))
    )
    a.nyckeltal.append(
        (
            "Avslutade med arbete eller studier",
            str(avslut[Avslutsorsak.ARBETE] + avslut[Avslutsorsak.STUDIER]),
        )
    )
    return a


def brukarsvar(ar: int, enhet: Enhet | None) -> QuerySet[BrukarundersokningSvar]:
    return BrukarundersokningSvar.objects.filter(ar=ar, enhet=enhet).order_by("omrade", "fraga")


def rapport(
    *,
    ar: int,
    enheter: QuerySet[Enhet],
    enhet: Enhet | None,
    idag: datetime.date,
    delperiod: tuple[datetime.date, datetime.date] | None = None,
) -> dict:
    """Everything the report shows, for one Enhet or the whole nämnd (`enhet` None), for the
    year or a part of it (`delperiod`, e.g. a quarter or a month, up to today). What is kept
    per year (the journalgranskning sample, the texts, registers and brukarundersökning,
    långvarigt bistånd by calendar year) stays the year's."""
    fran, till = period(ar, idag)
    if delperiod is not None:
        fran, till = max(fran, delperiod[0]), min(till, delperiod[1])
    avsnitt = [
        _rattssakerhet(enheter, ar, fran, till),
        _likvardighet(enheter, fran, till),
        _effektivitet(enheter, fran, till),
        _tillganglighet(enheter, fran, till),
        _bemotande(enheter, ar, fran, till, enhet),
        _egen_forsorjning(enheter, ar, fran, till),
    ]
    texter = {t.omrade: t.text for t in RapportText.objects.filter(ar=ar, enhet=enhet)}
    for a in avsnitt:
        a.text = texter.get(a.kod, "")
    return {
        "ar": ar,
        "fran": fran,
        "till": till,
        "enhet": enhet,
        "avsnitt": avsnitt,
        "antal_diagram": sum(len(a.diagram) for a in avsnitt),
        "egenkontroller": list(Egenkontroll.objects.filter(ar=ar, enhet=enhet)),
        "risker": list(Risk.objects.filter(ar=ar, enhet=enhet)),
        "brukarsvar": list(brukarsvar(ar, enhet)),
    }
