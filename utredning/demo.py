"""Demo data of utredning: example housing levels, an example riktlinje document, and a saved
beräkning for each demo ansökan that is past intake (docs/regler.md: Beräkning).

Run by `manage.py seed_demo` after the core and ansokan (docs/arkitektur.md: Appar). Idempotent. The
riksnorm, prisbasbelopp and jobbstimulans figures are loaded by migration 0002 for every
installation; housing levels and riktlinjer are the nämnd's own, so only demo data has
examples, marked unverified.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from ansokan import services as ansokan_services
from ansokan.models import Ansokan, Posttyp, Status
from bistand.models import Akt, Kontakttyp, Skydd
from bistand.services import akt_tilldela

from . import selectors, services
from .models import (
    Boendeniva,
    KontrollMall,
    Riksnorm,
    RiksnormBelopp,
    Riktlinje,
    RiktlinjeAvsnitt,
    Utredning,
)

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


# Exempelkommun's checklists of controls per application type (docs/regler.md: Bakgrund: KPMG,
# Alingsås, "ett minimum för en ny klient" and "vid återansökan"; the återansökan list also holds
# the lasting controls, carried over while valid: docs/regler.md: Kontrollernas giltighet). The
# nämnd keeps its own in admin; only `seed_demo` loads these.
KONTROLLER_EXEMPEL = {
    "nyansokan": [
        "Identitet",
        "Medborgarskap och uppehållstillstånd respektive uppehållsrätt",
        "Boende och vistelse (hyreskontrakt eller inneboendeavtal)",
        "Folkbokföring",
        "Vårdnadshavare för barn som bor i hushållet",
        "Inkomstuppgifter",
        "Deklarationsunderlag eller kontrolluppgift från Skatteverket (SSBTEK)",
        "Ekonomisk översikt",
        "Kontoutdrag senaste 3 månaderna från samtliga konton",
        "Kontoutdrag och ekonomisk översikt för barn senaste 3 månaderna",
        "Utdrag ur Transportstyrelsens fordonsregister",
        "Arbetssökande (handlingsplan och daganteckningar)",
        "Läkarintyg vid sjukskrivning",
    ],
    "ateransokan": [
        "Kontoutdrag från samtliga konton en månad tillbaka",
        "Daganteckningar från Arbetsförmedlingen en månad tillbaka",
        "Läkarintyg vid sjukskrivning",
        "Närvarolistor från arbetsmarknadsenhetens verksamheter",
        # Checked at the nyansökan and carried over while valid (KONTROLL_GILTIGHET_EXEMPEL),
        # so they come up again when they run out.
        "Identitet",
        "Boende och vistelse (hyreskontrakt eller inneboendeavtal)",
        "Folkbokföring",
    ],
    "akut": ["Identitet", "Inkomstuppgifter", "Boende och vistelse"],
}


# How many months a control done stays valid and is carried over by "Gör som förra månaden"
# (docs/regler.md: Kontrollernas giltighet); a control not named here is done every month.
KONTROLL_GILTIGHET_EXEMPEL = {
    "Identitet": 12,
    "Boende och vistelse (hyreskontrakt eller inneboendeavtal)": 12,
    "Boende och vistelse": 12,
    "Deklarationsunderlag eller kontrolluppgift från Skatteverket (SSBTEK)": 12,
    "Medborgarskap och uppehållstillstånd respektive uppehållsrätt": 6,
    "Folkbokföring": 6,
    "Vårdnadshavare för barn som bor i hushållet": 6,
    "Utdrag ur Transportstyrelsens fordonsregister": 6,
}


def kontroller_exempel_sakerstall() -> None:
    """Exempelkommun's checklists with their validities, only for the application types that
    have none."""

    for typ, lista in KONTROLLER_EXEMPEL.items():
        if KontrollMall.objects.filter(ansokningstyp=typ).exists():
            continue
        for ordning, namn in enumerate(lista, start=1):
            KontrollMall.objects.create(
                ansokningstyp=typ,
                namn=namn,
                ordning=ordning,
                giltighet_manader=KONTROLL_GILTIGHET_EXEMPEL.get(namn, 0),
            )


def riksnorm_exempel_sakerstall(dag: datetime.date) -> Riksnorm | None:
    """An example riksnorm for the year of `dag` when that year has none yet, so that a demo or
    test database used after New Year works before the government's figures are entered.

    The example is the latest earlier year's amounts, every one marked unverified, with a
    source that says to replace it: each calculation made with it is shown as preliminary
    (docs/regler.md: Riksnorm). A real installation never gets one — there a month of a year
    without its own riksnorm stays an error (socialtjänstförordningen (2025:468) 12 kap. 2 §;
    docs/regler.md: Beräkning). Returns the example made, or None."""

    start = datetime.date(dag.year, 1, 1)
    if Riksnorm.objects.filter(giltig_fran=start).exists():
        return None
    forra = Riksnorm.objects.filter(giltig_fran__lt=start).order_by("-giltig_fran").first()
    if forra is None:
        return None
    kalla = (
        f"Exempel för demo: {forra.benamning} oförändrad – ersätt med regeringens belopp för "
        f"{dag.year}"
    )
    exempel = Riksnorm.objects.create(
        giltig_fran=start,
        benamning=f"Riksnorm {dag.year} (exempel)",
        kalla=kalla,
        anteckning=(
            f"Skapad av demodata eftersom riksnormen för {dag.year} inte var inlagd. Beloppen är "
            f"{forra.benamning}s och inte verifierade."
        ),
    )
    RiksnormBelopp.objects.bulk_create(
        RiksnormBelopp(riksnorm=exempel, post=b.post, belopp=b.belopp, kalla=kalla)
        for b in forra.belopp.all()
    )
    return exempel


def seed(ctx) -> None:
    kontroller_exempel_sakerstall()
    if riksnorm_exempel_sakerstall(ctx.idag):
        ctx.say(f"  riksnorm {ctx.idag.year} (exempel, ej verifierad)")
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
    _utredningar(ctx)  # before the sheets below, so ärenden moved to utredning get one too
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
        if demo_berakning_spara(ctx, ansokan) is not None:
            sparade += 1
    return sparade


def demo_berakning_spara(ctx, ansokan):
    """Save a sheet for a demo ansökan: the household of its Akt with example costs and
    incomes. Later apps' demos call it for the ansökningar they create."""
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
        return services.berakning_spara(underlag=underlag, ansokan=ansokan)
    except ValidationError as fel:
        ctx.say(f"  Ingen beräkning för {ansokan}: {fel.messages[0]}")
        return None


