"""Tasks that apps to the right put in the worklist (docs/arkitektur.md: Appar): utredning may not
import beslut, so beslut registers a source here in its AppConfig.ready(). A source is a function of
(user, visa, vy_akter) that returns the user's open tasks as `Uppgift` rows, in a fixed number
of queries (`Kalla`). The worklist shows them right after today's akut applications.

A source reads plain values (`values()`), not model instances with their related rows: the
worklist is the page a handläggare opens most, and instances of five related models per task
cost more Python than the database's work (docs/prestanda.md)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from bistand.models import personens_namn
from bistand.selectors import anvandarens_namn


@dataclass(frozen=True)
class Uppgift:
    slag: str  # Swedish label of the kind of task, e.g. "Nytt överklagande"
    text: str
    lank: str
    akt_id: int  # logged as read when the worklist shows the task
    handlaggare: str  # the Akt's handläggare as the page names her, "" when unassigned
    referens: str
    sokande: str
    datum: datetime.date | None
    frist: datetime.date | None
    ny: bool = False  # a new appeal or an unread answer: listed right after today's akut ones


def uppgiftens_kolumner(ansokan: str, akt: str) -> tuple[str, ...]:
    """The columns every task shows — its Akt, the ansökan's referens and applicant, the
    Akt's handläggare — by the paths from the source's model to its ansökan ("" for an
    ansökan itself) and to its Akt; `uppgift` reads them in this order."""
    a = f"{ansokan}__" if ansokan else ""
    return (
        f"{akt}_id",
        f"{a}referens",
        f"{a}sokande__fornamn",
        f"{a}sokande__efternamn",
        f"{akt}__handlaggare__first_name",
        f"{akt}__handlaggare__last_name",
        f"{akt}__handlaggare__username",
    )


def uppgift(kolumner: tuple, **falt) -> Uppgift:
    """A task from the values of `uppgiftens_kolumner` and the source's own fields."""
    akt_id, referens, fornamn, efternamn, h_fornamn, h_efternamn, h_anvandarnamn = kolumner
    return Uppgift(
        akt_id=akt_id,
        referens=referens,
        sokande=personens_namn(fornamn, efternamn),
        handlaggare=anvandarens_namn(h_fornamn, h_efternamn, h_anvandarnamn),
        **falt,
    )


# A source: (user, visa, vy_akter) -> tasks. `vy_akter`, when given, are the ids of the Akter
# in the worklist's view, read once by the worklist (`selectors.arbetslista_akter`): a source
# may start from them instead of from every open task of the nämnd; None: read them yourself.
# Every task lies in one of the view's Akter, so a view without Akter asks no source.
Kalla = Callable[[object, str, list[int] | None], list[Uppgift]]
KALLOR: list[Kalla] = []


def registrera_uppgiftskalla(kalla: Kalla) -> Kalla:
    if kalla not in KALLOR:
        KALLOR.append(kalla)
    return kalla


def uppgifter_for(user, *, visa: str = "mina", vy_akter: list[int] | None = None) -> list[Uppgift]:
    """Every registered source's tasks for the user: new ones first, then the earliest deadline
    first. `vy_akter`: the view's Akter when the worklist has them (see `Kalla`); none
    there, no task."""
    if vy_akter is not None and not vy_akter:
        return []
    rader = [u for kalla in KALLOR for u in kalla(user, visa, vy_akter)]
    return sorted(rader, key=lambda u: (not u.ny, u.frist or datetime.date.max, u.referens))
