"""Decisions, letters, samråd and appeals removed with a culled personakt (SoL 2025:400
16 kap. 1 §; docs/regler.md: Gallring och registerutdrag)."""

from __future__ import annotations

from ansokan.gallring import ansokningar_for
from bistand.gallring import Urval, filer_bort, radera

from .models import Beslut, Beslutsbrev, Beslutsmanad, Overklagande, Samrad


def beslut_for(urval: Urval) -> list[int]:
    return list(
        Beslut.objects.filter(brev__ansokan_id__in=ansokningar_for(urval)).values_list(
            "pk", flat=True
        )
    )


def gallra(urval: Urval) -> dict[str, int]:
    ansokningar = ansokningar_for(urval)
    brev = Beslutsbrev.objects.filter(ansokan_id__in=ansokningar)
    beslut = beslut_for(urval)
    overklaganden = Overklagande.objects.filter(beslut_id__in=beslut)
    filer_bort([*brev.values_list("sokvag", flat=True)])
    filer_bort([*overklaganden.values_list("bunt_sokvag", flat=True)])
    brev_ids = list(brev.values_list("pk", flat=True))
    overklagande_ids = list(overklaganden.values_list("pk", flat=True))
    return radera(
        Overklagande.bilagor.through.objects.filter(overklagande_id__in=overklagande_ids),
        Overklagande.objects.filter(pk__in=overklagande_ids),
        Beslutsmanad.objects.filter(akt_id__in=urval.akt_ids),
        Beslut.objects.filter(pk__in=beslut),
        Beslutsbrev.objects.filter(pk__in=brev_ids),
        Samrad.objects.filter(ansokan_id__in=ansokningar),
    )
