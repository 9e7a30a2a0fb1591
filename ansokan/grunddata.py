"""Ground data of the ansokan app: the post types and the signature deadline parameter.

Loaded by migration 0002 and again, idempotently, by `grunddata_sakerstall` (seed_demo calls
it), as the core does with its own ground data. Administrators edit both in admin afterwards.
"""

from __future__ import annotations

import datetime

POSTTYPER = [
    # kod, namn, ordning, berör barn direkt, kräver alltid bka, kräver beskrivning, hjälptext
    (
        "forsorjningsstod",
        "Försörjningsstöd",
        10,
        False,
        False,
        False,
        "Till mat, kläder, hygien, telefon och andra vanliga kostnader.",
    ),
    ("hyra", "Hyra", 20, False, False, False, ""),
    ("hushallsel", "Hushållsel", 30, False, False, False, ""),
    ("tandvard", "Tandvård", 40, False, False, False, "Bifoga gärna ett kostnadsförslag."),
    ("glasogon", "Glasögon", 50, False, False, False, ""),
    ("lakarvard", "Läkarvård och medicin", 60, False, False, False, ""),
    (
        "umgangesresor",
        "Umgängesresor",
        70,
        True,
        True,
        False,
        "Resor för att träffa ditt barn som inte bor hos dig.",
    ),
    ("hyresskuld", "Hyresskuld", 80, False, True, False, ""),
    ("elskuld", "Elskuld", 90, False, True, False, ""),
    ("annat", "Annat", 100, False, False, True, "Skriv vad du söker för."),
]


# Posts decided per month (docs/regler.md, Beslut och beslutsbrev); the rest are engångs.
LOPANDE = frozenset({"forsorjningsstod", "hyra", "hushallsel"})


def grunddata_sakerstall(posttyp_model=None, parameter_model=None) -> None:
    if posttyp_model is None:
        from bistand.models import Parameter as parameter_model

        from .models import Posttyp as posttyp_model
    har_lopande = any(f.name == "lopande" for f in posttyp_model._meta.get_fields())
    for kod, namn, ordning, barn, bka, beskr, hjalp in POSTTYPER:
        posttyp, skapad = posttyp_model.objects.get_or_create(
            kod=kod,
            defaults={
                "namn": namn,
                "ordning": ordning,
                "beror_barn_direkt": barn,
                "kraver_barnkonsekvensanalys": bka,
                "kraver_beskrivning": beskr,
                "hjalptext": hjalp,
            },
        )
        if skapad and har_lopande and kod in LOPANDE:
            posttyp_model.objects.filter(pk=posttyp.pk).update(lopande=True)
    parameter_model.objects.get_or_create(
        kod="etjanst-underskrift-frist-dagar",
        giltig_fran=datetime.date(2025, 1, 1),
        defaults={
            "varde": 14,
            "beskrivning": "Dagar som medsökande får på sig att skriva under en inskickad ansökan",
            "kalla": "Lokal rutin; ändras av administratören",
            "verifierad": False,
        },
    )
    parameter_model.objects.get_or_create(
        kod="bilagor-max-per-ansokan",
        giltig_fran=datetime.date(2025, 1, 1),
        defaults={
            "varde": 30,
            "beskrivning": "Högst så många bilagor till en ansökan (kompletteringar inräknade)",
            "kalla": "docs/drift.md: Uppladdningar; ändras av administratören",
            "verifierad": False,
        },
    )