# ---- docs/regler.md: Utredning: ärenden in utredning
# ------------------------------------------------------------


def _familjeakter(ctx, enhet, antal: int) -> list:
    """Akter of the Enhet with a child living at home, no protected identity, no ansökan yet."""

    return list(
        Akt.objects.filter(
            enhet=enhet, hushall__medlemmar__roll="barn", hushall__medlemmar__boende="bor"
        )
        .exclude(
            hushall__medlemmar__person__skydd__in=[s for s in Skydd.values if s != Skydd.INGET]
        )
        .exclude(ansokningar__isnull=False)
        .distinct()
        .order_by("pk")[:antal]
    )


def _registrera(ctx, akt, av, *, typ="nyansokan", dagar_sedan=5, uppgifter=None, poster=()):

    sokande = akt.hushall.medlemmar.filter(roll="sokande").first().person
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=av,
        typ=typ,
        kanal="besok",
        mottagen=ctx.idag - datetime.timedelta(days=dagar_sedan),
        uppgifter=uppgifter or {},
        poster=[(Posttyp.objects.get(kod=k), None, "") for k in poster],
    )
    return ansokan


def _forslag(ansokan, utredning, av, utfall_per_kod: dict, motivering: dict) -> None:
    berakning = selectors.berakning_senaste(ansokan)
    poster = list(ansokan.poster.select_related("posttyp"))
    belopp = selectors.forslag_belopp_fran_berakning(berakning, poster)
    for post in poster:
        utfall = utfall_per_kod.get(post.posttyp.kod, "bifall")
        b = belopp.get(post.pk)
        if utfall == "delvis_bifall":
            b = int((b or 4000) * 0.7)
        services.forslag_spara(
            utredning=utredning,
            post=post,
            utfall=utfall,
            av=av,
            belopp=None if utfall == "avslag" else b,
            motivering=motivering.get(post.posttyp.kod, ""),
            berakning=berakning,
        )


