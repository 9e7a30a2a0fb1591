"""Ground data of barnkonsekvens: the guidance text per trigger (handläggningsstöd) and the
dated number of days for the förhandsbedömning.

Loaded by migration 0003 and again, idempotently, by `grunddata_sakerstall` (the demo calls
it, so a database emptied with `flush` gets it back). Administrators edit both in admin.
"""

from __future__ import annotations

import datetime

# (utlösare, rubrik, text) — an example text for the nämnd to replace with its own stöd.
HANDLAGGNINGSSTOD = [
    (
        "post_barn",
        "Umgängesresor och annat som direkt rör barnet",
        "Beskriv vad umgänget eller det sökta betyder för barnet. Fråga barnet, om ålder och "
        "mognad tillåter, hur barnet ser på det. Barnet har rätt till kontakt med båda sina "
        "föräldrar (barnkonventionen artikel 9).",
    ),
    (
        "akut",
        "Akut ansökan (nödprövning)",
        "Beslutet ska fattas samma dag. Ta reda på om barnen har mat, ett tryggt boende och "
        "det allra nödvändigaste i dag. Hinner du inte hålla ett barnsamtal, ange att ärendet "
        "var brådskande. Gör en orosanmälan om du är orolig för ett barn.",
    ),
    (
        "skuld",
        "Hyresskuld eller elskuld",
        "Beskriv vad en avhysning eller ett avbrott i elen skulle betyda för barnet: boende, "
        "skola eller förskola, kamrater, fritid och trygghet.",
    ),
    (
        "radrum",
        "Rådrum för att sänka boendekostnaden eller sälja bostaden",
        "Beskriv hur en flytt påverkar barnet: byte av skola eller förskola, avståndet till "
        "den andra föräldern, kamrater och fritid. Rådrummet ska ge familjen en rimlig "
        "möjlighet att hitta en annan bostad.",
    ),
    (
        "avslag",
        "Avslag eller delvis bifall på försörjningsstöd eller boende",
        "Beskriv hur barnets grundläggande behov blir tillgodosedda om ansökan avslås helt "
        "eller delvis, till exempel genom andra inkomster i hushållet. Föräldern har i första "
        "hand ansvaret, men barnets bästa ska särskilt beaktas i beslutet.",
    ),
    (
        "annat",
        "Annat skäl",
        "Beskriv varför beslutet kan få påtagliga konsekvenser för barnet och vad som är "
        "barnets bästa.",
    ),
]

# SoL (2025:400) 20 kap. 2 §, earlier SoL (2001:453) 11 kap. 1 a § (docs/regler.md: Lagar och
# källor).
FORHANDSBEDOMNING = [
    (
        datetime.date(2013, 1, 1),
        "SoL (2001:453) 11 kap. 1 a §; kontrollera mot SFS",
        False,
    ),
    (
        datetime.date(2025, 7, 1),
        "SoL (2025:400) 20 kap. 2 §; regeringen.se, Ny socialtjänstlag (prop. 2024/25:89)",
        True,
    ),
]


def grunddata_sakerstall(stod_model=None, parameter_model=None) -> None:
    if stod_model is None:
        # Only on this path: migrations pass their own (historical) models.
        from bistand.models import Parameter as parameter_model

        from .models import Handlaggningsstod as stod_model
    for utlosare, rubrik, text in HANDLAGGNINGSSTOD:
        stod_model.objects.get_or_create(
            utlosare=utlosare, defaults={"rubrik": rubrik, "text": text}
        )
    for giltig_fran, kalla, verifierad in FORHANDSBEDOMNING:
        parameter_model.objects.get_or_create(
            kod="forhandsbedomning-dagar",
            giltig_fran=giltig_fran,
            defaults={
                "varde": 14,
                "beskrivning": "Dagar för förhandsbedömning efter anmälan om barn",
                "kalla": kalla,
                "verifierad": verifierad,
            },
        )
