"""The guard the decision waits for (docs/regler.md: Barnkonsekvensanalys; docs/regler.md:
Barnkonsekvensanalys — "a decision that requires one cannot be made without it").

`beslut` imports this module, never the reverse (docs/arkitektur.md: Appar).
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Barnkonsekvensanalys
from .regler import Krav, barnkonsekvens_krav

KRAV_PREFIX = "Analys krävs: "


@dataclass(frozen=True)
class Vaktbesked:
    """`uppfyllt` when no analysis is required or every required one is signed; otherwise
    `skal` says, in Swedish, what is missing and why the analysis is required."""

    uppfyllt: bool
    skal: list[str]


def barnkonsekvens_vakt(*, ansokan) -> Vaktbesked:
    """Given the ansökan and its förslag: is the requirement met, and if not, why?

    Met when the rule (`regler.barnkonsekvens_krav`) requires nothing, or when every child it
    names has a signed Barnkonsekvensanalys for this ansökan (docs/regler.md: Bakgrund).
    """
    krav = barnkonsekvens_krav(ansokan=ansokan)
    if not krav.kravs:
        return Vaktbesked(uppfyllt=True, skal=[])
    analyser = {a.barn_id: a for a in Barnkonsekvensanalys.objects.filter(ansokan=ansokan)}
    return vakt_for(krav, analyser)


def vakt_for(krav: Krav, analyser: dict[int, Barnkonsekvensanalys]) -> Vaktbesked:
    """The guard's answer for a requirement and the analyses keyed by the child's person id."""
    if not krav.kravs:
        return Vaktbesked(uppfyllt=True, skal=[])
    saknas: list[str] = []
    if not krav.barn:
        saknas.append(
            "En barnkonsekvensanalys krävs, men inget barn är registrerat i akten. Lägg till "
            "barnet i hushållet (som boende eller på umgänge) och skriv analysen."
        )
    for barn in krav.barn:
        analys = analyser.get(barn.pk)
        if analys is None:
            saknas.append(f"Barnkonsekvensanalys för {barn.namn} saknas.")
        elif analys.signerad is None:
            saknas.append(f"Barnkonsekvensanalysen för {barn.namn} är inte signerad.")
    if not saknas:
        return Vaktbesked(uppfyllt=True, skal=[])
    return Vaktbesked(uppfyllt=False, skal=saknas + [KRAV_PREFIX + s for s in krav.skal])
