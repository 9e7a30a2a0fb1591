"""The access log as the tests read it: a read of one Akt names it in `akt_id`, a list page's
view names every Akt it showed in `akt_ids` (docs/regler.md: Åtkomst)."""

from __future__ import annotations

from bistand.models import Atkomstlogg


def loggade_akter(sida: str, *, efter: int = 0) -> list[int]:
    """Every Akt logged on the page `sida` (after log id `efter`), once per read: a list
    view's row once for each Akt it showed. Sorted."""
    akter: list[int] = []
    for akt_id, akt_ids in Atkomstlogg.objects.filter(sida=sida, pk__gt=efter).values_list(
        "akt_id", "akt_ids"
    ):
        akter.extend(akt_ids if akt_ids is not None else [akt_id])
    return sorted(akter)


def senaste_logg_id() -> int:
    return Atkomstlogg.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
