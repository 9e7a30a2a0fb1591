"""The kinds of case-history events the beslut app writes (bistand.handelser).

An appeal's status move writes the kind of the state it reaches (`overklagande_typ`).
`synlig_for_sokande` says whether the applicant sees the kind in Mina sidor.
"""

from bistand.handelser import Typ

TYPER = [
    Typ("beslut.fattat", "Beslut fattat om en post", True),
    Typ("beslut.andrat", "Beslutet ändrat av nämnden", True, "FL 37–38 §§"),
    Typ("beslut.delgivet", "Beslutet har delgetts", True, "FL 44 §"),
    Typ("beslut.laga_kraft", "Beslutet har vunnit laga kraft", True),
    Typ("samrad.begart", "Samråd om avsteg begärt", False),
    Typ("samrad.besvarat", "Samråd om avsteg besvarat", False),
    Typ("overklagande.inkommen", "Överklagande inkommet", True),
    Typ("overklagande.rattidsprovad", "Överklagandet kom in i tid", True),
    Typ("overklagande.avvisad", "Överklagandet avvisat (kom in för sent)", True),
    Typ("overklagande.omprovad", "Beslutet omprövat", True),
    Typ("overklagande.galler_nytt_beslut", "Överklagandet gäller nu det nya beslutet", True),
    # An older state, kept for events written before it was removed (FL 46 § 2 st.).
    Typ("overklagande.forfallen", "Överklagandet förföll (beslutet ändrat)", True),
    Typ("overklagande.overlamnad", "Överklagandet skickat till förvaltningsrätten", True),
    Typ("overklagande.avgjord", "Förvaltningsrätten har avgjort överklagandet", True),
    Typ("overklagande.aterkallad", "Överklagandet återkallat", True),
]


def overklagande_typ(till: str) -> str:
    """The kind of event an appeal's move to `till` writes."""
    return f"overklagande.{till}"
