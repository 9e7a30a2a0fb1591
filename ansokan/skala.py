"""Storstad-scale benchmark data of ansokan (docs/prestanda.md: "Storstadsdata").

A year of monthly ansökningar per household, in every state of the Ansökan's state machine,
with their case events in `bistand.Handelse` (inserts only). Called by `manage.py seed_scale`
after the core's `bistand.skala.seed`, which leaves the new Akter's ids in `ctx.data`.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from bistand.models import Akt, Handelse, HushallMedlem, MedlemsRoll

from .models import Ansokan, AnsokanPost, Kanal, Posttyp, Status, Typ

AKT_PARTI = 2000
KANALER = [Kanal.ETJANST] * 6 + [Kanal.PAPPER, Kanal.BESOK, Kanal.TELEFON, Kanal.EPOST]
# The current month's application: about one in five is still open, which gives each
# handläggare 50–60 open cases at 50 000 households (≈ 264 Akter each); earlier months are done.
AKTUELL_STATUS = [
    (0.06, Status.INKOMMEN),
    (0.16, Status.UNDER_UTREDNING),
    (0.21, Status.KOMPLETTERING_BEGARD),
    (1.00, Status.BESLUTAD),
]
# Requested posts: every ansökan asks for försörjningsstöd and rent, some for electricity.
HYRA = range(5200, 10400, 100)
ANDEL_EL = 0.25


def _aktuell_status(rng) -> str:
    slump = rng.random()
    return next(status for grans, status in AKTUELL_STATUS if slump < grans)


HANDELSE_FOR_STATUS = {
    Status.INKOMMEN: None,
    Status.UNDER_UTREDNING: "ansokan.under_utredning",
    Status.KOMPLETTERING_BEGARD: "ansokan.komplettering_begard",
    Status.BESLUTAD: "ansokan.beslutad",
    Status.AVSLUTAD: "ansokan.avslutad",
    Status.ATERKALLAD: "ansokan.aterkallad",
}


def _manad(idag: datetime.date, bakat: int) -> datetime.date:
    ar, man = divmod(idag.year * 12 + idag.month - 1 - bakat, 12)
    return datetime.date(ar, man + 1, 1)


def seed(ctx) -> None:
    rng, idag = ctx.rng, ctx.idag
    akt_ids = ctx.data.get("akt_ids", [])
    lopnr = Ansokan.objects.filter(referens__startswith="S").count()
    posttyper = dict(Posttyp.objects.values_list("kod", "pk"))
    for i in range(0, len(akt_ids), AKT_PARTI):
        ids = akt_ids[i : i + AKT_PARTI]
        akter = dict(Akt.objects.filter(pk__in=ids).values_list("pk", "handlaggare_id"))
        hushall = dict(Akt.objects.filter(pk__in=ids).values_list("hushall_id", "pk"))
        sokande: dict[int, int] = {}
        medsokande: dict[int, int] = {}
        for hushall_id, person_id, roll in HushallMedlem.objects.filter(
            hushall_id__in=hushall, till__isnull=True
        ).values_list("hushall_id", "person_id", "roll"):
            if roll == MedlemsRoll.SOKANDE:
                sokande[hushall[hushall_id]] = person_id
            elif roll == MedlemsRoll.MEDSOKANDE:
                medsokande[hushall[hushall_id]] = person_id
        rader: list[Ansokan] = []
        for akt_id in ids:
            # Most households apply every month of the year; some joined later.
            manader = 12 if rng.random() < 0.8 else rng.randint(1, 11)
            for bakat in range(manader - 1, -1, -1):
                period = _manad(idag, bakat)
                if bakat == 0:
                    status = _aktuell_status(rng)
                elif rng.random() < 0.03:
                    status = Status.ATERKALLAD
                else:
                    status = Status.AVSLUTAD if bakat > 1 else Status.BESLUTAD
                mottagen = min(period - datetime.timedelta(days=rng.randint(0, 12)), idag)
                lopnr += 1
                rader.append(
                    Ansokan(
                        akt_id=akt_id,
                        sokande_id=sokande[akt_id],
                        medsokande_id=medsokande.get(akt_id),
                        status=status,
                        typ=Typ.NYANSOKAN
                        if bakat == manader - 1
                        else (Typ.AKUT if rng.random() < 0.02 else Typ.ATERANSOKAN),
                        kanal=rng.choice(KANALER),
                        mottagen=mottagen,
                        inkommen_tid=timezone.make_aware(
                            datetime.datetime.combine(mottagen, datetime.time(9))
                        ),
                        referens=f"S{mottagen:%Y}-{lopnr:08d}",
                        period=period,
                    )
                )
        sparade = ctx.bulk(Ansokan, rader, etikett="ansökningar")

        def handelser(sparade=sparade, akter=akter):
            for a in sparade:
                tid = a.inkommen_tid
                yield Handelse(
                    typ_id="ansokan.inkommen",
                    akt_id=a.akt_id,
                    ansokan_id=a.pk,
                    av_person_id=a.sokande_id if a.kanal == Kanal.ETJANST else None,
                    tidpunkt=tid,
                    data={"till": Status.INKOMMEN},
                )
                typ = HANDELSE_FOR_STATUS[a.status]
                if typ:
                    yield Handelse(
                        typ_id=typ,
                        akt_id=a.akt_id,
                        ansokan_id=a.pk,
                        av_id=akter[a.akt_id],
                        tidpunkt=tid + datetime.timedelta(days=rng.randint(1, 10)),
                        data={"till": a.status},
                    )

        ctx.bulk(Handelse, handelser(), etikett="händelser")

        def poster(sparade=sparade):
            for a in sparade:
                yield AnsokanPost(ansokan_id=a.pk, posttyp_id=posttyper["forsorjningsstod"])
                yield AnsokanPost(
                    ansokan_id=a.pk, posttyp_id=posttyper["hyra"], belopp=rng.choice(HYRA)
                )
                if rng.random() < ANDEL_EL:
                    yield AnsokanPost(
                        ansokan_id=a.pk,
                        posttyp_id=posttyper["hushallsel"],
                        belopp=rng.randrange(250, 700, 10),
                    )

        ctx.bulk(AnsokanPost, poster(), etikett="sökta poster")
