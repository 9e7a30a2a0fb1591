"""What synpunkter adds to other apps' pages through their hooks: the manager's start page
(synpunkter to handle) and the applicant's Mina sidor (her synpunkter and the answers)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ansokan.access import SokandeAktor
from bistand.access import har_roll, logga
from bistand.models import Roll

from . import access, selectors


def startpanel(request: HttpRequest) -> SafeString | None:
    """The open synpunkter routed to the logged-in manager and the reports she is
    responsible for, with their deadlines. Only managers handle them, so nobody else pays a
    query."""
    if not har_roll(request.user, Roll.ENHETSCHEF, Roll.AVDELNINGSCHEF):
        return None
    rader = selectors.att_handlagga(request.user)
    avvikelser = selectors.avvikelser_att_utreda(request.user)
    if not rader and not avvikelser:
        return None
    access.logga_synpunkter(request.user, rader, sida="startsida-synpunkter", sokvag=request.path)
    return render_to_string(
        "synpunkter/_startpanel.html",
        {"rader": rader, "avvikelser": avvikelser},
        request=request,
    )


def mina_sidor_panel(request: HttpRequest, person) -> SafeString:
    """The applicant's own synpunkter and a link to give one."""
    rader = selectors.mina_synpunkter(person) if person is not None else []
    if rader:
        logga(
            SokandeAktor(person),
            sida="mina-sidor-synpunkter",
            beviljad=True,
            person_id=person.pk,
            sokvag=request.path,
        )
    return render_to_string("synpunkter/_mina_sidor.html", {"rader": rader}, request=request)
