"""Synpunkter and avvikelser are a register of their own, kept under their own rules, not part
of the personakt: when a personakt is culled they lose their link to it and stay
(SoL 2025:400 16 kap. 1 §; docs/regler.md: Gallring och registerutdrag)."""

from __future__ import annotations

from django.db.models import Q

from ansokan.gallring import ansokningar_for
from bistand.gallring import Urval, radera

from .models import Avvikelse, Synpunkt, Tillsynsarende


def gallra(urval: Urval) -> dict[str, int]:
    ansokningar = ansokningar_for(urval)
    synpunkter = Synpunkt.objects.filter(
        Q(akt_id__in=urval.akt_ids)
        | Q(ansokan_id__in=ansokningar)
        | Q(beslutsbrev__ansokan_id__in=ansokningar)
    )
    antal = {}
    if n := synpunkter.update(akt=None, ansokan=None, beslutsbrev=None):
        antal["synpunkter.Synpunkt (länk till akten)"] = n
    if n := Avvikelse.objects.filter(akt_id__in=urval.akt_ids).update(akt=None):
        antal["synpunkter.Avvikelse (länk till akten)"] = n
    return antal | radera(Tillsynsarende.akter.through.objects.filter(akt_id__in=urval.akt_ids))
