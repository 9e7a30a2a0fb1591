"""The kinds of case-history events synpunkter writes (bistand.handelser) when a synpunkt,
an avvikelse or an IVO/JO matter concerns an Akt. The texts name the matter, never its
content."""

from bistand.handelser import Typ

TYPER = [
    Typ("synpunkter.registrerad", "Synpunkt registrerad", True),
    Typ("synpunkter.kvitterad", "Synpunkt kvitterad som mottagen", True),
    Typ("synpunkter.utredd", "Synpunkt utredd", False),
    Typ("synpunkter.besvarad", "Återkoppling på synpunkt", True),
    Typ("synpunkter.avslutad", "Synpunkt avslutad", False),
    Typ("synpunkter.omfordelad", "Synpunkt överlämnad till en annan chef", False),
    Typ("synpunkter.tillsyn", "Ärende hos IVO eller JO", False),
    Typ("synpunkter.avvikelse", "Avvikelse eller lex Sarah-rapport", False),
    Typ("synpunkter.lex_sarah_bedomd", "Lex Sarah: bedömning", False),
    Typ("synpunkter.lex_sarah_anmald", "Lex Sarah: anmäld till IVO", False),
]
