"""Individual-based statistics on ekonomiskt bistånd to Socialstyrelsen.

HSLF-FS 2015:30 3 § (bilaga 1: bistånd paid per household and person, försörjningshinder per
adult, kommunala arbetsmarknadsinsatser) and 4 § (bilaga 2: why bistånd ended), per calendar
month the bistånd is for, delivered by the 15th of the next month; under förordningen
(1981:1370) and SoL (2025:400) 15 kap. 2 §. The file layout is the project's own, versioned in
docs/statistik.md, and must be matched to Socialstyrelsen's current technical description
before the first delivery.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.db.models import Q

from beslut.models import Beslut
from bistand.models import Akt, HushallMedlem, IdTyp, MedlemsRoll, Person
from bistand.selectors import ParameterSaknas, parameter_varde
from utbetalning.models import Utbetalningsorder
from utbetalning.selectors import SKICKADE
from utredning.models import Forsorjningshinder, Remiss

from .models import Avslut

LAYOUT = "EKB-1"

# Posts that are försörjningsstöd (SoL 2025:400: riksnorm and reasonable costs for housing and
# household electricity); every other post is livsföring i övrigt (docs/statistik.md).
FORSORJNINGSSTOD_POSTER = frozenset({"forsorjningsstod", "hyra", "hushallsel"})

# Försörjningshinder in utredning → code in the file (docs/statistik.md, layout EKB-1).
HINDER_KOD = {
    "arbetslos_vantar": "11",
    "arbetslos_otillracklig": "12",
    "arbetslos_utan": "13",
    "sjuk_vantar": "21",
    "sjuk_otillracklig": "22",
    "sjuk_utan": "23",
    "ohalsa": "31",
    "sociala_skal": "41",
    "foraldraledig": "51",
    "arbete_otillracklig": "61",
    "studerande": "71",
    "sfi": "72",
    "ovrigt": "81",
    "inget": "90",
}
HINDER_SAKNAS = "99"

AVSLUT_KOD = {
    "arbete": "1",
    "studier": "2",
    "a_kassa": "3",
    "sjuk": "4",
    "pension": "5",
    "annan_ersattning": "6",
    "flytt": "7",
    "annat": "8",
    "okand": "9",
}

BILAGA1_KOLUMNER = [
    "layout",
    "kommunkod",
    "manad",
    "hushall",
    "personnummer",
    "roll",
    "hushallstyp",
    "antal_barn",
    "forsorjningsstod_kr",
    "livsforing_ovrigt_kr",
    "forsorjningshinder",
    "arbetsmarknadsinsats",
]
BILAGA2_KOLUMNER = ["layout", "kommunkod", "manad", "hushall", "personnummer", "avslutsorsak"]


def manad_grans(manad: datetime.date) -> tuple[datetime.date, datetime.date]:
    fran = manad.replace(day=1)
    nasta = fran + relativedelta(months=1)
    return fran, nasta - datetime.timedelta(days=1)


def forra_manad(manad: datetime.date) -> datetime.date:
    return manad.replace(day=1) - relativedelta(months=1)


def kommunkod(dag: datetime.date) -> str:
    """The municipality's four-digit code, an admin parameter (`statistik-kommunkod`)."""
    try:
        return f"{int(parameter_varde('statistik-kommunkod', dag)):04d}"
    except ParameterSaknas:
        return "0000"


def belopp_per_akt(manad: datetime.date) -> dict[int, tuple[Decimal, Decimal]]:
    """Per Akt, the bistånd for the month split into försörjningsstöd and livsföring i övrigt:
    paid orders (sent to the bank) of decisions for the month when the payment part is
    installed, else the granted amounts. The month is the decision's period, else the month it
    was decided (HSLF-FS 2015:30 3 §: the month the bistånd is for, not the payment month)."""
    fran, till = manad_grans(manad)
    for_manad = Q(period_fran__gte=fran, period_fran__lte=till) | Q(
        period_fran__isnull=True, brev__beslutsdatum__gte=fran, brev__beslutsdatum__lte=till
    )
    per: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    if apps.is_installed("utbetalning"):
        rader = Utbetalningsorder.objects.filter(
            Q(beslut__period_fran__gte=fran, beslut__period_fran__lte=till)
            | Q(
                beslut__period_fran__isnull=True,
                beslut__brev__beslutsdatum__gte=fran,
                beslut__brev__beslutsdatum__lte=till,
            ),
            status__in=SKICKADE,
        ).values_list("akt_id", "beslut__post__posttyp__kod", "belopp")
    else:
        rader = Beslut.objects.filter(
            for_manad, utfall__in=["bifall", "delvis_bifall"], belopp__gt=0
        ).values_list("brev__ansokan__akt_id", "post__posttyp__kod", "belopp")
    for akt_id, kod, belopp in rader:
        per[akt_id][0 if kod in FORSORJNINGSSTOD_POSTER else 1] += Decimal(belopp)
    return {k: (v[0], v[1]) for k, v in per.items() if v[0] + v[1] > 0}


def _aktuella(medlemmar: list[HushallMedlem], fran, till) -> list[HushallMedlem]:
    return [m for m in medlemmar if m.fran <= till and (m.till is None or m.till >= fran)]


def _man(person: Person) -> bool | None:
    if person.id_typ == IdTyp.RESERVNUMMER or len(person.identitet) != 12:
        return None
    return int(person.identitet[10]) % 2 == 1


def hushallstyp_kod(vuxna: list[Person], barn: int) -> str:
    """3/4 ensamstående man utan/med barn, 5/6 kvinna, 7/8 sammanboende, 9 okänd
    (Socialstyrelsen's register of ekonomiskt bistånd)."""
    if len(vuxna) >= 2:
        return "8" if barn else "7"
    if len(vuxna) == 1:
        man = _man(vuxna[0])
        if man is None:
            return "9"
        return ("4" if barn else "3") if man else ("6" if barn else "5")
    return "9"


