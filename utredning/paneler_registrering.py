"""Panels that utredning adds to the ansökan pages (ansokan.paneler), registered in ready()."""

from __future__ import annotations

from django.template.loader import render_to_string

from . import selectors
from .models import Handlingsplan, Kommunicering, Publicering


def personal_panel(request, ansokan):
    """On the staff ansökan page: the utredning's status and links."""

    utredning = selectors.utredning_for_ansokan(ansokan)
    return render_to_string(
        "utredning/_panel_personal.html",
        {
            "ansokan": ansokan,
            "utredning": utredning,
            "sammanfattning": selectors.kontroller_sammanfattning(ansokan) if utredning else None,
        },
        request=request,
    )


def sokande_panel(request, ansokan):
    """On the applicant's ansökan page: published notes and the handlingsplan to sign."""

    publiceringar = list(Publicering.objects.filter(ansokan=ansokan).select_related("anteckning"))
    plan = Handlingsplan.objects.filter(utredning__ansokan=ansokan).first()
    kommuniceringar = list(
        Kommunicering.objects.filter(utredning__ansokan=ansokan).order_by("-skickad", "-pk")
    )
    if not publiceringar and plan is None and not kommuniceringar:
        return None
    return render_to_string(
        "utredning/_panel_sokande.html",
        {
            "ansokan": ansokan,
            "publiceringar": publiceringar,
            "plan": plan,
            "kommuniceringar": kommuniceringar,
        },
        request=request,
    )
