"""Storstad-scale benchmark data of synpunkter (docs/prestanda.md: "Storstadsdata").

A few synpunkter per hundred households over the year (docs/regler.md: Synpunkter), each about
an Akt and given by its sökande, in every status: the older ones received, answered (with an
Återkoppling) and closed, the newest still waiting. Deadlines from the nämnd's parameters of
today, numbered `SKALA-nnnnnnn` so they never meet the service's `S-<år>-<id>`. Rows only, in
bulk; runs after `beslut.skala`.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from bistand.kalender import lagg_till_arbetsdagar
from bistand.models import Akt, HushallMedlem, MedlemsRoll
from bistand.selectors import parameter_varde
from bistand.skala import egen_tidpunkt

from .models import Aterkoppling, Kanal, Slag, Status, Svarssatt, Synpunkt

PER_100_HUSHALL = 3
TEXTER = {
    Slag.KLAGOMAL: "Jag har väntat länge på beslut och ingen ringer tillbaka.",
    Slag.BEROM: "Min handläggare var vänlig och förklarade allt tydligt.",
    Slag.FORSLAG: "Det vore bra om man kunde skicka in kvitton med mobilen.",
}
SVAR = "Tack för att du hörde av dig. Vi har gått igenom ärendet och rättat det som blev fel."


def seed(ctx) -> None:
    rng, idag = ctx.rng, ctx.idag
    akt_ids = ctx.data.get("akt_ids", [])
    if not akt_ids:
        return
    antal = max(1, len(akt_ids) * PER_100_HUSHALL // 100)
    valda = sorted(rng.sample(akt_ids, min(antal, len(akt_ids))))
    kvittens = int(parameter_varde("synpunkt-kvittens-arbetsdagar", idag))
    svar = int(parameter_varde("synpunkt-svar-arbetsdagar", idag))
    akter = {
        pk: (enhet, namnd, handlaggare, hushall)
        for pk, enhet, namnd, handlaggare, hushall in Akt.objects.filter(pk__in=valda).values_list(
            "pk", "enhet_id", "enhet__namnd_id", "handlaggare_id", "hushall_id"
        )
    }
    sokande = dict(
        HushallMedlem.objects.filter(
            hushall_id__in=[a[3] for a in akter.values()], roll=MedlemsRoll.SOKANDE
        ).values_list("hushall_id", "person_id")
    )
    reserv = {
        enhet: lista[0].pk for enhet, lista in ctx.data.get("handlaggare", {}).items() if lista
    }

    def synpunkter():
        for n, akt_id in enumerate(valda, start=1):
            enhet, namnd, handlaggare, hushall = akter[akt_id]
            av = handlaggare or reserv.get(enhet)
            inkom = idag - datetime.timedelta(days=rng.randint(0, 364))
            alder = (idag - inkom).days
            status = (
                Status.INKOMMEN
                if alder < 3
                else Status.MOTTAGEN
                if alder < 20
                else rng.choice([Status.BESVARAD, Status.AVSLUTAD])
            )
            slag = rng.choice(Slag.values)
            registrerad = timezone.make_aware(datetime.datetime.combine(inkom, datetime.time(9)))
            kvitterad = registrerad + datetime.timedelta(days=1)
            besvarad = registrerad + datetime.timedelta(days=rng.randint(5, 15))
            yield Synpunkt(
                nummer=f"SKALA-{n:07d}",
                namnd_id=namnd,
                enhet_id=enhet,
                kanal=rng.choice(Kanal.values),
                slag=slag,
                text=TEXTER[slag],
                inkom=inkom,
                registrerad=registrerad,
                registrerad_av_id=av,
                person_id=sokande.get(hushall),
                akt_id=akt_id,
                vill_ha_svar=True,
                svarssatt=Svarssatt.BREV,
                handlaggs_av_id=av,
                status=status,
                kvittens_senast=lagg_till_arbetsdagar(inkom, kvittens),
                svar_senast=lagg_till_arbetsdagar(inkom, svar),
                kvitterad=None if status == Status.INKOMMEN else kvitterad,
                utredning="Ärendet gicks igenom med handläggaren."
                if status in (Status.BESVARAD, Status.AVSLUTAD)
                else "",
                besvarad=besvarad if status in (Status.BESVARAD, Status.AVSLUTAD) else None,
                avslutad=besvarad if status == Status.AVSLUTAD else None,
            )

    with egen_tidpunkt(Synpunkt, "registrerad"):
        sparade = ctx.bulk(Synpunkt, synpunkter(), etikett="synpunkter")
    with egen_tidpunkt(Aterkoppling, "given"):
        ctx.bulk(
            Aterkoppling,
            (
                Aterkoppling(
                    synpunkt_id=s.pk,
                    satt=Aterkoppling.Satt.BREV,
                    text=SVAR,
                    given=s.besvarad,
                    av_id=s.handlaggs_av_id,
                )
                for s in sparade
                if s.besvarad is not None
            ),
            etikett="återkopplingar",
        )
