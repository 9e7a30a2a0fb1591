"""The kinds of case-history events the barnkonsekvens app writes (bistand.handelser). An
analysis and an orosanmälan concern a child and are not shown to the applicant."""

from bistand.handelser import Typ

TYPER = [
    Typ("barnkonsekvensanalys.signerad", "Barnkonsekvensanalys signerad", False),
    Typ(
        "barnkonsekvensanalys.bekraftad",
        "Förra månadens barnkonsekvensanalys bekräftad som fortfarande giltig",
        False,
    ),
    Typ("orosanmalan.registrerad", "Orosanmälan gjord", False, "SoL (2025:400) 20 kap."),
    Typ("orosanmalan.aterkoppling", "Återkoppling efter orosanmälan", False),
]
