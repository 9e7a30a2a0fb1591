"""What a decider chooses, as `beslut.services.beslut_fatta` takes it: a plain value with no
dependency on the services, so forms and pages can build it without importing them
(docs/beslut/0007-brev-som-pdf-a-fran-ren-renderare.md: the renderer never reaches the services).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from ansokan.models import AnsokanPost

from .models import Beslut, Samrad


@dataclass
class PostBeslut:
    """What the decider chose for one requested post.

    `typ` None lets `beslut_fatta` choose: an ordinary decision, or a tillägg to the standing
    decision when the month is already decided. `andrar` makes it an ändringsbeslut."""

    post: AnsokanPost
    utfall: str
    lagrum_kod: str
    belopp: Decimal | int | None = None
    motivering: str = ""
    period_fran: datetime.date | None = None
    period_till: datetime.date | None = None
    period_skal: str = ""
    brist_pa_underlag: bool = False
    radrum: str = ""
    radrum_slut: datetime.date | None = None
    samrad: Samrad | None = None
    avsteg: bool = False
    andrar: Beslut | None = None
    typ: str | None = None
    tillagg_till: Beslut | None = None
    andringsgrund: str = ""
    andringsanledning: str = ""
    avvisningsgrund: str = ""
    delegation: object = None
