"""Payments and claims removed with a culled personakt (SoL 2025:400 16 kap. 1 §;
docs/regler.md: Gallring och registerutdrag). A payment file already sent to the bank is the
bank's and the accounts' record and stays; its rows of culled orders go. A payee that was the
culled person goes when nothing else pays to it."""

from __future__ import annotations

from bistand.gallring import Urval, filer_bort, radera

from .models import (
    Aterkrav,
    Avbetalning,
    Betalningsmottagare,
    Betalningsval,
    Kontoandring,
    Narvarovillkor,
    Reglering,
    Utbetalningsorder,
)


def gallra(urval: Urval) -> dict[str, int]:
    aterkrav = Aterkrav.objects.filter(akt_id__in=urval.akt_ids)
    filer_bort(aterkrav.values_list("brev_sokvag", flat=True))
    aterkrav_ids = list(aterkrav.values_list("pk", flat=True))
    ordrar = list(
        Utbetalningsorder.objects.filter(akt_id__in=urval.akt_ids).values_list("pk", flat=True)
    )
    mottagare = list(
        Betalningsmottagare.objects.filter(person_id__in=urval.person_ids)
        .exclude(pk__in=Utbetalningsorder.objects.exclude(pk__in=ordrar).values("mottagare_id"))
        .exclude(
            pk__in=Betalningsval.objects.exclude(akt_id__in=urval.akt_ids).values("mottagare_id")
        )
        .values_list("pk", flat=True)
    )
    return radera(
        Reglering.objects.filter(aterkrav_id__in=aterkrav_ids),
        Avbetalning.objects.filter(aterkrav_id__in=aterkrav_ids),
        Aterkrav.objects.filter(pk__in=aterkrav_ids),
        Utbetalningsorder.objects.filter(pk__in=ordrar),
        Narvarovillkor.objects.filter(akt_id__in=urval.akt_ids),
        Betalningsval.objects.filter(akt_id__in=urval.akt_ids),
        Kontoandring.objects.filter(mottagare_id__in=mottagare),
        Betalningsmottagare.objects.filter(pk__in=mottagare),
    )
