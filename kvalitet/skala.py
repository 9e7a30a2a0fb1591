"""Storstad-scale benchmark data of kvalitet (docs/prestanda.md: "Storstadsdata").

A year of quality work, in proportion to the dataset, for `make bench` to time the
kvalitetsrapport on (docs/regler.md, Kvalitetsarbete och statistik):

- journalgranskning: the yearly number of Akter per handläggare from the parameter, among the
  handläggare's own Akter, reviewed by a colleague of the Enhet, never the handläggare; some
  reviewed with an answer per checklist point, some with feedback given and an action;
- loggkontroll: each Enhet's monthly sample of reads for the past twelve months, the past
  months judged (mostly justified, a few queried), the current month still to do;
- a few ärendedragningar per Enhet, the past ones with the forum's conclusion;
- the quality group's texts, egenkontroller, risks and brukarundersökning of the year.

Rows only, in bulk, deterministic from `ctx.rng`; runs after the other apps' `skala`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from ansokan.models import Ansokan
from bistand.kalender import dygnets_borjan
from bistand.models import Akt, Atkomstlogg, Roll, User
from bistand.selectors import parameter_varde
from bistand.skala import egen_tidpunkt

from .grunddata import grunddata_sakerstall
from .models import (
    Arendedragning,
    Bedomning,
    BrukarundersokningSvar,
    Egenkontroll,
    Granskning,
    GranskningAtgard,
    GranskningsPunkt,
    GranskningStatus,
    GranskningSvar,
    LoggBedomning,
    LoggStickprov,
    LoggStickprovRad,
    Omrade,
    RapportText,
    Risk,
)
from .selectors import LISTSIDOR

ANDEL_GRANSKAD = 0.6  # of the sample; of those, half have had their feedback
ARENDEN_PER_ENHET_OCH_MANAD = 2
URVALSFRO = 50000
BEDOMNINGAR = [Bedomning.UPPFYLLT] * 6 + [
    Bedomning.DELVIS,
    Bedomning.EJ_UPPFYLLT,
    Bedomning.EJ_AKTUELLT,
]


def _tid(dag: datetime.date, timme: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(timme)))


def _ledare(enheter) -> dict[int, User]:
    """Per Enhet the one who draws and judges: its enhetschef, else its förste."""
    ledare: dict[int, User] = {}
    for roll in (Roll.FORSTE, Roll.ENHETSCHEF):
        for u in User.objects.filter(enhet__in=enheter, groups__name=roll).order_by("-pk"):
            ledare[u.enhet_id] = u
    return ledare


def seed(ctx) -> None:
    grunddata_sakerstall()
    enheter = ctx.data.get("enheter", [])
    handlaggare = ctx.data.get("handlaggare", {})
    if not enheter:
        return
    ledare = _ledare(enheter)
    for enhet in enheter:
        ledare.setdefault(enhet.pk, handlaggare[enhet.pk][0])
    _journalgranskning(ctx, enheter, handlaggare, ledare)
    _loggkontroll(ctx, enheter, ledare)
    _arendedragningar(ctx, enheter, ledare)
    _rapportens_register(ctx, ledare[enheter[0].pk])


def _journalgranskning(ctx, enheter, handlaggare: dict, ledare: dict) -> None:
    rng, idag = ctx.rng, ctx.idag
    ar = idag.year
    borjan = datetime.date(ar, 1, 1)
    antal = int(parameter_varde("journalgranskning-antal-per-ar", borjan))
    punkter = list(GranskningsPunkt.objects.filter(aktiv=True).order_by("ordning", "pk"))
    egna: dict[int, list[int]] = {}
    for pk, h in (
        Akt.objects.filter(pk__in=ctx.data.get("akt_ids", []), handlaggare__isnull=False)
        .order_by("pk")
        .values_list("pk", "handlaggare_id")
    ):
        egna.setdefault(h, []).append(pk)
    granskningar: list[Granskning] = []
    for enhet in enheter:
        lista = handlaggare.get(enhet.pk, [])
        for h in lista:
            akter = egna.get(h.pk, [])
            kollegor = [u for u in lista if u.pk != h.pk] or [ledare[enhet.pk]]
            for akt_id in sorted(rng.sample(akter, min(antal, len(akter)))):
                dragen = min(borjan + datetime.timedelta(days=rng.randint(0, 30)), idag)
                g = Granskning(
                    enhet=enhet,
                    ar=ar,
                    akt_id=akt_id,
                    handlaggare=h,
                    granskare=rng.choice(kollegor),
                    urvalsfro=URVALSFRO,
                    dragen=_tid(dragen, 8),
                    dragen_av=ledare[enhet.pk],
                )
                if rng.random() < ANDEL_GRANSKAD:
                    granskad = min(dragen + datetime.timedelta(days=rng.randint(7, 120)), idag)
                    g.status = GranskningStatus.GRANSKAD
                    g.granskad = _tid(granskad)
                    g.sammanfattning = "Journalen är tydlig; utredningen kunde dokumenteras bättre."
                    if rng.random() < 0.5:
                        aterkopplad = min(granskad + datetime.timedelta(days=14), idag)
                        g.status = GranskningStatus.ATERKOPPLAD
                        g.aterkopplad = _tid(aterkopplad)
                        g.aterkoppling = "Skriv vilka underlag som begärts och varför."
                        if rng.random() < 0.7:
                            g.last_av_handlaggaren = _tid(aterkopplad, 15)
                granskningar.append(g)
    with egen_tidpunkt(Granskning, "dragen"):
        granskningar = ctx.bulk(Granskning, granskningar, etikett="journalgranskningar")

    def svar():
        for g in granskningar:
            if g.status == GranskningStatus.DRAGEN:
                continue
            for p in punkter:
                bedomning = rng.choice(BEDOMNINGAR)
                yield GranskningSvar(
                    granskning=g,
                    punkt=p,
                    rubrik=p.rubrik,
                    bedomning=bedomning,
                    kommentar=""
                    if bedomning == Bedomning.UPPFYLLT
                    else "Saknas i journalen vad som avgjorde bedömningen.",
                )

    ctx.bulk(GranskningSvar, svar(), etikett="granskningssvar")

    def atgarder():
        for g in granskningar:
            if g.status == GranskningStatus.ATERKOPPLAD and rng.random() < 0.5:
                senast = g.aterkopplad.date() + datetime.timedelta(days=60)
                uppfoljd = senast if senast <= idag and rng.random() < 0.7 else None
                yield GranskningAtgard(
                    granskning=g,
                    text="Dokumentera begärda underlag i journalen.",
                    senast=senast,
                    skapad=g.aterkopplad,
                    uppfoljd=uppfoljd,
                    uppfoljning="Följs nu i de granskade akterna." if uppfoljd else "",
                )

    with egen_tidpunkt(GranskningAtgard, "skapad"):
        ctx.bulk(GranskningAtgard, atgarder(), etikett="åtgärder efter granskning")


def _loggkontroll(ctx, enheter, ledare: dict) -> None:
    rng, idag = ctx.rng, ctx.idag
    denna = idag.replace(day=1)
    manader = [denna - relativedelta(months=m) for m in range(11, -1, -1)]
    stickprov: list[LoggStickprov] = []
    lasningar: dict[tuple[int, datetime.date], list[int]] = {}
    for enhet in enheter:
        for pk, tidpunkt in (
            Atkomstlogg.objects.filter(
                beviljad=True,
                anvandare_id__isnull=False,
                akt_id__in=Akt.objects.filter(enhet=enhet).values("pk"),
                tidpunkt__gte=dygnets_borjan(manader[0]),
            )
            .exclude(sida__in=LISTSIDOR)
            .order_by("pk")
            .values_list("pk", "tidpunkt")
        ):
            manad = timezone.localtime(tidpunkt).date().replace(day=1)
            lasningar.setdefault((enhet.pk, manad), []).append(pk)
        for manad in manader:
            stickprov.append(
                LoggStickprov(
                    enhet=enhet,
                    manad=manad,
                    dragen=_tid(min(manad + relativedelta(months=1), idag), 8),
                    dragen_av=ledare[enhet.pk],
                )
            )
    with egen_tidpunkt(LoggStickprov, "dragen"):
        stickprov = ctx.bulk(LoggStickprov, stickprov, etikett="stickprov i åtkomstloggen")

    def rader():
        for s in stickprov:
            antal = int(parameter_varde("loggkontroll-stickprov-per-manad", s.manad))
            ids = lasningar.get((s.enhet_id, s.manad), [])
            bedoms = s.manad < denna
            for logg_id in sorted(rng.sample(ids, min(antal, len(ids)))):
                fragasatt = bedoms and rng.random() < 0.05
                yield LoggStickprovRad(
                    stickprov=s,
                    logg_id=logg_id,
                    bedomning=(LoggBedomning.FRAGASATT if fragasatt else LoggBedomning.MOTIVERAD)
                    if bedoms
                    else LoggBedomning.EJ_BEDOMD,
                    kommentar="Läsaren hade inget ärende i akten." if fragasatt else "",
                    bedomd_av=s.dragen_av if bedoms else None,
                    bedomd=s.dragen + datetime.timedelta(days=3) if bedoms else None,
                )

    ctx.bulk(LoggStickprovRad, rader(), etikett="läsningar i stickproven")


def _arendedragningar(ctx, enheter, ledare: dict) -> None:
    rng, idag = ctx.rng, ctx.idag
    per_enhet: dict[int, list[tuple[int, int | None]]] = {}
    for akt_id, enhet_id, h in (
        Akt.objects.filter(pk__in=ctx.data.get("akt_ids", []), handlaggare__isnull=False)
        .order_by("pk")
        .values_list("pk", "enhet_id", "handlaggare_id")
    ):
        per_enhet.setdefault(enhet_id, []).append((akt_id, h))
    valda: list[tuple] = []
    for enhet in enheter:
        akter = per_enhet.get(enhet.pk, [])
        # A few per month at storstad scale, fewer than the Akter in a small dataset.
        n = min(ARENDEN_PER_ENHET_OCH_MANAD * 12, len(akter) // 2)
        for akt_id, h in rng.sample(akter, n):
            valda.append((enhet, akt_id, h, idag - datetime.timedelta(days=rng.randint(0, 364))))
    senaste = dict(
        Ansokan.objects.filter(akt_id__in=[a for _, a, _, _ in valda])
        .order_by("akt_id", "period", "pk")
        .values_list("akt_id", "pk")
    )

    def arenden():
        for enhet, akt_id, h, mote in valda:
            klar = mote < idag
            yield Arendedragning(
                enhet=enhet,
                akt_id=akt_id,
                ansokan_id=senaste.get(akt_id),
                motesdatum=mote,
                forslag="Bistånd till hyran under två månader medan bostadsfrågan utreds.",
                fraga="Är hyran skälig med hänsyn till barnens skolgång?",
                anmald_av_id=h,
                anmald=_tid(mote - datetime.timedelta(days=3)),
                skal="Ovanlig hyresnivå",
                slutsats="Forumet stöder förslaget; följs upp om två månader." if klar else "",
                slutsats_datum=mote if klar else None,
            )

    with egen_tidpunkt(Arendedragning, "anmald"):
        ctx.bulk(Arendedragning, arenden(), etikett="ärendedragningar")


def _rapportens_register(ctx, av: User) -> None:
    rng, idag = ctx.rng, ctx.idag
    ar = idag.year
    andrad_av = User.objects.filter(groups__name=Roll.KVALITET).order_by("pk").first() or av
    ctx.bulk(
        RapportText,
        (
            RapportText(
                ar=ar,
                enhet=None,
                omrade=o,
                text=f"Kvalitetsgruppens bedömning av området {o.label.lower()} under {ar}.",
                andrad_av=andrad_av,
            )
            for o in Omrade
        ),
        etikett="texter i kvalitetsrapporten",
    )
    ctx.bulk(
        Egenkontroll,
        (
            Egenkontroll(
                ar=ar,
                enhet=None,
                omrade=o,
                vad=f"Stickprov: {o.label.lower()}",
                metod="Genomgång av tio slumpvis valda akter",
                planerad=datetime.date(ar, 1 + i * 2, 15),
                genomford=datetime.date(ar, 1 + i * 2, 20)
                if datetime.date(ar, 1 + i * 2, 20) <= idag
                else None,
                resultat="Inga större brister." if datetime.date(ar, 1 + i * 2, 20) <= idag else "",
            )
            for i, o in enumerate(Omrade)
        ),
        etikett="egenkontroller",
    )
    ctx.bulk(
        Risk,
        (
            Risk(
                ar=ar,
                enhet=None,
                omrade=o,
                risk=f"Brister inom {o.label.lower()} när arbetsbelastningen är hög",
                sannolikhet=rng.randint(1, 4),
                konsekvens=rng.randint(1, 4),
                atgarder="Ärendedragning varje vecka och uppföljning i journalgranskningen.",
                ansvarig="Enhetschef",
            )
            for o in Omrade
        ),
        etikett="risker",
    )
    ctx.bulk(
        BrukarundersokningSvar,
        (
            BrukarundersokningSvar(
                ar=ar,
                enhet=None,
                omrade=o,
                fraga=f"{fraga} ({o.label.lower()})",
                antal_svar=rng.randint(100, 400),
                andel_positiva=Decimal(rng.randint(550, 950)) / 10,
            )
            for o in (Omrade.BEMOTANDE, Omrade.TILLGANGLIGHET)
            for fraga in ("Blev du bemött med respekt?", "Fick du den information du behövde?")
        ),
        etikett="brukarundersökning",
    )
