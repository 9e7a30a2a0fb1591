"""Demo data for kvalitet: a year of decisions, appeals, reviews, log reads, forum cases and the
report's registers, so every quality page and chart shows real figures on a fresh `make run`.

Run by `seed_demo` after the other apps. Everything that has a service goes through it; the
figures that are stored by the nightly jobs from timestamps that cannot be backdated (waiting
times of past months) are stored directly as demo figures. Idempotent: a second run creates
nothing.
"""

from __future__ import annotations

import contextlib
import datetime
from decimal import Decimal

from django.utils import timezone

from ansokan import services as ansokan_services
from ansokan.models import Posttyp
from beslut import services as beslut_services
from beslut.models import Overklagande, Riktlinjeniva
from beslut.regler import manadens_slut
from bistand import services as kart
from bistand.access import logga
from bistand.bevakning_skanning import bevakningar_markera_overskridna
from bistand.demo import DemoContext
from bistand.models import Akt, Bevakning, Enhet, MedlemsRoll, Parameter
from utredning import services as utredning_services
from utredning.models import RiktlinjeAvsnitt, Utredning

from . import services
from .forms import nasta_forum
from .models import Arendedragning, Granskning, GranskningsPunkt, Omrade, VantetidManad
from .vantetid import vantetid_manad_spara, vantetider_nattlig

PAMINNELSER = [
    # (days from today, description, final state)
    (-9, "Demo: ring hyresvärden om skulden", "aktiv"),  # becomes överskriden in the scan
    (-3, "Demo: följ upp läkarintyget", "aktiv"),  # becomes överskriden in the scan
    (2, "Demo: kontrollera närvarorapporten", "aktiv"),
    (6, "Demo: boka uppföljningsmöte", "aktiv"),
    (-5, "Demo: begär kontoutdrag", "uppfylld"),
    (4, "Demo: ärendet flyttat – bevakningen behövs inte", "makulerad"),
]

FORSTA_BESLUTSDAG = datetime.date(2025, 7, 1)

TEXTER = {
    Omrade.RATTSSAKERHET: "Journalgranskningen visar att motiveringarna blivit tydligare. "
    "Domarna om hyra följs upp i riktlinjegruppen.",
    Omrade.LIKVARDIGHET: "Skillnaderna mellan handläggare i andel bifall för tandvård tas upp "
    "i ärendedragningen under våren.",
    Omrade.EFFEKTIVITET: "Väntetiden till beslut har minskat sedan e-tjänsten infördes.",
    Omrade.TILLGANGLIGHET: "Fler ansöker via e-tjänsten; telefontiden har utökats.",
    Omrade.BEMOTANDE: "Brukarundersökningen visar att de flesta känner sig väl bemötta.",
    Omrade.EGEN_FORSORJNING: "Samarbetet med arbetsmarknadsenheten har gett fler avslut till "
    "arbete.",
}


def demons_ar(idag: datetime.date) -> int:
    """The year the demo's decisions, waiting times and report are for: the year of last
    month, so that in January it is the year just ended and nothing is dated ahead."""
    return (idag.replace(day=1) - datetime.timedelta(days=1)).year


def seed(ctx: DemoContext) -> None:
    _bevakningar(ctx)
    if Granskning.objects.exists():
        ctx.say("Kvalitetsdata finns redan – inget nytt skapat.")
        return
    anv = ctx.data.get("anvandare", {})
    enheter = ctx.data.get("enheter") or list(Enhet.objects.order_by("pk"))
    if not anv or len(enheter) < 2:
        ctx.say("Kvalitet: grunddata saknas – hoppar över.")
        return
    ar = demons_ar(ctx.idag)
    akter = _akter(ctx, enheter)
    with _utan_brevrendering():
        beslut = _ett_ar_av_beslut(ctx, akter, anv, ar)
        _overklaganden(ctx, beslut["avslag"], anv)
    _vantetider(ctx, enheter, ar)
    _granskningar(ctx, enheter, anv, ar)
    _logg(ctx, enheter, anv)
    _arendedragning(ctx, akter[0], anv)
    _rapport(ctx, anv, ar)
    _avslut(ctx, beslut["slutade"], anv)
    ctx.say(
        f"Kvalitet: {beslut['antal']} beslut under året, granskningar, loggkontroll, "
        "ärendedragning och kvalitetsrapportens register."
    )


