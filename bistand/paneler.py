"""Panels that apps to the right add to a staff user's start page (docs/arkitektur.md: Appar).

The core imports no app, so an app registers a function of (request) that returns rendered
HTML (a SafeString) or None in its AppConfig.ready(); the start page of each case-working role
(the worklist) and the Akt list render them in order. A panel checks its own access and logs
its own reads.

`registrera_aktpanel` adds a panel to the Akt page: a function of (request, akt), called after
the page has checked access to the Akt (e.g. decisions in the Akt that no longer stand).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

Startpanel = Callable[[HttpRequest], SafeString | None]
STARTPANELER: list[Startpanel] = []


def registrera_startpanel(panel: Startpanel) -> Startpanel:
    if panel not in STARTPANELER:
        STARTPANELER.append(panel)
    return panel


def startpaneler(request: HttpRequest) -> list[SafeString]:
    return [html for panel in STARTPANELER if (html := panel(request))]


Aktpanel = Callable[[HttpRequest, object], SafeString | None]
AKTPANELER: list[Aktpanel] = []


def registrera_aktpanel(panel: Aktpanel) -> Aktpanel:
    if panel not in AKTPANELER:
        AKTPANELER.append(panel)
    return panel


def aktpaneler(request: HttpRequest, akt) -> list[SafeString]:
    return [html for panel in AKTPANELER if (html := panel(request, akt))]
