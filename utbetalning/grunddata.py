"""National reference data of utbetalning: the default attest threshold and the sample
check's parameters, and the old law's återkrav reference (docs/regler.md: Utbetalning och
återkrav). Loaded by the core's loader on every `migrate` (bistand.grunddata): what is missing
is inserted, an existing row is never changed; the nämnd changes the figures in admin.
"""

from __future__ import annotations

import datetime

from bistand.models import Lagrum, Parameter

from .models import Attestgrans

PARAMETRAR = [
    (
        "utbetalning-stickprov-procent",
        5,
        "Andel utbetalningar (procent) som hålls för stickprovskontroll",
    ),
    (
        "utbetalning-stickprov-fro",
        2026,
        "Frö för stickprovet: samma frö ger samma urval (reproducerbart)",
    ),
]
KALLA = "Nämndens attestreglemente (standardvärde, ändras i admin)"
ATTESTGRANS = 10000


def grunddata_sakerstall() -> None:
    for kod, varde, beskrivning in PARAMETRAR:
        Parameter.objects.get_or_create(
            kod=kod,
            giltig_fran=datetime.date(2020, 1, 1),
            defaults={
                "varde": varde,
                "beskrivning": beskrivning,
                "kalla": KALLA,
                "verifierad": False,
            },
        )
    if not Attestgrans.objects.exists():
        Attestgrans.objects.create(
            posttyp=None, giltig_fran=datetime.date(2020, 1, 1), belopp=ATTESTGRANS
        )
    Lagrum.objects.get_or_create(
        kod="sol-aterkrav",
        giltig_fran=datetime.date(2002, 1, 1),
        defaults={
            "text": "9 kap. 1–2 §§ socialtjänstlagen (2001:453)",
            "beskrivning": "Återkrav (äldre lagen, bistånd före 2025-07-01)",
            "kalla": "SFS 2001:453; övergångsbestämmelse 5 a i SFS 2025:400",
            "verifierad": False,
        },
    )
