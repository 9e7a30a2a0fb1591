"""Demo data of beslut (docs/regler.md: Beslut och beslutsbrev), run by `seed_demo` after utredning
and barnkonsekvens: decided ansökningar with rendered letters (reachable by handlaggare1 and by the
demo applicant 19900101-2385 in the e-tjänst), an avsteg awaiting samråd, and appeals in each
stage. Everything goes through the real services. Idempotent: a second run creates nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from ansokan import services as ansokan_services
from ansokan.models import Posttyp
from barnkonsekvens import services as bka
from barnkonsekvens.models import Barnkonsekvensanalys
from barnkonsekvens.regler import barnkonsekvens_krav
from bistand.models import MedlemsRoll, Person
from utredning import services as utredning_services
from utredning.demo import demo_berakning_spara
from utredning.models import RiktlinjeAvsnitt

from . import regler, selectors, services
from .models import Beslut, Beslutsbrev, Delegation, Overklagande

MOTIVERING = (
    "Vi har räknat ut ditt behov enligt riksnormen och dina skäliga kostnader. Din inkomst från "
    "a-kassan räknas av. Det som återstår är det belopp du får."
)


def _ansokan(ctx, sokande: Person, av, poster: dict[str, tuple[str, str, str]], mottagen):
    typer = {p.kod: p for p in Posttyp.objects.all()}
    ansokan, _ = ansokan_services.ansokan_registrera(
        sokande=sokande,
        av=av,
        typ="ateransokan",
        kanal="besok",
        mottagen=mottagen,
        uppgifter={"intag": {"text": "Ansökan lämnades vid besök."}},
        poster=[(typer[k], Decimal(v[0]) if v[0] else None, "") for k, v in poster.items()],
    )
    utredning = utredning_services.utredning_starta(ansokan=ansokan, av=av)
    berakning = demo_berakning_spara(ctx, ansokan)
    for post in ansokan.poster.select_related("posttyp"):
        _, utfall, belopp = poster[post.posttyp.kod]
        utredning_services.forslag_spara(
            utredning=utredning,
            post=post,
            utfall=utfall,
            av=av,
            belopp=Decimal(belopp) if belopp else None,
            motivering="" if utfall == "bifall" else MOTIVERING,
            berakning=berakning,
        )
    return ansokan


def _signera_analyser(ansokan, av) -> None:
    """The demo family's barnkonsekvensanalys, written and signed through barnkonsekvens'
    services (the decision is blocked without it)."""
    for barn in barnkonsekvens_krav(ansokan=ansokan).barn:
        if Barnkonsekvensanalys.objects.filter(ansokan=ansokan, barn=barn).exists():
            continue
        analys = bka.analys_spara(
            ansokan=ansokan,
            barn=barn,
            av=av,
            behov="Barnet går i skolan och behöver mat, kläder och en trygg bostad.",
            konsekvens_bifall="Familjen klarar hyra och mat för månaden.",
            konsekvens_avslag="Familjen får mindre pengar till mat och fritid för barnet.",
            barnsamtal=False,
            ej_samtal_skal="bradskande",
            vagning="Barnets behov av trygghet har vägts mot beräkningen enligt riksnormen.",
            slutsats="Beslutet ger barnet skälig levnadsnivå enligt riksnormen.",
        )
        bka.analys_signera(analys=analys, av=av)


def _utfall_for(post, onskat) -> tuple[str, Decimal | None]:
    """An outcome that means what it says: the wished amount, at most the calculation's and
    the applied amount; all of it is bifall, less is delvis bifall, nothing is avslag."""
    beraknat = selectors.beraknat_belopp(post)
    tak = [Decimal(x) for x in (onskat, post.belopp, beraknat) if x is not None]
    belopp = min(tak) if tak else None
    if belopp is None or belopp <= 0:
        return "avslag", None
    referens = post.belopp if post.belopp is not None else beraknat
    return ("bifall" if referens is None or belopp >= referens else "delvis_bifall"), belopp


def _period(post, idag) -> dict:
    fran = idag.replace(day=1)
    if post.posttyp.lopande:
        return {"period_fran": fran, "period_till": regler.manadens_slut(fran)}
    return {"period_fran": idag}


def _besluta(ansokan, av, idag) -> Beslutsbrev:
    poster = []
    utredning = utredning_services.utredning_starta(ansokan=ansokan, av=av)
    for post in ansokan.poster.select_related("posttyp", "forslag"):
        f = post.forslag
        utfall, belopp = _utfall_for(post, f.belopp)
        motivering = "" if utfall == "bifall" else (f.motivering or MOTIVERING)
        if (utfall, belopp) != (f.utfall, f.belopp):
            # The förslag follows the decision, so the barnkonsekvens rule sees the outcome.
            utredning_services.forslag_spara(
                utredning=utredning,
                post=post,
                utfall=utfall,
                av=av,
                belopp=belopp,
                motivering=motivering,
                berakning=f.berakning,
            )
        poster.append(
            services.PostBeslut(
                post=post,
                utfall=utfall,
                belopp=belopp,
                lagrum_kod="sol-ratt-till-bistand",
                motivering=motivering,
                **_period(post, idag),
            )
        )
    _signera_analyser(ansokan, av)
    brev = services.beslut_fatta(ansokan=ansokan, av=av, poster=poster, idag=idag)
    return services.beslutsbrev_rendera(brev_id=brev.pk, idag=idag)


def _demosokande(ctx, enhet) -> list[Person]:
    personer = []
    for akt in ctx.data.get("akter", []):
        if akt.enhet_id != enhet.pk:
            continue
        medlemmar = list(akt.hushall.medlemmar.select_related("person"))
        if any(m.person.skyddad for m in medlemmar):
            continue
        sokande = next((m.person for m in medlemmar if m.roll == MedlemsRoll.SOKANDE), None)
        if sokande and sokande.identitet not in ("199001012385", "199001162396"):
            personer.append(sokande)
    return personer


# Exempelkommun's delegationsordning (roll, utfall, max_belopp) (docs/regler.md: Delegation). A
# real nämnd enters its own in admin; nothing loads this outside the demo and the benchmark data
# (seed_scale).
DELEGATION_EXEMPEL = [
    ("Handläggare", "bifall", 15000),
    ("Handläggare", "delvis_bifall", 15000),
    ("Handläggare", "avslag", None),
    ("Handläggare", "avvisning", None),
    ("Förste socialsekreterare", "", 50000),
    ("Enhetschef", "", None),
]


def delegation_exempel_sakerstall() -> int:
    """Exempelkommun's delegationsordning, only when the nämnd has none."""
    if Delegation.objects.exists():
        return 0
    for roll, utfall, belopp in DELEGATION_EXEMPEL:
        Delegation.objects.create(
            roll=roll,
            utfall=utfall,
            max_belopp=belopp,
            giltig_fran=datetime.date(2020, 1, 1),
            kalla="Exempel – ersätt med nämndens delegationsordning",
        )
    return len(DELEGATION_EXEMPEL)


