"""Demo data of utredning: example housing levels, an example riktlinje document, and a saved
beräkning for each demo ansökan that is past intake (issue 4, point 5).

Run by `manage.py seed_demo` after the core and ansokan (DESIGN.md §4). Idempotent. The
riksnorm, prisbasbelopp and jobbstimulans figures are loaded by migration 0002 for every
installation; housing levels and riktlinjer are the nämnd's own, so only demo data has
examples, marked unverified.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from ansokan.models import Ansokan, Status

from . import selectors, services
from .models import Boendeniva, Riktlinje, RiktlinjeAvsnitt

EXEMPEL = "Exempelnivå för demo – ersätt med nämndens beslutade nivå"
BOENDENIVAER = {
    "vuxen_1": 6500,
    "vuxna_2": 7500,
    "barn_1": 8600,
    "barn_2": 9700,
    "barn_3": 10800,
    "barn_4": 12000,
}
EFTER_INTAG = (Status.UNDER_UTREDNING, Status.BESLUTAD, Status.AVSLUTAD)

RIKTLINJE_AVSNITT = [
    (
        "1",
        "Inledning",
        "Riktlinjerna är ett stöd för en rättssäker och likvärdig handläggning. De ersätter "
        "aldrig den individuella bedömningen. Avsteg från riktlinjerna görs efter samråd med "
        "enhetschef eller förste socialsekreterare och gäller högst sex månader.",
    ),
    (
        "2",
        "Ansökan",
        "En ansökan kan lämnas i e-tjänsten, på papper, per telefon, vid besök eller per e-post. "
        "Alla ansökningar registreras. Saknas uppgifter begär vi komplettering och kommer "
        "överens med den sökande om en tid för svar.",
    ),
    (
        "3",
        "Beräkning av försörjningsstöd",
        "Försörjningsstöd beräknas som riksnorm och skäliga kostnader för boende, hushållsel, "
        "arbetsresor, hemförsäkring samt avgift till fackförening och a-kassa, minus hushållets "
        "samtliga inkomster.",
    ),
    (
        "3.1",
        "Skälig boendekostnad",
        "Boendekostnaden godtas upp till nämndens nivå för hushållstypen. Är kostnaden högre "
        "godtas den faktiska kostnaden under en rådrumstid, normalt tre månader, då den sökande "
        "ska försöka hitta ett billigare boende.",
    ),
    (
        "3.2",
        "Hushållsel",
        "Hushållsel räknas efter faktisk kostnad enligt räkning. Kostnad för uppvärmning ingår "
        "inte i hushållsel.",
    ),
    (
        "4",
        "Barnets bästa",
        "När ett beslut kan få konsekvenser för ett barn görs en barnkonsekvensanalys. Barnets "
        "egna åsikter ska tas till vara utifrån ålder och mognad.",
    ),
]


def seed(ctx) -> None:
    fran = datetime.date(2021, 1, 1)
    for typ, belopp in BOENDENIVAER.items():
        Boendeniva.objects.get_or_create(
            hushallstyp=typ,
            giltig_fran=fran,
            defaults={"belopp": belopp, "kalla": EXEMPEL, "verifierad": False},
        )
    riktlinje, skapad = Riktlinje.objects.get_or_create(
        kod="ekonomiskt-bistand",
        version="2026:1",
        defaults={
            "titel": "Riktlinjer för ekonomiskt bistånd",
            "antagen": datetime.date(2025, 11, 20),
            "giltig_fran": datetime.date(2026, 1, 1),
            "beslutad_av": "Socialnämnden (exempel för demo)",
            "ingress": "Exempel på riktlinjer för demo. Ersätt med nämndens antagna riktlinjer.",
        },
    )
    if skapad:
        RiktlinjeAvsnitt.objects.bulk_create(
            RiktlinjeAvsnitt(riktlinje=riktlinje, ordning=i, nummer=nummer, titel=titel, text=text)
            for i, (nummer, titel, text) in enumerate(RIKTLINJE_AVSNITT, start=1)
        )
    ctx.say(f"  {len(BOENDENIVAER)} nivåer för skälig boendekostnad och riktlinjer (exempel)")
    sparade = _berakningar(ctx)
    ctx.say(f"  {sparade} beräkningar för ansökningar efter mottagandet")


def _berakningar(ctx) -> int:
    """A saved sheet for each demo ansökan past intake that has none, with the household of
    its Akt and example costs and incomes."""
    sparade = 0
    ansokningar = (
        Ansokan.objects.filter(status__in=EFTER_INTAG, akt__isnull=False, berakningar=None)
        .select_related("akt__hushall")
        .order_by("pk")
    )
    for ansokan in ansokningar:
        manad = ansokan.period or ansokan.mottagen or ctx.idag
        underlag = selectors.hushall_berakningsunderlag(ansokan.akt.hushall, manad)
        underlag["kostnader"] = {
            "boende": ctx.rng.randrange(5200, 10400, 100),
            "hushallsel": ctx.rng.randrange(250, 700, 10),
            "hemforsakring": ctx.rng.choice([0, 150, 180, 210]),
        }
        underlag["inkomster"] = (
            [{"person": 0, "typ": "a_kassa", "belopp": ctx.rng.randrange(2000, 9000, 100)}]
            if ctx.rng.random() < 0.4
            else []
        )
        underlag["manader_i_foljd_med_bistand"] = ctx.rng.randrange(0, 14)
        try:
            services.berakning_spara(underlag=underlag, ansokan=ansokan)
        except ValidationError as fel:
            ctx.say(f"  Ingen beräkning för {ansokan}: {fel.messages[0]}")
            continue
        sparade += 1
    return sparade
