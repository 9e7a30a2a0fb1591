"""Storstad-scale benchmark data of barnkonsekvens (docs/prestanda.md: "Storstadsdata").

In a household with children the latest ansökan that has reached the utredning gets one
Barnkonsekvensanalys per child living there or visiting (docs/regler.md:
Barnkonsekvensanalys): signed when the ansökan is decided, a draft while it is being
investigated; a barnsamtal for the older children, a reason for none for the youngest. Rows
only, in bulk, through `bulk_create` (no trigger stops an insert of a signed row); runs after
`utredning.skala`.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from ansokan.models import Ansokan, Status
from bistand.models import Akt, HushallMedlem, MedlemsRoll
from bistand.skala import egen_tidpunkt

from .models import Barnkonsekvensanalys, EjSamtalSkal, SamtalsForm, Utlosare

AKT_PARTI = 1000
SAMTAL_FRAN_ALDER = 7  # younger children get a reason instead of a barnsamtal
EFTER_INTAG = [
    Status.UNDER_UTREDNING,
    Status.KOMPLETTERING_BEGARD,
    Status.BESLUTAD,
    Status.AVSLUTAD,
]
AVSLAG_TEXT = "Risk att familjen förlorar bostaden och barnet byter skola."
SIGNERADE = {Status.BESLUTAD, Status.AVSLUTAD}


def seed(ctx) -> None:
    rng, idag = ctx.rng, ctx.idag
    akt_ids = ctx.data.get("akt_ids", [])
    reserv = {
        enhet: lista[0].pk for enhet, lista in ctx.data.get("handlaggare", {}).items() if lista
    }
    for i in range(0, len(akt_ids), AKT_PARTI):
        ids = akt_ids[i : i + AKT_PARTI]
        akter = {
            pk: (hushall, handlaggare or reserv.get(enhet))
            for pk, hushall, handlaggare, enhet in Akt.objects.filter(pk__in=ids).values_list(
                "pk", "hushall_id", "handlaggare_id", "enhet_id"
            )
        }
        barn: dict[int, list] = {}
        for hushall, person, fodd, boende in HushallMedlem.objects.filter(
            hushall_id__in=[h for h, _ in akter.values()], roll=MedlemsRoll.BARN, till__isnull=True
        ).values_list("hushall_id", "person_id", "person__fodelsedatum", "boende"):
            barn.setdefault(hushall, []).append((person, fodd, boende))
        senaste: dict[int, tuple] = {}
        for pk, akt_id, mottagen, status in (
            Ansokan.objects.filter(akt_id__in=ids, status__in=EFTER_INTAG)
            .order_by("akt_id", "period", "pk")
            .values_list("pk", "akt_id", "mottagen", "status")
        ):
            senaste[akt_id] = (pk, mottagen, status)

        def analyser(akter=akter, barn=barn, senaste=senaste):
            for akt_id, (ansokan_id, mottagen, status) in senaste.items():
                hushall, av = akter[akt_id]
                for person, fodd, boende in barn.get(hushall, []):
                    alder = max((mottagen - fodd).days // 365, 0)
                    if alder >= 18:
                        continue
                    samtal = alder >= SAMTAL_FRAN_ALDER
                    datum = min(mottagen + datetime.timedelta(days=rng.randint(1, 5)), idag)
                    skapad = timezone.make_aware(
                        datetime.datetime.combine(datum, datetime.time(10))
                    )
                    signerad = status in SIGNERADE
                    yield Barnkonsekvensanalys(
                        ansokan_id=ansokan_id,
                        barn_id=person,
                        alder=alder,
                        boende=boende,
                        behov="Barnet behöver en trygg bostad och kunna gå kvar i sin skola.",
                        konsekvens_bifall="Barnet kan bo kvar och behålla sina aktiviteter.",
                        konsekvens_avslag=AVSLAG_TEXT,
                        barnsamtal=samtal,
                        samtal_datum=datum if samtal else None,
                        samtal_av="Handläggaren" if samtal else "",
                        samtal_form=rng.choice(SamtalsForm.values) if samtal else "",
                        barnets_asikt="Barnet vill bo kvar nära sina kompisar." if samtal else "",
                        ej_samtal_skal="" if samtal else EjSamtalSkal.ALDER,
                        ej_samtal_motivering=""
                        if samtal
                        else "Barnet är för litet för ett samtal.",
                        vagning="Barnets bästa väger tungt; hyran prövas mot barnets behov.",
                        slutsats="Bistånd till skälig hyra under utredningstiden.",
                        skal=[Utlosare.POST_BARN],
                        skapad=skapad,
                        skapad_av_id=av,
                        signerad=skapad if signerad else None,
                        signerad_av_id=av if signerad else None,
                    )

        with egen_tidpunkt(Barnkonsekvensanalys, "skapad"):
            ctx.bulk(Barnkonsekvensanalys, analyser(), etikett="barnkonsekvensanalyser")