def seed(ctx) -> None:
    if delegation_exempel_sakerstall():
        ctx.say("  Delegationsordning (exempel för Exempelkommun)")
    forsta = Person.objects.filter(identitet="199001012385").first()
    anv = ctx.data.get("anvandare", {})
    h1, forste1 = anv.get("handlaggare1"), anv.get("forste1")
    if forsta is None or h1 is None or forste1 is None:
        ctx.say("  Demosökande eller personal saknas – inga beslut skapade.")
        return
    if Beslutsbrev.objects.filter(ansokan__sokande=forsta).exists():
        ctx.say("  Beslut finns redan – inget nytt skapat.")
        return
    idag = ctx.idag
    enhet = h1.enhet

    # 1. The demo applicant: a delvis bifall and a bifall in one letter, readable in the e-tjänst.
    a = _ansokan(
        ctx,
        forsta,
        h1,
        {"forsorjningsstod": ("9800", "delvis_bifall", "7450"), "hyra": ("6450", "bifall", "6450")},
        idag - datetime.timedelta(days=4),
    )
    _besluta(a, h1, idag)

    # 1b. A kommunicering waiting for her answer in Mina sidor (FL 25 §) on a newer ansökan.
    k = _ansokan(
        ctx,
        forsta,
        h1,
        {"forsorjningsstod": ("9800", "delvis_bifall", "6200")},
        idag - datetime.timedelta(days=1),
    )
    utredning_services.kommunicering_skicka(
        utredning=k.utredning,
        av=h1,
        vad="Hyresvärden har meddelat oss att hyran från januari är 5 900 kr, inte 6 450 kr "
        "som du skrev i ansökan. Vi räknar med den lägre hyran om du inte visar något annat.",
        svara_senast=idag + datetime.timedelta(days=10),
        skickad=idag,
    )

    andra = _demosokande(ctx, enhet)
    if len(andra) < 8:
        ctx.say("  För få hushåll – bara den första demosökandens beslut skapades.")
        return

    # 2. An avsteg awaiting samråd (forste1 can approve it at /samrad/).
    b = _ansokan(
        ctx, andra[0], h1, {"hyra": ("9400", "bifall", "9400")}, idag - datetime.timedelta(days=3)
    )
    services.samrad_begar(
        ansokan=b,
        post=b.poster.get(),
        av=h1,
        avser="riktlinje",
        skal="Familjen har en bostad över nämndens nivå men har fått en ny lägenhet från nästa "
        "månad. Att flytta två gånger vore orimligt.",
    )

    # 3. A decided ansökan for every outcome and kind of decision, with its letter.
    _alla_utfall(ctx, andra[8:], h1, idag)

    # 4. Appeals in each stage, one decided ansökan each.
    stadier = ["inkommen", "rattidsprovad", "avvisad", "andrat", "omprovad", "overlamnad"]
    stadier.append("avgjord")
    for sokande, stadium in zip(andra[1:], stadier, strict=False):
        c = _ansokan(
            ctx,
            sokande,
            h1,
            {"forsorjningsstod": ("8200", "delvis_bifall", "6100")},
            idag - datetime.timedelta(days=30),
        )
        brev = _besluta(c, h1, idag - datetime.timedelta(days=20))
        beslut = brev.beslut.get()
        oppnad = idag - datetime.timedelta(days=(40 if stadium == "avvisad" else 18))
        services.beslutsbrev_oppnat(brev=brev, idag=oppnad)
        _overklaga(beslut, stadium, h1, forste1, idag)
    ctx.say(
        f"  Beslut med brev och en kommunicering att svara på för 19900101-2385, ett samråd "
        f"som väntar och "
        f"{Overklagande.objects.count()} överklaganden i alla lägen"
    )


