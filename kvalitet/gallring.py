"""The quality work about one Akt (journalgranskning, ärendedragning, avslut) goes with the
culled personakt; figures already aggregated per unit and month stay (SoL 2025:400 16 kap. 1 §;
docs/regler.md: Gallring och registerutdrag)."""

from __future__ import annotations

from django.db.models import Q

from ansokan.gallring import ansokningar_for
from bistand.gallring import Urval, radera

from .models import Arendedragning, Avslut, Granskning, GranskningAtgard, GranskningSvar


def gallra(urval: Urval) -> dict[str, int]:
    granskningar = list(
        Granskning.objects.filter(akt_id__in=urval.akt_ids).values_list("pk", flat=True)
    )
    return radera(
        GranskningSvar.objects.filter(granskning_id__in=granskningar),
        GranskningAtgard.objects.filter(granskning_id__in=granskningar),
        Granskning.objects.filter(pk__in=granskningar),
        Arendedragning.objects.filter(
            Q(akt_id__in=urval.akt_ids) | Q(ansokan_id__in=ansokningar_for(urval))
        ),
        Avslut.objects.filter(akt_id__in=urval.akt_ids),
    )
