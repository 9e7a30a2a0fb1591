"""The kinds of case-history events kvalitet writes (bistand.handelser): quality work that
concerns an Akt. None is shown to the applicant; the texts name the work, never its findings."""

from bistand.handelser import Typ

TYPER = [
    Typ("kvalitet.granskning_dragen", "Akten dragen till journalgranskning"),
    Typ("kvalitet.granskning_aterkopplad", "Journalgranskning återkopplad till handläggaren"),
    Typ("kvalitet.loggkontroll_bedomd", "Läsning av akten bedömd i loggkontrollen"),
    Typ("kvalitet.arendedragning_anmald", "Ärendet anmält till ärendedragning"),
    Typ("kvalitet.arendedragning_slutsats", "Ärendedragningens slutsats"),
    Typ("kvalitet.avslutsorsak", "Avslutsorsak registrerad för statistiken"),
]