def _namnd_och_delegation(namnd) -> None:
    """The demo nämnd's court and the example delegationsordning's points, for the letters."""
    if not namnd.forvaltningsratt:
        namnd.forvaltningsratt = "Förvaltningsrätten i Exempelstad"
        namnd.save(update_fields=["forvaltningsratt"])
    for roll, punkt in [
        ("Handläggare", "3.1"),
        ("Förste socialsekreterare", "3.2"),
        ("Enhetschef", "3.3"),
    ]:
        Delegation.objects.filter(roll=roll, punkt="").update(punkt=punkt)


def _en_post(post, utfall, belopp=None, **kw) -> services.PostBeslut:
    kw.setdefault("lagrum_kod", "sol-ratt-till-bistand")
    return services.PostBeslut(
        post=post, utfall=utfall, belopp=belopp, **_period(post, kw.pop("idag")), **kw
    )


def _fatta_en(ctx, sokande, h1, idag, kod, sokt, pb_kw) -> Beslutsbrev | None:
    a = _ansokan(ctx, sokande, h1, {kod: (sokt, "bifall", sokt)}, idag)
    post = a.poster.get()
    if pb_kw.pop("delvis", False):
        _, hela = _utfall_for(post, Decimal(sokt) if sokt else None)
        pb_kw.update(utfall="delvis_bifall", belopp=max(Decimal(100), (hela or 0) - 1500))
        pb_kw.setdefault(
            "motivering",
            "Din hemförsäkring betalas redan av hyresvärden. Den delen av beräkningen "
            "beviljas därför inte.",
        )
    if "utfall" not in pb_kw:
        pb_kw["utfall"], pb_kw["belopp"] = _utfall_for(post, Decimal(sokt) if sokt else None)
        if pb_kw["utfall"] != "bifall":
            pb_kw.setdefault("motivering", MOTIVERING)
    utredning_services.forslag_spara(
        utredning=utredning_services.utredning_starta(ansokan=a, av=h1),
        post=post,
        utfall=pb_kw["utfall"],
        av=h1,
        belopp=pb_kw.get("belopp"),
        motivering=pb_kw.get("motivering", ""),
        berakning=post.forslag.berakning,
    )
    _signera_analyser(a, h1)
    brev = services.beslut_fatta(
        ansokan=a, av=h1, poster=[_en_post(post, idag=idag, **pb_kw)], idag=idag
    )
    return services.beslutsbrev_rendera(brev_id=brev.pk, idag=idag)


