"""The kinds of case-history events utbetalning writes (bistand.handelser). The applicant sees
when money is sent and paid, and a decided återkrav."""

from bistand.handelser import Typ

TYPER = [
    Typ("utbetalning.skapad", "Utbetalning planerad", False),
    Typ("utbetalning.status", "Utbetalningens status ändrad", False),
    Typ("utbetalning.skickad", "Utbetalning skickad till banken", True),
    Typ("utbetalning.betald", "Utbetalt", True),
    Typ("utbetalning.avvisad", "Utbetalningen avvisad av banken", True),
    Typ("utbetalning.makulerad", "Utbetalning stoppad genom nytt beslut", True),
    Typ("utbetalning.aterkrav_foreslaget", "Förslag till återkrav", False),
    Typ("utbetalning.aterkrav_beslutat", "Beslut om återkrav", True),
    Typ("utbetalning.aterkrav_nedlagt", "Inget återkrav", False),
    Typ("utbetalning.aterkrav_reglering", "Betalning eller eftergift på återkrav", True),
    Typ("utbetalning.betalas_igen", "Avvisad utbetalning betalas igen till nytt konto", True),
    Typ("utbetalning.betalningsval_tillagt", "Betalningssätt för en post sparat", False),
    Typ("utbetalning.betalningsval_borttaget", "Betalningssätt för en post borttaget", False),
]
