"""National reference data of beslut: the dated parameters its rules read (docs/regler.md:
Beslut och beslutsbrev). Loaded by the core's loader on every `migrate` (bistand.grunddata):
what is missing is inserted, an existing row is never changed. The delegationsordning is the
nämnd's own and is not here: `seed_demo` loads Exempelkommun's (beslut/demo.py:
DELEGATION_EXEMPEL).
"""

from __future__ import annotations

import datetime

from bistand.grunddata import parametrar_sakerstall

# (kod, giltig_fran, värde, beskrivning, källa, verifierad)
PARAMETRAR = [
    (
        "avsteg-max-manader",
        datetime.date(2020, 1, 1),
        6,
        "Ett avsteg från riktlinjerna gäller högst så många månader efter samrådet",
        "Norrköpings arbetsmarknads- och vuxenutbildningsnämnd (yttrande): högst sex månader",
        True,
    ),
    (
        "avsteg-paminnelse-dagar",
        datetime.date(2020, 1, 1),
        14,
        "Påminnelse så många dagar innan ett avsteg upphör",
        "Lokal rutin",
        True,
    ),
    (
        "delgivning-presumerad-dagar",
        datetime.date(2020, 1, 1),
        7,
        "Beslutsbrevet anses ha nått den sökande så många dagar efter att det skickats",
        "Nämndens rutin (exempel) – kontrollera",
        False,
    ),
]


def grunddata_sakerstall() -> None:
    """Insert the missing parameters; never change an existing one."""
    parametrar_sakerstall(PARAMETRAR)
