"""Domar against riktlinjer and likvärdighet (docs/regler.md, Kvalitetsarbete och statistik).

Both answer questions about the nämnd's decisions as a whole: where the courts change them, and
whether comparable ansökningar are judged alike across handläggare and enheter.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from ansokan.models import Typ
from beslut.models import Beslut, Overklagande
from bistand.models import Enhet, HushallMedlem, MedlemsRoll
from bistand.selectors import parameter_varde

from .listor import ANDRADE_DOMAR

# ---- domar ----------------------------------------------------------------------------------


@dataclass
class DomGrupp:
    avsnitt: str
    post: str
    domar: int = 0
    andrade: int = 0
    flaggad: bool = False

    @property
    def andel(self) -> float:
        return round(100 * self.andrade / self.domar, 1) if self.domar else 0.0


def domar_per_avsnitt(
    enheter: QuerySet[Enhet], fran: datetime.date, till: datetime.date
) -> tuple[list[DomGrupp], Decimal]:
    """Court rulings of the period (a year, quarter, month or chosen dates) grouped by the
    riktlinje section and the post the decision rested on, with the share where the court
    changed the nämnd's decision.

    A group whose share of changed decisions reaches `domar-andel-andrade-flagga` (and at least
    one ruling changed it) is flagged for review of the riktlinje (seed practice in
    docs/regler.md: riktlinjer reviewed after court rulings).
    """
    grans = parameter_varde("domar-andel-andrade-flagga", till)
    rader = (
        Overklagande.objects.filter(
            beslut__brev__ansokan__akt__enhet__in=enheter, dom_datum__range=(fran, till)
        )
        .exclude(dom="")
        .select_related("dom_avsnitt", "beslut__post__posttyp", "beslut__samrad__avsnitt")
    )
    grupper: dict[tuple[str, str], DomGrupp] = {}
    for o in rader:
        avsnitt = o.dom_avsnitt or (o.beslut.samrad.avsnitt if o.beslut.samrad else None)
        nyckel = (str(avsnitt) if avsnitt else "Inget avsnitt angivet", o.beslut.post.posttyp.namn)
        g = grupper.setdefault(nyckel, DomGrupp(*nyckel))
        g.domar += 1
        g.andrade += o.dom in ANDRADE_DOMAR
    for g in grupper.values():
        g.flaggad = g.andrade > 0 and g.andel >= float(grans)
    return sorted(grupper.values(), key=lambda g: (g.avsnitt, g.post)), grans


# ---- likvärdighet ---------------------------------------------------------------------------


def hushallstyp(medlemmar: list[HushallMedlem], dag: datetime.date) -> str:
    """The household composition on the day: one or two adults in the assistance unit, with or
    without children (the categories Socialstyrelsen's statistics use)."""
    aktuella = [m for m in medlemmar if m.fran <= dag and (m.till is None or m.till >= dag)]
    vuxna = sum(m.roll in (MedlemsRoll.SOKANDE, MedlemsRoll.MEDSOKANDE) for m in aktuella)
    barn = any(m.roll == MedlemsRoll.BARN for m in aktuella)
    return ("Sammanboende" if vuxna > 1 else "Ensamstående") + (
        " med barn" if barn else " utan barn"
    )


@dataclass
class Andelar:
    namn: str
    beslut: int = 0
    bifall: int = 0
    avsteg: int = 0
    belopp: list = field(default_factory=list)
    avviker: bool = False
    akter: list = field(default_factory=list)

    @property
    def andel_bifall(self) -> float:
        return round(100 * self.bifall / self.beslut, 1) if self.beslut else 0.0

    @property
    def andel_avsteg(self) -> float:
        return round(100 * self.avsteg / self.beslut, 1) if self.beslut else 0.0

    @property
    def medelbelopp(self) -> int | None:
        return round(sum(self.belopp) / len(self.belopp)) if self.belopp else None


@dataclass
class Jamforelse:
    typ: str
    hushall: str
    post: str
    alla: Andelar
    per_handlaggare: list[Andelar]
    per_enhet: list[Andelar]

    @property
    def rubrik(self) -> str:
        return f"{self.typ}, {self.hushall.lower()}, {self.post.lower()}"


def likvardighet(
    enheter: QuerySet[Enhet], fran: datetime.date, till: datetime.date
) -> list[Jamforelse]:
    """For comparable decisions (ansökan type, household composition, post) of the period:
    the share bifall (bifall or delvis bifall), the share with avsteg and the average granted
    amount per handläggare (who decided) and per Enhet.

    A handläggare is flagged for ärendedragning when their share bifall differs from the
    group's by more than `likvardighet-avvikelse-procentenheter`, with at least
    `likvardighet-minsta-antal` decisions of their own in the group.
    """
    grans = float(parameter_varde("likvardighet-avvikelse-procentenheter", till))
    minsta = int(parameter_varde("likvardighet-minsta-antal", till))
    beslut = list(
        Beslut.objects.filter(
            brev__ansokan__akt__enhet__in=enheter,
            brev__beslutsdatum__range=(fran, till),
            andrar__isnull=True,
            utfall__in=["bifall", "delvis_bifall", "avslag"],
        ).select_related("brev__fattat_av", "brev__ansokan__akt__enhet", "post__posttyp")
    )
    hushall_ids = {b.brev.ansokan.akt.hushall_id for b in beslut}
    medlemmar: dict[int, list[HushallMedlem]] = defaultdict(list)
    for m in HushallMedlem.objects.filter(hushall_id__in=hushall_ids):
        medlemmar[m.hushall_id].append(m)
    grupper: dict[tuple, dict] = {}
    for b in beslut:
        a = b.brev.ansokan
        nyckel = (
            Typ(a.typ).label,
            hushallstyp(medlemmar[a.akt.hushall_id], b.brev.beslutsdatum),
            b.post.posttyp.namn,
        )
        g = grupper.setdefault(nyckel, {"alla": Andelar("Alla"), "h": {}, "e": {}})
        h = g["h"].setdefault(b.brev.fattat_av_id, Andelar(str(b.brev.fattat_av)))
        e = g["e"].setdefault(a.akt.enhet_id, Andelar(str(a.akt.enhet)))
        for andelar in (g["alla"], h, e):
            andelar.beslut += 1
            if b.utfall in ("bifall", "delvis_bifall"):
                andelar.bifall += 1
                if b.belopp:
                    andelar.belopp.append(b.belopp)
            andelar.avsteg += b.samrad_id is not None
        if len(h.akter) < 3:
            h.akter.append(a.akt)
    resultat = []
    for (typ, hush, post), g in sorted(grupper.items()):
        alla = g["alla"]
        for h in g["h"].values():
            h.avviker = h.beslut >= minsta and abs(h.andel_bifall - alla.andel_bifall) > grans
        resultat.append(
            Jamforelse(
                typ=typ,
                hushall=hush,
                post=post,
                alla=alla,
                per_handlaggare=sorted(g["h"].values(), key=lambda x: x.namn),
                per_enhet=sorted(g["e"].values(), key=lambda x: x.namn),
            )
        )
    return resultat
