"""A signed Barnkonsekvensanalys refuses every UPDATE and DELETE, in the database (docs/regler.md:
Barnkonsekvensanalys, point 2: "signed, then immutable like journal entries"), with the core's guard
(bistand.dbguard).
"""

from __future__ import annotations

from bistand.dbguard import vakt

ANALYS_FEL = "En signerad barnkonsekvensanalys går inte att ändra eller ta bort."
TABELL = "barnkonsekvens_barnkonsekvensanalys"

skapa, ta_bort = vakt(
    namn="barnkonsekvens_analys",
    tabell=TABELL,
    fel=ANALYS_FEL,
    skyddad="OLD.signerad IS NOT NULL",
)

# Since migration 0003: the approved gallring may remove a signed analysis (SoL 2025:400 16 kap.).
gallring_skapa, gallring_ta_bort = vakt(
    namn="barnkonsekvens_analys",
    tabell=TABELL,
    fel=ANALYS_FEL,
    skyddad="OLD.signerad IS NOT NULL",
    gallring=True,
)
