"""Storstad-scale benchmark data of beslut (docs/prestanda.md: "Storstadsdata").

Every decided ansökan (beslutad, avslutad) gets one Beslutsbrev holding a Beslut per
förslag, dated a few days after the application, delgivet, with its besvärstid and laga
kraft when passed; löpande posts get their month rows (`Beslutsmanad`), one standing decision
per Akt, post and month. A few letters are rendered for real (`services.beslutsbrev_rendera`);
the rest are marked rendered and point at the first sample PDF, so no catch-up job renders
hundreds of thousands of letters. One delivered avslag in ten is appealed, in several states.
Rows only, in bulk; runs after `utredning.skala`.

`migrate` gives a nämnd no delegationsordning (it enters its own in admin), and without one the
decision service refuses every decision; the benchmark world gets the demo's example first
(docs/regler.md: Delegation), so a benchmark that decides through the service is not refused.
"""

from __future__ import annotations

import calendar
import datetime

from django.db.models import F
from django.utils import timezone

from ansokan.models import Ansokan, Kanal, Status
from bistand.models import Akt, Handelse
from bistand.selectors import lagrum_rad
from bistand.skala import egen_tidpunkt
from utredning.models import ForslagPost

from .demo import delegation_exempel_sakerstall
from .models import Beslut, Beslutsbrev, Beslutsmanad, Overklagande

AKT_PARTI = 1000
PROVBREV = 3  # letters rendered to PDF for real
ANDEL_OVERKLAGADE = 0.1  # of the delivered avslag
OVERKLAGANDE_STATUS = [
    Overklagande.Status.INKOMMEN,
    Overklagande.Status.RATTIDSPROVAD,
    Overklagande.Status.OVERLAMNAD,
    Overklagande.Status.AVGJORD,
]
AVSLUTADE_STATUS = [Overklagande.Status.OVERLAMNAD, Overklagande.Status.AVGJORD]
OPPEN_HOGST = datetime.timedelta(days=21)  # the oldest appeal still open in the data
OVERKLAGANDE_TEXT = "Jag överklagar beslutet om hyran. Jag har inte hittat en billigare bostad."


