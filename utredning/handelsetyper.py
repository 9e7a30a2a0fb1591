"""The kinds of case-history events the utredning app writes (bistand.handelser): the
investigation's steps, kommunicering and the journal entries shared with the applicant.
`synlig_for_sokande` says whether the applicant sees the kind in Mina sidor."""

from bistand.handelser import Typ

TYPER = [
    Typ("journal.delad", "Journalanteckning visas på Mina sidor", True),
    Typ("kommunicering.skickad", "Underlag skickat till sökande för synpunkter", True, "FL 25 §"),
    Typ("kommunicering.besvarad", "Svar på kommunicering", True, "FL 25 §"),
    Typ("mote.bokat", "Möte bokat", True),
    Typ("mote.hallet", "Möte hållet", True),
    Typ("handlingsplan.signerad_sokande", "Sökande har skrivit under handlingsplanen", True),
    Typ(
        "handlingsplan.signerad_handlaggare", "Handläggaren har skrivit under handlingsplanen", True
    ),
    Typ("remiss.skickad", "Remiss till arbetsmarknadsenheten", True),
    Typ("narvaro.registrerad", "Närvaro registrerad", False),
    Typ("hushall.bekraftat", "Hushållets uppgifter bekräftade", False),
    Typ("utredning.som_forra_manaden", "Förslag som förra månaden", False),
    Typ("akt.omfordelad", "Akten flyttad till en annan handläggare", False),
]
