"""Demo data of utbetalning, run by `seed_demo` after beslut: a month of decisions with orders
in every state, one payment run with its file, one rejected payment, attested orders waiting
for the next payment day (so `manage.py betalfil --nasta --ut FIL` right after `make run`
writes a valid file), and one återkrav with a repayment plan. Everything goes through the
real services; idempotent: a second run creates nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from stdnum import luhn

from ansokan.models import Posttyp
from beslut.demo import _ansokan, _besluta, _demosokande
from beslut.services import PostBeslut, beslut_fatta
from bistand.models import Akt
from utredning import services as utredning_services
from utredning.models import Utredning

from . import services
from .behorighet import ge_attestratt
from .models import (
    Aterkrav,
    Attestgrans,
    Betalfil,
    Betalningsmottagare,
    Betalningsval,
    Kontotyp,
    Mottagartyp,
    Narvarovillkor,
    Ocrkrav,
    Orderstatus,
    Utbetalningsorder,
)

OS = Orderstatus


def _seb_konto(nummer: int) -> str:
    """A valid-looking SEB account (clearing 5000, modulus 11) for demo applicants."""
    for forsok in range(nummer * 13 % 9_000_000 + 1_000_000, 9_999_999):
        konto = str(forsok)
        underlag = "000" + konto
        if sum(int(s) * (i % 10 + 1) for i, s in enumerate(reversed(underlag))) % 11 == 0:
            return konto
    raise RuntimeError("inget demokonto")


def _godkann(mottagare, foreslar, godkanner, **konto) -> None:
    if mottagare.har_konto:
        return
    andring = services.kontoandring_foresla(mottagare=mottagare, av=foreslar, **konto)
    services.kontoandring_besvara(andring=andring, av=godkanner, godkann=True)


def _konton_for_sokande(namnd, ekonomi, chef, utom: set[int]) -> None:
    for m in Betalningsmottagare.objects.filter(namnd=namnd, typ=Mottagartyp.SOKANDE):
        if m.pk in utom or m.har_konto:
            continue
        _godkann(
            m,
            ekonomi,
            chef,
            kontotyp=Kontotyp.BANKKONTO,
            clearingnummer="5000",
            kontonummer=_seb_konto(m.pk),
        )


def seed(ctx) -> None:
    anv = ctx.data.get("anvandare", {})
    namnd = ctx.data.get("namnd")
    ekonomi, chef1 = anv.get("ekonomi1"), anv.get("enhetschef1")
    h2, forste2 = anv.get("handlaggare2"), anv.get("forste2")
    if not all((namnd, ekonomi, chef1, h2, forste2)):
        ctx.say("  Personal saknas – inga utbetalningar skapade.")
        return
    if Betalfil.objects.filter(namnd=namnd).exists():
        ctx.say("  Utbetalningar finns redan – inget nytt skapat.")
        return
    ge_attestratt(ekonomi)
    ge_attestratt(chef1)
    idag = ctx.idag

    vard = services.mottagare_skapa(
        namnd=namnd,
        typ=Mottagartyp.HYRESVARD,
        namn="Exempelstads Bostäder AB",
        organisationsnummer="556000-0001",
        ocrkrav=Ocrkrav.OCR,
    )
    _godkann(
        vard, ekonomi, chef1, kontotyp=Kontotyp.BANKGIRO, clearingnummer="", kontonummer="5050-1055"
    )
    elbolag = services.mottagare_skapa(
        namnd=namnd,
        typ=Mottagartyp.ENERGIBOLAG,
        namn="Exempelstads Energi AB",
        organisationsnummer="556000-0002",
    )
    _godkann(
        elbolag,
        ekonomi,
        chef1,
        kontotyp=Kontotyp.PLUSGIRO,
        clearingnummer="",
        kontonummer="4711" + luhn.calc_check_digit("4711"),
    )

    enhet2 = h2.enhet
    personer = _demosokande(ctx, enhet2)
    if len(personer) < 7:
        ctx.say("  För få hushåll – inga utbetalningar skapade.")
        return
    # The household whose decision is changed has no children (no barnkonsekvensanalys needed
    # for the demo's ändringsbeslut).
    utan_barn = [
        p for p in personer if not p.medlemskap.filter(hushall__medlemmar__roll="barn").exists()
    ]
    if utan_barn:
        personer.remove(utan_barn[0])
        personer.insert(2, utan_barn[0])
    akter = {
        p.pk: Akt.objects.filter(hushall__medlemmar__person=p, enhet=enhet2).first()
        for p in personer
    }
    hyra = Posttyp.objects.get(kod="hyra")
    # A per-post threshold: rent over 5 000 kr is attested by a second person.
    Attestgrans.objects.get_or_create(
        posttyp=hyra, giltig_fran=datetime.date(2020, 1, 1), defaults={"belopp": 5000}
    )
    manad_sedan = idag - datetime.timedelta(days=30)

    # A month ago: ordinary decisions, rent straight to the landlord with its OCR.
    p_hyra, p_avvisad, p_andrad, p_vanlig = personer[0], personer[1], personer[2], personer[3]
    Betalningsval.objects.create(
        akt=akter[p_hyra.pk],
        posttyp=hyra,
        mottagare=vard,
        referens=services.konton.ocr_skapa(f"4400{p_hyra.pk:04d}"),
        skapad_av=h2,
    )
    tidiga = []
    for person, poster in (
        (
            p_hyra,
            {"forsorjningsstod": ("6800", "bifall", "6800"), "hyra": ("7200", "bifall", "7200")},
        ),
        (p_avvisad, {"forsorjningsstod": ("5200", "bifall", "5200")}),
        (p_andrad, {"forsorjningsstod": ("7900", "bifall", "7900")}),
        (p_vanlig, {"forsorjningsstod": ("6300", "bifall", "6300")}),
    ):
        a = _ansokan(ctx, person, h2, poster, manad_sedan - datetime.timedelta(days=5))
        tidiga.append(_besluta(a, h2, manad_sedan))

    _konton_for_sokande(namnd, ekonomi, chef1, utom=set())
    # One run for the last payment day before today: every order due by then goes in it.
    korningsdag = max(
        Utbetalningsorder.objects.filter(betalningsdag__lt=idag).values_list(
            "betalningsdag", flat=True
        )
    )
    for order in Utbetalningsorder.objects.filter(
        status=OS.VANTAR_ATTEST, betalningsdag__lte=korningsdag
    ):
        services.order_attestera(order=order, av=ekonomi)
    for order in Utbetalningsorder.objects.filter(
        status=OS.STICKPROV, betalningsdag__lte=korningsdag
    ):
        services.stickprov_kontrollera(
            order=order, av=ekonomi, checklista={k: True for k, _ in services.KONTROLLPUNKTER}
        )
    fil = services.betalfil_skapa(namnd=namnd, dag=korningsdag, av=ekonomi)

    # The bank's answer: everything paid, except one account that was closed.
    avvisad = Utbetalningsorder.objects.get(beslut__brev=tidiga[1])
    rader = ["referens;status;datum;orsak"]
    for order in fil.ordrar.all():
        if order.pk == avvisad.pk:
            rader.append(f"BISTAND-{order.pk};avvisad;{korningsdag};AC04 Kontot är avslutat")
        else:
            rader.append(f"BISTAND-{order.pk};betald;{korningsdag};")
    services.avstamning_importera(
        data="\n".join(rader).encode(), filnamn=f"avstamning-{korningsdag}.csv", av=ekonomi
    )

    # An ändringsbeslut after payment (income not reported) → a proposed claim, decided with
    # a plan by forste2.
    gammal = tidiga[2].beslut.get()

    beslut_fatta(
        ansokan=tidiga[2].ansokan,
        av=h2,
        poster=[
            PostBeslut(
                post=gammal.post,
                utfall="delvis_bifall",
                lagrum_kod="sol-ratt-till-bistand",
                # Less than before, and never above the calculation (no avsteg).
                belopp=min(Decimal("5400"), (gammal.belopp or Decimal(1000)) - 500),
                andrar=gammal,
                andringsgrund="oriktiga_uppgifter",
                motivering="Du hade lön under månaden som du inte berättade om. Lönen räknas "
                "som inkomst och minskar ditt bistånd.",
            )
        ],
        idag=idag - datetime.timedelta(days=6),
    )
    krav = Aterkrav.objects.filter(beslut__brev__ansokan=tidiga[2].ansokan).first()
    if krav:
        services.aterkrav_besluta(
            aterkrav=krav,
            av=forste2,
            belopp=krav.foreslaget_belopp,
            grund=Aterkrav.Grund.OSANNA_UPPGIFTER,
            ond_tro=True,
            motivering="Du fick lön som du inte redovisade i ansökan, fast du visste att "
            "inkomster ska redovisas.",
            plan=_plan(krav.foreslaget_belopp, idag),
            idag=idag - datetime.timedelta(days=5),
        )

    # This month: one waiting for attest, one in the sample check, one held for närvaro,
    # and attested ones waiting for the next payment day.
    p_attest, p_stick, p_narvaro = personer[4], personer[5], personer[6]
    a = _ansokan(
        ctx,
        p_attest,
        h2,
        {"hyra": ("12400", "bifall", "12400")},
        idag - datetime.timedelta(days=2),
    )
    _besluta(a, h2, idag)
    a = _ansokan(
        ctx,
        p_stick,
        h2,
        {"forsorjningsstod": ("6900", "bifall", "6900")},
        idag - datetime.timedelta(days=2),
    )
    brev = _besluta(a, h2, idag)
    # The sample is drawn by hash; the demo holds this one for a check so the page shows one.
    Utbetalningsorder.objects.filter(beslut__brev=brev, status=OS.KLAR).update(
        stickprov=True, status=OS.STICKPROV
    )

    a = _ansokan(
        ctx,
        p_narvaro,
        h2,
        {"forsorjningsstod": ("6100", "bifall", "6100")},
        idag - datetime.timedelta(days=3),
    )
    utredning = Utredning.objects.get(ansokan=a)
    remiss = utredning_services.remiss_skicka(
        utredning=utredning,
        av=h2,
        person=p_narvaro,
        skickad=idag - datetime.timedelta(days=40),
        text="Praktik fyra dagar i veckan hos arbetsmarknadsenheten.",
    )
    Narvarovillkor.objects.create(
        akt=akter[p_narvaro.pk],
        remiss=remiss,
        fran=idag - datetime.timedelta(days=40),
        satt_av=h2,
    )
    _besluta(a, h2, idag)
    _konton_for_sokande(namnd, ekonomi, chef1, utom=set())
    ctx.say(
        f"  Betalfil {fil.meddelande_id} för {korningsdag} ({fil.antal} betalningar), en avvisad "
        "betalning, ett återkrav med plan, och utbetalningar som väntar på attest, stickprov, "
        "närvaro och nästa utbetalningsdag. ekonomi1 attesterar och kör betalfilen."
    )


def _plan(belopp: Decimal, idag: datetime.date) -> list[tuple[datetime.date, Decimal]]:
    """Three monthly instalments from next month."""
    tredjedel = (belopp / 3).quantize(Decimal("1"))
    forsta = (idag.replace(day=1) + datetime.timedelta(days=32)).replace(day=28)
    dagar = [forsta]
    for _ in range(2):
        dagar.append((dagar[-1] + datetime.timedelta(days=32)).replace(day=28))
    return [(dagar[0], tredjedel), (dagar[1], tredjedel), (dagar[2], belopp - 2 * tredjedel)]
