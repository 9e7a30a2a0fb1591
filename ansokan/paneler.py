"""Panels that apps to the right add to the ansökan pages (docs/arkitektur.md: Appar).

Ansokan may not import utredning, barnkonsekvens or beslut, so they register panels in their
AppConfig.ready():

- `registrera_personal_panel`: on the staff page of an ansökan (/ansokningar/<pk>/), e.g. the
  utredning's status and links, or the decisions and appeals.
- `registrera_sokande_panel`: on the applicant's page of an ansökan in the e-tjänst, e.g. the
  decision letters, the handlingsplan to sign, the appeal form.

- `registrera_mina_sidor_panel`: on the applicant's Mina sidor, a function of (request,
  person) — e.g. the applicant's own synpunkter and the answers to them.

A panel is a function of (request, ansokan) that returns rendered HTML (a SafeString) or None.
Access has already been checked for the ansökan by the page that renders the panels.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

Panel = Callable[[HttpRequest, object], SafeString | None]
PERSONAL_PANELER: list[Panel] = []
SOKANDE_PANELER: list[Panel] = []
MINA_SIDOR_PANELER: list[Panel] = []


def registrera_personal_panel(panel: Panel) -> Panel:
    if panel not in PERSONAL_PANELER:
        PERSONAL_PANELER.append(panel)
    return panel


def registrera_sokande_panel(panel: Panel) -> Panel:
    if panel not in SOKANDE_PANELER:
        SOKANDE_PANELER.append(panel)
    return panel


def personal_paneler(request: HttpRequest, ansokan) -> list[SafeString]:
    return [html for panel in PERSONAL_PANELER if (html := panel(request, ansokan))]


def sokande_paneler(request: HttpRequest, ansokan) -> list[SafeString]:
    return [html for panel in SOKANDE_PANELER if (html := panel(request, ansokan))]


def registrera_mina_sidor_panel(panel: Panel) -> Panel:
    if panel not in MINA_SIDOR_PANELER:
        MINA_SIDOR_PANELER.append(panel)
    return panel


def mina_sidor_paneler(request: HttpRequest, person) -> list[SafeString]:
    """Panels for Mina sidor; `person` is the logged-in applicant (None before they have told
    us their name)."""
    return [html for panel in MINA_SIDOR_PANELER if (html := panel(request, person))]


# Things the applicant must do, listed first in Mina sidor: a function of the Person that
# returns (text, link) pairs for her own ansökningar, in a fixed number of queries.
AttGora = Callable[[object], list[tuple[str, str]]]
SOKANDE_ATT_GORA: list[AttGora] = []


def registrera_sokande_att_gora(kalla: AttGora) -> AttGora:
    if kalla not in SOKANDE_ATT_GORA:
        SOKANDE_ATT_GORA.append(kalla)
    return kalla


def sokande_att_gora(person) -> list[tuple[str, str]]:
    return [rad for kalla in SOKANDE_ATT_GORA for rad in kalla(person)]
