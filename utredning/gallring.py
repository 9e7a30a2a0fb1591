"""The utredning's rows removed with a culled personakt (SoL 2025:400 16 kap. 1 §;
docs/regler.md: Gallring och registerutdrag)."""

from __future__ import annotations

from ansokan.gallring import ansokningar_for
from bistand.gallring import Urval, filer_bort, radera

from .models import (
    Berakning,
    ForslagPost,
    Forsorjningshinder,
    Handlingsplan,
    Kommunicering,
    Kontroll,
    Mote,
    Narvaro,
    Publicering,
    Remiss,
    Utkast,
    Utredning,
    Varning,
)


def gallra(urval: Urval) -> dict[str, int]:
    ansokningar = ansokningar_for(urval)
    utredningar = list(
        Utredning.objects.filter(ansokan_id__in=ansokningar).values_list("pk", flat=True)
    )
    kommuniceringar = Kommunicering.objects.filter(utredning_id__in=utredningar)
    filer_bort(kommuniceringar.values_list("pdf_sokvag", flat=True))
    kommunicering_ids = list(kommuniceringar.values_list("pk", flat=True))
    remisser = list(
        Remiss.objects.filter(utredning_id__in=utredningar).values_list("pk", flat=True)
    )
    return radera(
        Kommunicering.bilagor.through.objects.filter(kommunicering_id__in=kommunicering_ids),
        Kommunicering.objects.filter(pk__in=kommunicering_ids),
        Narvaro.objects.filter(remiss_id__in=remisser),
        Remiss.objects.filter(pk__in=remisser),
        ForslagPost.objects.filter(utredning_id__in=utredningar),
        Mote.objects.filter(utredning_id__in=utredningar),
        Forsorjningshinder.objects.filter(utredning_id__in=utredningar),
        Kontroll.objects.filter(utredning_id__in=utredningar),
        Varning.objects.filter(utredning_id__in=utredningar),
        Handlingsplan.objects.filter(utredning_id__in=utredningar),
        Utredning.objects.filter(pk__in=utredningar),
        Berakning.objects.filter(ansokan_id__in=ansokningar),
        Publicering.objects.filter(ansokan_id__in=ansokningar),
        Utkast.objects.filter(akt_id__in=urval.akt_ids),
    )
