"""Panels utbetalning adds to the ansökan pages (ansokan.paneler): the orders of the ansökan's
decisions for staff, and what was paid and when for the applicant in Mina sidor. Access to the
ansökan has been checked by the page that renders them."""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from bistand.access import har_roll
from bistand.models import ENHETSROLLER

from . import forms, selectors
from .models import Orderstatus


def personal_panel(request, ansokan):
    if not har_roll(request.user, *ENHETSROLLER):
        return None
    ordrar = list(selectors.ordrar_for_ansokan(ansokan))
    minne: dict = {}
    for o in ordrar:
        o.visningsnamn = selectors.mottagare_namn(request.user, o.mottagare, minne=minne)
    # Rendered without the context processors (they would query again for every panel); the
    # form's CSRF token is passed in.
    return render_to_string(
        "utbetalning/_panel_personal.html",
        {
            "ansokan": ansokan,
            "ordrar": ordrar,
            "narvaro_form": forms.NarvaroProvningForm(),
            "request": request,
            "csrf_token": get_token(request),
        },
    )


def sokande_panel(request, ansokan):
    ordrar = [
        o
        for o in selectors.ordrar_for_ansokan(ansokan)
        if o.status in (Orderstatus.I_FIL, Orderstatus.BETALD, Orderstatus.AVVISAD)
    ]
    if not ordrar:
        return None
    return render_to_string("utbetalning/_panel_sokande.html", {"ordrar": ordrar}, request=request)