def _bevakningar(ctx: DemoContext) -> None:
    akter = list(Akt.objects.filter(handlaggare__isnull=False).order_by("pk")[:12])
    if akter and not Bevakning.objects.filter(beskrivning__startswith="Demo:").exists():
        for i, (dagar, text, slut) in enumerate(PAMINNELSER * 2):
            akt = akter[i % len(akter)]
            b = Bevakning.objects.create(
                typ="paminnelse",
                akt=akt,
                agare=akt.handlaggare,
                beskrivning=text,
                forfaller=ctx.idag + datetime.timedelta(days=dagar),
            )
            if slut == "uppfylld":
                # A reminder without an object is met by hand, as the handläggare would.
                Bevakning.objects.filter(pk=b.pk).update(status="uppfylld", avslutad=timezone.now())
            elif slut == "makulerad":
                kart.bevakning_makulera(bevakning=b)
    antal = bevakningar_markera_overskridna(ctx.idag)
    vantetider_nattlig(ctx.idag)
    ctx.say(f"Bevakningar skannade ({antal} nya överskridna); väntetider beräknade.")


def _akter(ctx, enheter) -> list[list[Akt]]:
    """Per Enhet, the demo Akter without protected persons or children and not used by the
    e-tjänst tour, so the year's decisions need no barnkonsekvensanalys."""
    fasta = {"199001012385", "199001162396"}
    resultat = []
    for enhet in enheter[:2]:
        valda = []
        for akt in Akt.objects.filter(enhet=enhet).order_by("pk"):
            medlemmar = list(akt.hushall.medlemmar.select_related("person"))
            if any(m.person.skyddad or m.roll == MedlemsRoll.BARN for m in medlemmar):
                continue
            if any(m.person.identitet in fasta for m in medlemmar):
                continue
            valda.append(akt)
        resultat.append(valda)
    return resultat


@contextlib.contextmanager
def _utan_brevrendering():
    """The year's past letters are left for the periodic catch-up to render, so seeding does
    not render dozens of PDFs in-process."""
    original = beslut_services._koa_rendering
    beslut_services._koa_rendering = lambda brev: None
    try:
        yield
    finally:
        beslut_services._koa_rendering = original


def _fatta(akt, av, *, dag, typ, post, utfall, belopp, hinder=None):
    sokande = akt.hushall.medlemmar.get(roll=MedlemsRoll.SOKANDE).person
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=av,
        typ=typ,
        kanal="besok" if dag.month % 3 else "telefon",
        mottagen=dag,
        poster=[(Posttyp.objects.get(kod=post), Decimal(belopp), "")],
    )
    utredning = utredning_services.utredning_starta(ansokan=ansokan, av=av)
    # Started the day the application came in, as the year's figures count it, not today.
    startad = timezone.make_aware(datetime.datetime.combine(dag, datetime.time(10)))
    Utredning.objects.filter(pk=utredning.pk).update(startad=min(startad, utredning.startad))
    if hinder:
        utredning_services.hinder_spara(utredning=utredning, person=sokande, hinder=hinder)
    p = ansokan.poster.get()
    motivering = "" if utfall == "bifall" else "Behovet är inte styrkt enligt riktlinjerna."
    varde = Decimal(belopp) if utfall != "avslag" else None
    utredning_services.forslag_spara(
        utredning=utredning, post=p, utfall=utfall, av=av, belopp=varde, motivering=motivering
    )
    brev = beslut_services.beslut_fatta(
        ansokan=ansokan,
        av=av,
        # Decisions for months before SoL (2025:400) took effect are dated when it did, with
        # the month they are for as their period.
        idag=max(dag, FORSTA_BESLUTSDAG),
        poster=[
            beslut_services.PostBeslut(
                post=p,
                utfall=utfall,
                lagrum_kod="sol-ratt-till-bistand",
                belopp=varde,
                motivering=motivering,
                period_fran=dag.replace(day=1),
                period_till=manadens_slut(dag) if p.posttyp.lopande else None,
            )
        ],
    )
    return brev.beslut.get()