def _utredningar(ctx) -> None:
    """Ärenden in utredning with journal entries, controls, a förslag, warnings and a
    handlingsplan (docs/regler.md: Utredning). Two family cases are kept for barnkonsekvens' demo:
    `familj_utan_bka` (avslag on försörjningsstöd, no analysis yet) and `familj_med_bka`
    (delvis bifall)."""

    if Utredning.objects.exists():
        befintliga = Utredning.objects.filter(individuell_bedomning__startswith="Familjen")
        for u in befintliga.order_by("pk")[:2]:
            nyckel = "familj_utan_bka" if "avslag" in u.individuell_bedomning else "familj_med_bka"
            ctx.data[nyckel] = u.ansokan_id
        ctx.say("  Utredningar finns redan – inget nytt skapat.")
        return
    if not ctx.data.get("enheter") or "handlaggare1" not in ctx.data.get("anvandare", {}):
        ctx.say("  Enheter eller personal saknas – inga utredningar skapade.")
        return
    enhet = ctx.data["enheter"][0]
    h1 = ctx.data["anvandare"]["handlaggare1"]
    familjer = _familjeakter(ctx, enhet, 2)
    if len(familjer) < 2:
        ctx.say("  För få familjeakter – inga utredningar skapade.")
        return
    manad = ctx.idag.replace(day=1)
    fall = [
        (
            familjer[0],
            "familj_utan_bka",
            {"forsorjningsstod": "avslag"},
            "Familjen har lön som täcker behovet enligt beräkningen; förslaget är avslag.",
            [{"typ": "lon", "belopp": 30000, "person": 0}],
        ),
        (
            familjer[1],
            "familj_med_bka",
            {"forsorjningsstod": "delvis_bifall"},
            "Familjen har viss inkomst; förslaget är delvis bifall.",
            [{"typ": "a_kassa", "belopp": 3000, "person": 0}],
        ),
    ]
    for akt, nyckel, utfall, bedomning, inkomster in fall:
        if akt.handlaggare_id is None:
            akt_tilldela(akt=akt, handlaggare=h1)
        forra = _registrera(
            ctx,
            akt,
            h1,
            dagar_sedan=35,
            uppgifter={"ekonomi": {"lon": "0", "hyra": "7800"}},
            poster=("forsorjningsstod",),
        )
        ansokan = _registrera(
            ctx,
            akt,
            h1,
            typ="ateransokan",
            dagar_sedan=4,
            uppgifter={"ekonomi": {"lon": "3200", "hyra": "12900"}},
            poster=("forsorjningsstod", "hyra"),
        )
        utredning = services.utredning_oppna(ansokan=ansokan, av=h1)
        services.utredning_oppna(ansokan=forra, av=h1)
        services.berakning_spara_for_utredning(
            utredning=utredning,
            av=h1,
            manad=manad,
            kostnader={"boende": 8900, "hushallsel": 450, "hemforsakring": 180},
            inkomster=inkomster,
        )
        _forslag(
            ansokan,
            utredning,
            h1,
            utfall,
            {"forsorjningsstod": bedomning, "hyra": "Hyran ryms inom kommunens nivå."},
        )
        services.utredning_text_spara(
            utredning=utredning, falt="individuell_bedomning", text=bedomning, av=h1
        )
        services.utredning_text_spara(
            utredning=utredning,
            falt="sokandes_syn",
            text="Jag vill börja arbeta igen så fort barnen har fått förskoleplats.",
            av=h1,
        )
        for i, k in enumerate(utredning.kontroller.all()[:5]):
            services.kontroll_markera(
                kontroll=k,
                status="ej_aktuell" if i == 4 else "gjord",
                av=h1,
                datum=ctx.idag,
                anteckning="Kontrollerat i SSBTEK (demo)." if i == 1 else "",
            )
        services.journal_anteckning_skriv(
            akt=akt,
            av=h1,
            kontakttyp=Kontakttyp.BESOK,
            text="Nybesök. Sökanden berättade om familjens situation och vad som ändrats.",
            handelse_datum=ctx.idag - datetime.timedelta(days=3),
            signera=True,
        )
        services.journal_anteckning_skriv(
            akt=akt,
            av=h1,
            kontakttyp=Kontakttyp.TELEFON,
            text="Ringde om hyresavin. Ej signerad ännu.",
            handelse_datum=ctx.idag,
            signera=False,
        )

        mote = services.mote_boka(
            utredning=utredning,
            av=h1,
            typ="nybesok",
            kanal="besok",
            med_vem="Sökanden",
            bokad=timezone.now() - datetime.timedelta(days=3),
        )
        services.mote_halla(mote=mote, hallen=mote.bokad, anteckning="Mötet hölls som planerat.")
        ctx.data[nyckel] = ansokan.pk
    plan = services.handlingsplan_spara(
        utredning=Utredning.objects.get(ansokan_id=ctx.data["familj_med_bka"]),
        mal="Egen försörjning genom arbete inom sex månader.",
        aktiviteter="Jobbsökaraktiviteter via arbetsmarknadsenheten tre dagar i veckan.",
        sokandes_ataganden="Delta i aktiviteterna och söka minst fem jobb i veckan.",
        handlaggarens_ataganden="Remiss till arbetsmarknadsenheten och uppföljning varje månad.",
        uppfoljning=ctx.idag + datetime.timedelta(days=30),
    )
    services.handlingsplan_signera(plan=plan, av=h1)
    # One of the ansokan app's ärenden, registered in another channel, is also in utredning.
    ovrig = (
        Ansokan.objects.filter(akt__enhet=enhet, status=Status.INKOMMEN, kanal="papper")
        .order_by("pk")
        .first()
    )
    if ovrig is not None:
        services.utredning_oppna(ansokan=ovrig, av=h1)
    ctx.say(
        f"  Utredningar med förslag: familj utan barnkonsekvensanalys (ansökan "
        f"{ctx.data['familj_utan_bka']}), familj med delvis bifall ({ctx.data['familj_med_bka']})"
    )
