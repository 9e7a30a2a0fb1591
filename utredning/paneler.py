"""Panels that apps to the right add to the utredning's förslag page (docs/arkitektur.md: Appar).

Utredning may not import barnkonsekvens or beslut, so they register a panel here in their
AppConfig.ready(): a function of (request, ansokan) that returns rendered HTML or None.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

Panel = Callable[[HttpRequest, object], SafeString | None]
FORSLAG_PANELER: list[Panel] = []


def registrera_forslag_panel(panel: Panel) -> Panel:
    if panel not in FORSLAG_PANELER:
        FORSLAG_PANELER.append(panel)
    return panel


def forslag_paneler(request: HttpRequest, ansokan) -> list[SafeString]:
    return [html for panel in FORSLAG_PANELER if (html := panel(request, ansokan))]
