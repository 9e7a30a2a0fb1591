"""Barnkonsekvensanalyser and orosanmälningar removed with a culled personakt (SoL 2025:400
16 kap. 1 §; docs/regler.md: Gallring och registerutdrag). A personakt holding a child
investigation is kept by the rules until the child is 30 (16 kap. 2 a §)."""

from __future__ import annotations

from ansokan.gallring import ansokningar_for
from bistand.gallring import Urval, radera

from .models import Barnkonsekvensanalys, Orosanmalan


def gallra(urval: Urval) -> dict[str, int]:
    return radera(
        Barnkonsekvensanalys.objects.filter(ansokan_id__in=ansokningar_for(urval)),
        Orosanmalan.objects.filter(akt_id__in=urval.akt_ids),
    )