@dataclass
class Saknas:
    akt: Akt
    person: Person
    vad: str


def bilaga1(manad: datetime.date) -> tuple[list[list[str]], list[Saknas]]:
    """One row per adult (sökande and medsökande) in each household with bistånd in the month;
    and the adults whose försörjningshinder is not recorded (so it can be, before delivery)."""
    fran, till = manad_grans(manad)
    kod = kommunkod(till)
    belopp = belopp_per_akt(manad)
    akter = {a.pk: a for a in Akt.objects.filter(pk__in=list(belopp))}
    medlemmar: dict[int, list[HushallMedlem]] = defaultdict(list)
    for m in HushallMedlem.objects.filter(hushall__akt__in=list(akter)).select_related(
        "person", "hushall__akt"
    ):
        medlemmar[m.hushall.akt.pk].append(m)
    hinder: dict[tuple[int, int], str] = {}
    for h in Forsorjningshinder.objects.filter(
        utredning__ansokan__akt__in=list(akter), utredning__startad__date__lte=till
    ).order_by("utredning__startad"):
        hinder[(h.utredning.ansokan.akt_id, h.person_id)] = h.hinder
    insats = set(
        Remiss.objects.filter(
            utredning__ansokan__akt__in=list(akter),
            skickad__lte=till,
            skickad__gte=fran - datetime.timedelta(days=183),
        ).values_list("utredning__ansokan__akt_id", "person_id")
    )
    rader, saknas = [], []
    for akt_id in sorted(akter, key=lambda pk: akter[pk].aktnummer):
        akt = akter[akt_id]
        aktuella = _aktuella(medlemmar[akt_id], fran, till)
        vuxna = [m for m in aktuella if m.roll in (MedlemsRoll.SOKANDE, MedlemsRoll.MEDSOKANDE)]
        vuxna.sort(key=lambda m: m.roll != MedlemsRoll.SOKANDE)
        barn = sum(
            1
            for m in aktuella
            if m.roll == MedlemsRoll.BARN
            and m.boende == "bor"
            and m.person.fodelsedatum > till.replace(year=till.year - 18)
        )
        typ = hushallstyp_kod([m.person for m in vuxna], barn)
        fs, lo = belopp[akt_id]
        for m in vuxna:
            h = hinder.get((akt_id, m.person_id))
            if h is None:
                saknas.append(Saknas(akt, m.person, "försörjningshinder"))
            rader.append(
                [
                    LAYOUT,
                    kod,
                    f"{fran:%Y%m}",
                    akt.aktnummer,
                    m.person.identitet,
                    "S" if m.roll == MedlemsRoll.SOKANDE else "M",
                    typ,
                    str(barn),
                    str(int(fs)),
                    str(int(lo)),
                    HINDER_KOD.get(h, HINDER_SAKNAS) if h else HINDER_SAKNAS,
                    "J" if (akt_id, m.person_id) in insats else "N",
                ]
            )
    return rader, saknas


def avslutade(manad: datetime.date) -> list[Akt]:
    """Households whose bistånd ended: bistånd in the month before, none in this month."""
    forra = set(belopp_per_akt(forra_manad(manad)))
    denna = set(belopp_per_akt(manad))
    return list(Akt.objects.filter(pk__in=forra - denna).order_by("aktnummer"))


def bilaga2(manad: datetime.date) -> tuple[list[list[str]], list[Akt]]:
    """One row per household whose last month with bistånd was the month before (HSLF-FS
    2015:30 4 §); and the households whose avslutsorsak is not recorded yet."""
    forra = forra_manad(manad)
    kod = kommunkod(manad)
    akter = avslutade(manad)
    orsaker = dict(Avslut.objects.filter(akt__in=akter, manad=forra).values_list("akt_id", "orsak"))
    sokande = {
        m.hushall_id: m.person.identitet
        for m in HushallMedlem.objects.filter(
            hushall__akt__in=akter, roll=MedlemsRoll.SOKANDE
        ).select_related("person")
    }
    rader, saknas = [], []
    for akt in akter:
        orsak = orsaker.get(akt.pk)
        if orsak is None:
            saknas.append(akt)
            continue
        rader.append(
            [
                LAYOUT,
                kod,
                f"{forra:%Y%m}",
                akt.aktnummer,
                sokande.get(akt.hushall_id, ""),
                AVSLUT_KOD[orsak],
            ]
        )
    return rader, saknas


def _csv(kolumner: list[str], rader: list[list[str]]) -> str:
    ut = io.StringIO()
    skrivare = csv.writer(ut, delimiter=";", lineterminator="\n")
    skrivare.writerow(kolumner)
    skrivare.writerows(rader)
    return ut.getvalue()


def leverans(manad: datetime.date) -> dict:
    """The month's two files and what is missing before delivery."""
    b1, saknas_hinder = bilaga1(manad)
    b2, saknas_avslut = bilaga2(manad)
    kod = kommunkod(manad)
    return {
        "filer": {
            f"ekb_bilaga1_{kod}_{manad:%Y%m}.csv": _csv(BILAGA1_KOLUMNER, b1),
            f"ekb_bilaga2_{kod}_{manad:%Y%m}.csv": _csv(BILAGA2_KOLUMNER, b2),
        },
        "saknas_hinder": saknas_hinder,
        "saknas_avslut": saknas_avslut,
        "senast": manad_grans(manad)[1] + datetime.timedelta(days=15),
    }
