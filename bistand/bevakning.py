"""The registry of Bevakning kinds (docs/arkitektur.md: Periodiska jobb).

Each app registers the kinds it creates when its AppConfig is ready, so the core imports no
app: `registrera_typ("komplettering", "Komplettering ska vara inne")`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BevakningTyp:
    kod: str
    namn: str
    beskrivning: str = ""


TYPER: dict[str, BevakningTyp] = {}


def registrera_typ(kod: str, namn: str, beskrivning: str = "") -> BevakningTyp:
    typ = BevakningTyp(kod=kod, namn=namn, beskrivning=beskrivning)
    TYPER[kod] = typ
    return typ


def typ_namn(kod: str) -> str:
    typ = TYPER.get(kod)
    return typ.namn if typ else kod


# The one kind the core itself watches: a manual reminder on an Akt.
registrera_typ("paminnelse", "Påminnelse", "En bevakning som handläggaren själv lagt upp.")