def _ett_ar_av_beslut(ctx, akter, anv, ar) -> dict:
    """Monthly återansökningar (långvarigt bistånd, one household three years in a row),
    nyansökningar for tandvård decided differently by two deciders (likvärdighet), and akut
    ansökningar this week."""
    h = [anv["handlaggare1"], anv["handlaggare2"]]
    forste = anv["forste1"]
    hinder = ["arbetslos_utan", "sjuk_utan", "sfi", "arbetslos_otillracklig", "ohalsa"]
    sista = ctx.idag.replace(day=1) - datetime.timedelta(days=1)
    antal, avslag, slutade = 0, [], []
    for e, valda in enumerate(akter):
        for i, akt in enumerate(valda[:2]):
            manader = sista.month if i == 0 else min(sista.month, 10)
            ar_lista = [ar - 2, ar - 1, ar] if (e, i) == (0, 0) else [ar]
            for a in ar_lista:
                for m in range(1, (manader if a == ar else 10) + 1):
                    _fatta(
                        akt,
                        h[e],
                        dag=datetime.date(a, m, 3 + ctx.rng.randint(0, 5)),
                        typ="ateransokan",
                        post="forsorjningsstod",
                        utfall="bifall",
                        belopp=str(6500 + 50 * ctx.rng.randint(0, 40)),
                        hinder=hinder[(e + i + m) % len(hinder)],
                    )
                    antal += 1
            if manader < sista.month:
                slutade.append(akt)
    ovriga = akter[0][2:] or akter[0]
    for j in range(12):
        av = anv["handlaggare1"] if j % 2 == 0 else forste
        utfall = (
            ("bifall" if j % 6 != 4 else "avslag")
            if av == anv["handlaggare1"]
            else ("avslag" if j % 6 != 5 else "bifall")
        )
        dag = datetime.date(ar, 1 + (j * (max(sista.month, 1) - 1)) // 12, 12)
        b = _fatta(
            ovriga[j % len(ovriga)],
            av,
            dag=dag,
            typ="nyansokan",
            post="tandvard",
            utfall=utfall,
            belopp=str(2500 + 250 * (j % 5)),
        )
        antal += 1
        if utfall == "avslag":
            avslag.append(b)
    avsteg = _avsteg_och_kommunicering(ctx, ovriga, anv)
    antal += avsteg
    for e, valda in enumerate(akter):
        if len(valda) > 2:
            _fatta(
                valda[2],
                h[e],
                dag=ctx.idag,
                typ="akut",
                post="forsorjningsstod",
                utfall="bifall",
                belopp="1200",
            )
            antal += 1
    return {"antal": antal, "avslag": avslag, "slutade": slutade}


# Exempelkommun's riktlinje for glasses (docs/regler.md: Avsteg och samråd): more than this is an
# avsteg and needs an approved samråd. A demo setting, like the rest of the riktlinjer.
GLASOGON_NIVA = Decimal("1500")


def _avsteg_och_kommunicering(ctx, akter, anv) -> int:
    """An approved avsteg and a kommunicering awaiting the answer.

    The avsteg is a real one under the detected-avsteg rule (docs/regler.md: Avsteg och
    samråd): glasses for more than the riktlinje's level, after a samråd the enhetschef
    approved, decided by the handläggare who asked."""
    h1, chef = anv["handlaggare1"], anv["enhetschef1"]
    glasogon = Posttyp.objects.get(kod="glasogon")
    Riktlinjeniva.objects.get_or_create(
        posttyp=glasogon,
        giltig_fran=datetime.date(2021, 1, 1),
        defaults={"beviljas": True, "max_belopp": GLASOGON_NIVA},
    )
    fattade = 0
    for i, akt in enumerate(akter[:2]):
        sokande = akt.hushall.medlemmar.get(roll=MedlemsRoll.SOKANDE).person
        kommunicering = i == 1
        ansokan, _ = ansokan_services.ansokan_registrera(
            sokande=sokande,
            av=h1,
            typ="ateransokan",
            kanal="besok",
            mottagen=ctx.idag - datetime.timedelta(days=6),
            poster=[
                (Posttyp.objects.get(kod="hyra"), Decimal("9800"), "")
                if kommunicering
                else (glasogon, Decimal("2400"), "Glasögon med starka glas enligt recept.")
            ],
        )
        utredning = utredning_services.utredning_starta(ansokan=ansokan, av=h1)
        post = ansokan.poster.get()
        if kommunicering:
            utredning_services.kommunicering_skicka(
                utredning=utredning,
                av=h1,
                vad="Uppgift från hyresvärden om obetald hyra.",
                svara_senast=ctx.idag + datetime.timedelta(days=7),
                skickad=ctx.idag - datetime.timedelta(days=3),
            )
            continue
        samrad = beslut_services.samrad_begar(
            ansokan=ansokan,
            post=post,
            av=h1,
            avser="riktlinje",
            skal="Glasen kostar mer än riktlinjernas nivå, men receptet kräver starka glas och "
            "billigare finns inte enligt två offerter.",
            avsnitt=RiktlinjeAvsnitt.objects.order_by("pk").first(),
        )
        beslut_services.samrad_besvara(
            samrad=samrad, av=chef, godkand=True, kommentar="Godkänt: två offerter visar priset."
        )
        utredning_services.forslag_spara(
            utredning=utredning, post=post, utfall="bifall", av=h1, belopp=Decimal("2400")
        )
        beslut_services.beslut_fatta(
            ansokan=ansokan,
            av=h1,
            poster=[
                beslut_services.PostBeslut(
                    post=post,
                    utfall="bifall",
                    lagrum_kod="sol-ratt-till-bistand",
                    belopp=Decimal("2400"),
                    period_fran=ctx.idag,
                )
            ],
        )
        fattade += 1
    return fattade


def _overklaganden(ctx, avslag, anv) -> None:
    """Appeals of the tandvård avslag, ruled on against the riktlinje sections."""
    avsnitt = list(RiktlinjeAvsnitt.objects.order_by("riktlinje_id", "ordning")[:2])
    if not avsnitt:
        return
    domar = [("bifall", 0), ("aterforvisning", 0), ("avslag", 0), ("avslag", 1), ("", 1)]
    for b, (dom, a) in zip(avslag, domar, strict=False):
        inkommen = min(b.brev.beslutsdatum + datetime.timedelta(days=10), ctx.idag)
        o = beslut_services.overklagande_registrera(
            beslut=b, text="Jag behöver tandvården.", inkommen=inkommen, av=anv["forste1"]
        )
        if not dom:
            continue
        # The court bundle is rendered when a real appeal is forwarded; the demo moves
        # straight to the ruling.
        Overklagande.objects.filter(pk=o.pk).update(
            status="overlamnad", overlamnad=inkommen, rattidig=True
        )
        o.refresh_from_db()
        beslut_services.overklagande_dom_registrera(
            overklagande=o,
            av=anv["forste1"],
            dom=dom,
            dom_datum=min(inkommen + datetime.timedelta(days=60), ctx.idag),
            avsnitt=avsnitt[a],
        )


def _vantetider(ctx, enheter, ar) -> None:
    """Stored monthly figures: computed from the decisions where the events allow, and demo
    figures for the past months whose events cannot be backdated."""
    for m in range(1, ctx.idag.month + 1):
        for enhet in enheter:
            manad = datetime.date(ar, m, 1)
            rad = vantetid_manad_spara(enhet=enhet, manad=manad)
            if rad.antal_beslutade == 0 and manad < ctx.idag.replace(day=1):
                medel = Decimal(str(round(ctx.rng.uniform(6, 16), 1)))
                VantetidManad.objects.filter(pk=rad.pk).update(
                    antal_beslutade=ctx.rng.randint(18, 40),
                    medel_dagar=medel,
                    median_dagar=medel - 1,
                    andel_inom_mal=Decimal(str(round(ctx.rng.uniform(70, 95), 1))),
                    kolada_u31402=medel + 4,
                    medel_vantan_sokande=Decimal("2.5"),
                )


def _granskningar(ctx, enheter, anv, ar) -> None:
    """The year's sample, drawn by kvalitet1, with two reviews sent back to the handläggare."""
    kv = anv["kvalitet1"]
    for enhet in enheter[:2]:
        services.granskning_dra_stickprov(enhet=enhet, ar=ar, av=kv, urvalsfro=ar, granskare="jag")
    punkter = list(GranskningsPunkt.objects.filter(aktiv=True))
    omdomen = ["uppfyllt", "uppfyllt", "delvis", "uppfyllt", "ej_uppfyllt", "uppfyllt", "delvis"]
    for n, g in enumerate(Granskning.objects.filter(ar=ar).order_by("pk")[:3]):
        svar = {
            p.pk: (omdomen[(i + n) % len(omdomen)], "" if i % 3 else "Se kommentar i mötet.")
            for i, p in enumerate(punkter)
        }
        services.granskning_spara(
            granskning=g,
            av=kv,
            svar=svar,
            sammanfattning="Utredningen är väl genomförd; kommuniceringen bör dokumenteras.",
            aterkoppling="Bra individuell bedömning. Skriv in datum för kommunicering i journalen.",
            atgarder=[("Dokumentera kommunicering med datum", ctx.idag + datetime.timedelta(30))],
            skicka=n < 2,
        )


def _logg(ctx, enheter, anv) -> None:
    """Reads of the month, one colleague reading many Akter in a day (the alert, with a demo
    threshold), and the month's sample with two judgements."""
    Parameter.objects.get_or_create(
        kod="loggkontroll-larm-akter-per-dag",
        giltig_fran=ctx.idag.replace(month=1, day=1),
        defaults={
            "varde": 6,
            "beskrivning": "Demo: lågt larmvärde så att larmet syns med demodata",
            "kalla": "Demodata",
        },
    )
    for enhet in enheter[:2]:
        akter = list(Akt.objects.filter(enhet=enhet).order_by("pk"))
        for akt in akter:
            if akt.handlaggare:
                logga(akt.handlaggare, sida="akt", beviljad=True, akt_id=akt.pk)
        lasare = anv["forste1"] if enhet == enheter[0] else anv["forste2"]
        for akt in akter:
            logga(lasare, sida="akt", beviljad=True, akt_id=akt.pk)
        stickprov = services.loggstickprov_dra(enhet=enhet, manad=ctx.idag, av=anv["kvalitet1"])
        for i, rad in enumerate(stickprov.rader.all()[:2]):
            services.loggrad_bedom(
                rad=rad,
                av=anv["kvalitet1"],
                bedomning="motiverad" if i == 0 else "fragasatt",
                kommentar="" if i == 0 else "Fråga förste socialsekreteraren om skälet.",
            )


def _arendedragning(ctx, akter, anv) -> None:
    mote = nasta_forum(ctx.idag)
    fragor = [
        ("Bifall till tandvård med 6 000 kr enligt kostnadsförslaget.", "Är kostnaden skälig?"),
        ("Avslag på hyresskuld, hushållet har betalningsförmåga.", "Räcker underlaget?"),
        ("Avsteg från boendenormen i tre månader.", "Finns särskilda skäl?"),
    ]
    for akt, (forslag, fraga) in zip(akter, fragor, strict=False):
        services.arendedragning_anmal(
            akt=akt, av=anv["handlaggare1"], motesdatum=mote, forslag=forslag, fraga=fraga
        )
    if akter:
        hallet = Arendedragning.objects.create(
            enhet_id=akter[0].enhet_id,
            akt=akter[0],
            motesdatum=mote - datetime.timedelta(days=7),
            forslag="Bifall till glasögon, 1 800 kr.",
            fraga="Ska synundersökningen ingå?",
            anmald_av=anv["handlaggare1"],
        )
        services.arendedragning_slutsats(
            arende=hallet,
            av=anv["forste1"],
            slutsats="Forumet föreslår bifall inklusive synundersökning.",
        )


def _rapport(ctx, anv, ar) -> None:
    kv = anv["kvalitet1"]
    services.rapport_texter_spara(ar=ar, enhet=None, av=kv, texter=dict(TEXTER))
    for omrade, vad, metod, manad, klar in [
        (Omrade.RATTSSAKERHET, "Journalgranskning", "Tre akter per handläggare", 3, True),
        (Omrade.TILLGANGLIGHET, "Telefontider", "Stickprov av samtalskön", 5, True),
        (Omrade.BEMOTANDE, "Brukarundersökning", "Enkät till sökande", 9, True),
        (Omrade.LIKVARDIGHET, "Likvärdig bedömning", "Jämförelse av beslut", 12, False),
    ]:
        planerad = datetime.date(ar, manad, 15)
        genomford = planerad if klar and planerad <= ctx.idag else None
        services.egenkontroll_registrera(
            ar=ar,
            enhet=None,
            omrade=omrade,
            vad=vad,
            metod=metod,
            planerad=planerad,
            genomford=genomford,
            resultat="Genomförd utan större avvikelser." if genomford else "",
        )
    for omrade, risk, s, k, atgard in [
        (Omrade.RATTSSAKERHET, "Avslag utan tillräcklig motivering", 2, 4, "Mall för motivering"),
        (Omrade.TILLGANGLIGHET, "Lång väntan i telefon", 3, 2, "Utökad telefontid"),
        (Omrade.EFFEKTIVITET, "Hög arbetsbelastning vid sjukfrånvaro", 3, 3, "Fördelning"),
        (Omrade.EGEN_FORSORJNING, "Remisser följs inte upp", 2, 3, "Bevakning av närvaro"),
    ]:
        services.risk_registrera(
            ar=ar,
            enhet=None,
            omrade=omrade,
            risk=risk,
            sannolikhet=s,
            konsekvens=k,
            atgarder=atgard,
            ansvarig="Enhetschef",
        )
    csv = (
        "område;fråga;antal svar;andel positiva\n"
        "Bemötande och delaktighet;Blev du väl bemött?;64;86\n"
        "Bemötande och delaktighet;Fick du vara med och påverka?;64;71,5\n"
        "Tillgänglighet;Fick du svar inom rimlig tid?;62;68\n"
        "Rättssäkerhet;Förstod du beslutet?;60;77\n"
    )
    services.brukarundersokning_importera(ar=ar, enhet=None, innehall=csv.encode())


def _avslut(ctx, slutade, anv) -> None:
    """The household whose monthly bistånd ended in October (of the demo's year) left for
    work."""
    oktober = datetime.date(demons_ar(ctx.idag), 10, 1)
    for akt in slutade[:1]:
        if oktober < ctx.idag.replace(day=1):
            services.avslut_registrera(akt=akt, manad=oktober, orsak="arbete", av=anv["kvalitet1"])
