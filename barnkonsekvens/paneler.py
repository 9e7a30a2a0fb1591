"""The panels barnkonsekvens adds to pages of apps to its left (docs/regler.md:
Barnkonsekvensanalys; docs/arkitektur.md: Appar): on the utredning's förslag page and on the staff
page of an ansökan. Access to the ansökan has been checked by the page that renders them."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from bistand.access import far_skriva_i_akt

from . import selectors


def forslag_panel(request, ansokan) -> SafeString | None:
    """The requirement, its reasons and a link to the analyses, next to the förslag: to write
    them for a viewer with the write right on the Akt, to read them for anyone else. A viewer
    who may write also confirms last month's signed analysis here, child by child, where one
    is required again this month."""
    if ansokan.akt_id is None:
        return None
    oversikt = selectors.ansokan_oversikt(ansokan)
    kan_skriva = far_skriva_i_akt(request.user, ansokan.akt_id)
    bekrafta = selectors.forra_analyser_att_bekrafta(ansokan, oversikt) if kan_skriva else []
    return render_to_string(
        "barnkonsekvens/_panel.html",
        {"ansokan": ansokan, "o": oversikt, "kan_skriva": kan_skriva, "bekrafta": bekrafta},
        request=request,
    )


def ansokan_panel(request, ansokan) -> SafeString | None:
    """The same on the ansökan's staff page, when a child is concerned or an analysis is
    required."""
    if ansokan.akt_id is None:
        return None
    oversikt = selectors.ansokan_oversikt(ansokan)
    if not oversikt.krav.kravs and not oversikt.rader:
        return None
    kan_skriva = far_skriva_i_akt(request.user, ansokan.akt_id)
    return render_to_string(
        "barnkonsekvens/_panel.html",
        {"ansokan": ansokan, "o": oversikt, "kan_skriva": kan_skriva},
        request=request,
    )