def seed(ctx) -> None:
    from . import services  # services imports pdf and the task queue; only for the samples

    if antal := delegation_exempel_sakerstall():
        ctx.antal["beslut.Delegation"] = antal
        ctx.say("  Delegationsordning (exempel för Exempelkommun)")
    rng, idag = ctx.rng, ctx.idag
    akt_ids = ctx.data.get("akt_ids", [])
    lagrum = lagrum_rad("sol-ratt-till-bistand", idag).pk
    reserv = {
        enhet: lista[0].pk for enhet, lista in ctx.data.get("handlaggare", {}).items() if lista
    }
    for i in range(0, len(akt_ids), AKT_PARTI):
        ids = akt_ids[i : i + AKT_PARTI]
        av_for_akt = {
            pk: handlaggare or reserv.get(enhet)
            for pk, handlaggare, enhet in Akt.objects.filter(pk__in=ids).values_list(
                "pk", "handlaggare_id", "enhet_id"
            )
        }
        ansokningar = list(
            Ansokan.objects.filter(akt_id__in=ids, status__in=[Status.BESLUTAD, Status.AVSLUTAD])
            .order_by("pk")
            .values_list("pk", "akt_id", "period", "mottagen", "kanal", "sokande_id")
        )
        forslag: dict[int, list] = {}
        for rad in (
            ForslagPost.objects.filter(utredning__ansokan_id__in=[a[0] for a in ansokningar])
            .order_by("post__posttyp__ordning")
            .values_list(
                "utredning__ansokan_id",
                "pk",
                "post_id",
                "post__posttyp_id",
                "post__posttyp__lopande",
                "utfall",
                "belopp",
                "motivering",
                "berakning_id",
                "berakning__bistand",
            )
        ):
            forslag.setdefault(rad[0], []).append(rad[1:])

        brev = []
        for pk, akt_id, _, mottagen, kanal, _ in ansokningar:
            datum = min(mottagen + datetime.timedelta(days=rng.randint(2, 9)), idag)
            brev.append(
                Beslutsbrev(
                    ansokan_id=pk,
                    beslutsdatum=datum,
                    fattat_av_id=av_for_akt[akt_id],
                    skapad=timezone.make_aware(datetime.datetime.combine(datum, datetime.time(14))),
                    oppnad=datum + datetime.timedelta(days=1)
                    if kanal == Kanal.ETJANST and datum < idag
                    else None,
                )
            )
        with egen_tidpunkt(Beslutsbrev, "skapad"):
            brev = ctx.bulk(Beslutsbrev, brev, etikett="beslutsbrev")

        beslut = []
        manader = []
        for b, (pk, akt_id, period, _, _, _) in zip(brev, ansokningar, strict=True):
            delgiven = b.beslutsdatum + datetime.timedelta(days=3)
            slut = delgiven + datetime.timedelta(days=21)
            sista = period.replace(day=calendar.monthrange(period.year, period.month)[1])
            for (
                f_pk,
                post_id,
                posttyp_id,
                lopande,
                utfall,
                belopp,
                motivering,
                ber,
                ber_belopp,
            ) in forslag.get(pk, []):
                beslut.append(
                    Beslut(
                        brev_id=b.pk,
                        post_id=post_id,
                        forslag_id=f_pk,
                        berakning_id=ber,
                        utfall=utfall,
                        belopp=belopp,
                        beraknat_belopp=ber_belopp,
                        lagrum_id=lagrum,
                        period_fran=period,
                        period_till=sista,
                        motivering=motivering,
                        delgiven=delgiven if delgiven <= idag else None,
                        besvarstid_slut=slut if delgiven <= idag else None,
                        laga_kraft=slut + datetime.timedelta(days=1) if slut < idag else None,
                    )
                )
                if lopande and utfall != "avslag":
                    manader.append((len(beslut) - 1, akt_id, posttyp_id, period))
        beslut = ctx.bulk(Beslut, beslut, etikett="beslut")
        ctx.bulk(
            Beslutsmanad,
            (
                Beslutsmanad(beslut_id=beslut[n].pk, akt_id=a, posttyp_id=p, manad=m)
                for n, a, p, m in manader
            ),
            etikett="beslutade månader",
        )
        akt_for_brev = {b.pk: (b.ansokan_id, a[1]) for b, a in zip(brev, ansokningar, strict=True)}
        sokande = {a[0]: a[5] for a in ansokningar}

        def handelser(beslut=beslut, akt_for_brev=akt_for_brev, av_for_akt=av_for_akt):
            for bs in beslut:
                ansokan_id, akt_id = akt_for_brev[bs.brev_id]
                yield Handelse(
                    typ_id="beslut.fattat",
                    akt_id=akt_id,
                    ansokan_id=ansokan_id,
                    av_id=av_for_akt[akt_id],
                    tidpunkt=timezone.make_aware(
                        datetime.datetime.combine(bs.period_fran, datetime.time(14))
                    ),
                    data={"utfall": bs.utfall},
                )

        ctx.bulk(Handelse, handelser(), etikett="händelser")

        def overklaganden(beslut=beslut, akt_for_brev=akt_for_brev, sokande=sokande, av=av_for_akt):
            for bs in beslut:
                if bs.utfall != "avslag" or bs.delgiven is None:
                    continue
                if rng.random() > ANDEL_OVERKLAGADE:
                    continue
                ansokan_id, akt_id = akt_for_brev[bs.brev_id]
                inkommen = min(bs.delgiven + datetime.timedelta(days=rng.randint(3, 20)), idag)
                # An appeal is tried and forwarded within weeks: only the recent ones are open.
                status = rng.choice(
                    OVERKLAGANDE_STATUS if idag - inkommen <= OPPEN_HOGST else AVSLUTADE_STATUS
                )
                yield Overklagande(
                    beslut_id=bs.pk,
                    akt_id=akt_id,
                    status=status,
                    kanal=rng.choice(Overklagande.Kanal.values),
                    inkommen=inkommen,
                    text=OVERKLAGANDE_TEXT,
                    av_person_id=sokande[ansokan_id],
                    sista_dag=bs.besvarstid_slut,
                    rattidig=None if status == Overklagande.Status.INKOMMEN else True,
                    overlamnad=inkommen + datetime.timedelta(days=7)
                    if status in (Overklagande.Status.OVERLAMNAD, Overklagande.Status.AVGJORD)
                    else None,
                    overlamnad_av_id=av[akt_id]
                    if status in (Overklagande.Status.OVERLAMNAD, Overklagande.Status.AVGJORD)
                    else None,
                    dom=Overklagande.Dom.AVSLAG if status == Overklagande.Status.AVGJORD else "",
                    dom_datum=inkommen + datetime.timedelta(days=60)
                    if status == Overklagande.Status.AVGJORD
                    else None,
                )

        ctx.bulk(Overklagande, overklaganden(), etikett="överklaganden")

    # A few real letters; the rest point at the first one's PDF (marked rendered and sent).
    prov = list(Beslutsbrev.objects.filter(sha256="").order_by("pk")[:PROVBREV])
    if not prov:
        return
    forsta = None
    for b in prov:
        renderat = services.beslutsbrev_rendera(brev_id=b.pk, idag=b.beslutsdatum)
        forsta = forsta or renderat
    ctx.say(f"  {len(prov)} beslutsbrev renderade som PDF, övriga pekar på {forsta.sokvag}")
    Beslutsbrev.objects.filter(sha256="").update(
        sokvag=forsta.sokvag,
        sha256=forsta.sha256,
        renderad=timezone.now(),
        skickad=F("beslutsdatum"),
    )
