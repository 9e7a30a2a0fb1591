"""Reference data of synpunkter: the areas, the nämnd's time targets and the lex Sarah
references. Loaded by migration 0002 and again, idempotently, by `grunddata_sakerstall`
(the demo calls it); an admin's edits are never overwritten."""

import datetime

from bistand.grunddata import parametrar_sakerstall

# (kod, namn, ordning) — the areas the yearly analysis counts (docs/regler.md: Synpunkter).
OMRADEN = [
    ("tillganglighet", "Tillgänglighet", 10),
    ("bemotande", "Bemötande", 20),
    ("handlaggning", "Handläggning och rättssäkerhet", 30),
    ("information", "Information", 40),
    ("delaktighet", "Delaktighet", 50),
    ("annat", "Annat", 90),
]

SOL_2025 = datetime.date(2025, 7, 1)
KALLA_SOL = "SFS 2025:400 (konsoliderad 2025-12-15)"

# (kod, giltig_fran, värde, beskrivning, källa, verifierad)
PARAMETRAR = [
    (
        "synpunkt-kvittens-arbetsdagar",
        datetime.date(2020, 1, 1),
        2,
        "En synpunkt kvitteras (bekräftas mottagen) inom så många arbetsdagar",
        "Nämndens rutin för synpunktshantering (exempel)",
        True,
    ),
    (
        "synpunkt-svar-arbetsdagar",
        datetime.date(2020, 1, 1),
        15,
        "En synpunkt besvaras inom så många arbetsdagar från att den kom in",
        "Nämndens rutin för synpunktshantering (exempel)",
        True,
    ),
    (
        "lex-sarah-ivo-dagar",
        datetime.date(2020, 1, 1),
        14,
        "Ett allvarligt missförhållande anmäls till IVO inom så många kalenderdagar från "
        "bedömningen (lagen säger snarast; detta är nämndens eget mål)",
        "SoL (2025:400) 27 kap. 6 §: snarast; antal dagar är nämndens mål",
        False,
    ),
]

# (kod, text, beskrivning, giltig_fran, kalla, verifierad) — docs/regler.md: Lagar och källor.
LAGRUM = [
    (
        "sol-lex-sarah-rapport",
        "27 kap. 2 § socialtjänstlagen (2025:400)",
        "Den som är verksam ska genast rapportera missförhållanden och påtagliga risker",
        SOL_2025,
        KALLA_SOL,
        True,
    ),
    (
        "sol-lex-sarah-utreda",
        "27 kap. 5 § socialtjänstlagen (2025:400)",
        "Missförhållandet eller risken ska dokumenteras, utredas och avhjälpas eller undanröjas",
        SOL_2025,
        KALLA_SOL,
        True,
    ),
    (
        "sol-lex-sarah-ivo",
        "27 kap. 6 § socialtjänstlagen (2025:400)",
        "Ett allvarligt missförhållande eller en påtaglig risk för ett sådant anmäls snarast "
        "till Inspektionen för vård och omsorg",
        SOL_2025,
        KALLA_SOL,
        True,
    ),
]


def grunddata_sakerstall(omrade_model=None, parameter_model=None, lagrum_model=None) -> None:
    """Create the areas, parameters and Lagrum that are missing. Model arguments let a
    migration pass its historical models."""
    if omrade_model is None:
        # Only on this path: migrations pass their own (historical) models.
        from bistand.models import Lagrum as lagrum_model
        from bistand.models import Parameter as parameter_model

        from .models import Omrade as omrade_model
    for kod, namn, ordning in OMRADEN:
        omrade_model.objects.get_or_create(kod=kod, defaults={"namn": namn, "ordning": ordning})
    parametrar_sakerstall(PARAMETRAR, parameter_model)
    for kod, text, beskrivning, fran, kalla, verifierad in LAGRUM:
        lagrum_model.objects.get_or_create(
            kod=kod,
            giltig_fran=fran,
            defaults={
                "text": text,
                "beskrivning": beskrivning,
                "kalla": kalla,
                "verifierad": verifierad,
            },
        )
