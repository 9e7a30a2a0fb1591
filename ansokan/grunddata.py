"""Ground data of the ansokan app: the post types and its dated parameters (signature deadline,
attachments, försening and begäran om avgörande, FL 11–12 §§).

The one home of this data: the core's loader (bistand.grunddata) runs `grunddata_sakerstall`
after every `migrate` and `flush`, inserting what is missing and never changing an existing
row. Administrators edit both in admin afterwards.
"""

from __future__ import annotations

import datetime

from bistand.grunddata import parametrar_sakerstall

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

# (kod, giltig_fran, värde, beskrivning, källa, verifierad)
PARAMETRAR = [
    (
        "etjanst-underskrift-frist-dagar",
        datetime.date(2025, 1, 1),
        14,
        "Dagar som medsökande får på sig att skriva under en inskickad ansökan",
        "Lokal rutin; ändras av administratören",
        False,
    ),
    (
        "bilagor-max-per-ansokan",
        datetime.date(2025, 1, 1),
        30,
        "Högst så många bilagor till en ansökan (kompletteringar inräknade)",
        "docs/drift.md: Uppladdningar; ändras av administratören",
        False,
    ),
    (
        "forsening-paminnelse-arbetsdagar",
        datetime.date(2018, 7, 1),
        2,
        "Påminn om underrättelse om försening när handläggningsmålet passerar inom så många "
        "arbetsdagar (FL 11 §; nämndens rutin)",
        "docs/regler.md: underrättelse om försening",
        False,
    ),
    (
        "avgorande-efter-manader",
        datetime.date(2018, 7, 1),
        6,
        "Sökanden får begära att ärendet avgörs efter så många månader utan beslut",
        "SFS 2017:900 12 §",
        True,
    ),
    (
        "avgorande-inom-veckor",
        datetime.date(2018, 7, 1),
        4,
        "Nämnden ska avgöra ärendet eller avslå begäran inom så många veckor",
        "SFS 2017:900 12 §",
        True,
    ),
]


def grunddata_sakerstall(posttyp_model=None, parameter_model=None) -> None:
    if posttyp_model is None:
        # Only on this path: migrations pass their own (historical) models.
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
    parametrar_sakerstall(PARAMETRAR, parameter_model)