def _alla_utfall(ctx, personer: list[Person], h1, idag) -> None:
    """Bifall (the calculated amount), delvis bifall, avslag (in a family: barnets bästa),
    avvisning, a tillägg, an ändringsbeslut and a 12 kap. 2 § decision, each with its letter."""
    if len(personer) < 5:
        ctx.say("  För få hushåll för ett beslut av varje slag.")
        return
    _namnd_och_delegation(h1.enhet.namnd)
    med_barn = [
        p for p in personer if p.medlemskap.filter(hushall__medlemmar__roll="barn").exists()
    ]
    familj = med_barn[0] if med_barn else personer[0]
    ovriga = [p for p in personer if p != familj]
    dag = idag - datetime.timedelta(days=2)
    # Bifall of the calculated amount (nothing applied for), then a tillägg for the same month.
    _fatta_en(ctx, ovriga[0], h1, dag, "forsorjningsstod", "", {})
    forsta = Beslut.objects.filter(
        brev__ansokan__sokande=ovriga[0], post__posttyp__kod="forsorjningsstod"
    ).first()
    if forsta is not None:
        _fatta_en(
            ctx,
            ovriga[0],
            h1,
            idag,
            "forsorjningsstod",
            "600",
            {
                "utfall": "bifall",
                "belopp": Decimal("600"),
                "motivering": "Extra kostnad för arbetskläder som inte fanns med i beräkningen.",
                "tillagg_till": forsta,
            },
        )
    # Delvis bifall.
    _fatta_en(ctx, ovriga[1], h1, dag, "forsorjningsstod", "9000", {"delvis": True})
    # Avslag in a family: a signed barnkonsekvensanalys gives the paragraph on barnets bästa.
    _fatta_en(
        ctx,
        familj,
        h1,
        dag,
        "tandvard",
        "4500",
        {
            "utfall": "avslag",
            "motivering": "Behandlingen är inte akut. Du kan få den inom frikortet i regionen.",
        },
    )
    # Avvisning.
    _fatta_en(
        ctx,
        ovriga[2],
        h1,
        dag,
        "forsorjningsstod",
        "8000",
        {
            "utfall": "avvisning",
            "avvisningsgrund": "annan_kommun",
            "motivering": "Du bor och vistas i Grannkommun sedan oktober. Ansökan ska prövas där.",
        },
    )
    # 12 kap. 2 §: bistånd utöver rätten, open only to laglighetsprövning.
    _fatta_en(
        ctx,
        ovriga[3],
        h1,
        dag,
        "hyresskuld",
        "1200",
        {
            "utfall": "bifall",
            "belopp": Decimal("1200"),
            "lagrum_kod": "sol-bistand-utover",
        },
    )
    # Ändringsbeslut on the nämnd's own initiative, to the applicant's disadvantage.
    sista = ovriga[4] if len(ovriga) > 4 else ovriga[1]
    brev = _fatta_en(ctx, sista, h1, dag - datetime.timedelta(days=3), "hyra", "6200", {})
    gammalt = brev.beslut.get() if brev else None
    if gammalt is not None and gammalt.belopp:
        motivering = (
            "Hyresavin visade 1 000 kr i parkeringsavgift som inte ingår i hyran. Den uppgiften "
            "fanns inte i ansökan."
        )
        utredning_services.forslag_spara(
            utredning=utredning_services.utredning_starta(ansokan=gammalt.brev.ansokan, av=h1),
            post=gammalt.post,
            utfall="delvis_bifall",
            av=h1,
            belopp=gammalt.belopp - 1000,
            motivering=motivering,
            berakning=gammalt.berakning,
        )
        _signera_analyser(gammalt.brev.ansokan, h1)
        nytt = services.beslut_fatta(
            ansokan=gammalt.brev.ansokan,
            av=h1,
            poster=[
                services.PostBeslut(
                    post=gammalt.post,
                    utfall="delvis_bifall",
                    belopp=gammalt.belopp - 1000,
                    lagrum_kod="sol-ratt-till-bistand",
                    andrar=gammalt,
                    andringsgrund="oriktiga_uppgifter",
                    motivering=motivering,
                )
            ],
            idag=idag,
        )
        services.beslutsbrev_rendera(brev_id=nytt.pk, idag=idag)
    ctx.say(
        "  Beslut med brev för varje utfall: bifall, delvis bifall, avslag, avvisning, "
        "tillägg, ändringsbeslut och 12 kap. 2 §"
    )


