"""The kinds of case-history events the ansokan app writes (bistand.handelser).

A status move writes the kind of the state it reaches (`status_typ`); the other kinds record a
komplettering, an attachment, a message or a signature. `synlig_for_sokande` says whether the
applicant sees the kind in Mina sidor.
"""

from bistand.handelser import Typ

from .models import Status

TYPER = [
    Typ("ansokan.inkommen", "Ansökan mottagen", True),
    Typ("ansokan.vantar_komplettering", "Ansökan väntar på komplettering", False),
    Typ("ansokan.ater_inkommen", "Ansökan åter hos handläggaren efter komplettering", False),
    Typ("ansokan.under_utredning", "Ansökan utreds", True),
    Typ("ansokan.beslutad", "Beslut fattat", True),
    Typ("ansokan.avslutad", "Ärendet avslutat", True),
    Typ("ansokan.aterkallad", "Ansökan återkallad", True),
    Typ("ansokan.komplettering_begard", "Komplettering begärd", True),
    Typ("ansokan.komplettering_inkommen", "Komplettering inkommen", True),
    Typ("ansokan.frist_andrad", "Nytt datum för komplettering", True),
    Typ("ansokan.bilaga", "Bilaga inkommen", True),
    Typ("ansokan.meddelande_in", "Meddelande från sökande", True),
    Typ("ansokan.meddelande_ut", "Meddelande till sökande", True),
    Typ("ansokan.underskrift", "Medsökande har skrivit under", True),
    Typ("ansokan.komplett", "Ansökan bedömd som komplett", False),
    Typ("ansokan.forsening", "Underrättelse om försening", True, "FL 11 §"),
    Typ("ansokan.begaran_avgorande", "Begäran om avgörande", True, "FL 12 §"),
]

_STATUS = {
    Status.INKOMMEN: "ansokan.inkommen",
    Status.KOMPLETTERING_BEGARD: "ansokan.vantar_komplettering",
    Status.UNDER_UTREDNING: "ansokan.under_utredning",
    Status.BESLUTAD: "ansokan.beslutad",
    Status.AVSLUTAD: "ansokan.avslutad",
    Status.ATERKALLAD: "ansokan.aterkallad",
}


def status_typ(fran: str, till: str) -> str:
    """The kind of event a move from `fran` to `till` writes."""
    if fran == Status.KOMPLETTERING_BEGARD and till == Status.INKOMMEN:
        return "ansokan.ater_inkommen"
    return _STATUS[till]