def _overklaga(beslut: Beslut, stadium: str, h1, forste1, idag) -> None:
    o = services.overklagande_registrera(
        beslut=beslut,
        text="Jag behöver hela beloppet. Min hyra har höjts och jag har inte fått med det.",
        inkommen=idag - datetime.timedelta(days=1),
        av=h1,
    )
    if stadium == "inkommen":
        return
    o = services.overklagande_rattidsprova(overklagande=o, av=h1)
    if stadium in ("rattidsprovad", "avvisad"):
        return
    if stadium == "andrat":  # changed as asked; still to be forwarded (FL 46 § 2 st.)
        utfall, belopp = _utfall_for(beslut.post, Decimal("8200"))
        services.overklagande_omprova(
            overklagande=o,
            av=forste1,
            andras=True,
            motivering="Den höjda hyran var styrkt med hyresavi. Beslutet ändras.",
            nytt=services.PostBeslut(
                post=beslut.post,
                utfall=utfall,
                belopp=belopp,
                lagrum_kod="sol-ratt-till-bistand",
                motivering="Den höjda hyran var styrkt med hyresavi.",
            ),
        )
        return
    o = services.overklagande_omprova(
        overklagande=o, av=h1, andras=False, motivering="Beräkningen är riktig. Beslutet står fast."
    )
    if stadium == "omprovad":
        return
    o = services.overklagande_overlamna(
        overklagande=o, av=h1, yttrande="Nämnden vidhåller beslutet och hänvisar till beräkningen."
    )
    if stadium == "avgjord":
        services.overklagande_dom_registrera(
            overklagande=o,
            av=h1,
            dom="avslag",
            dom_datum=idag,
            avsnitt=RiktlinjeAvsnitt.objects.filter(nummer="3").first(),
        )
