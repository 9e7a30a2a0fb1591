"""Panels beslut adds to pages of apps to its left (docs/arkitektur.md: Appar): the staff ansökan
page, the applicant's ansökan page in the e-tjänst, and the utredning's förslag page. Access to the
ansökan has been checked by the page that renders them."""

from __future__ import annotations

from django.template.loader import render_to_string

from bistand.access import har_roll
from bistand.models import ENHETSROLLER

from . import selectors
from .forms import AvgorandeAvslagForm


def personal_panel(request, ansokan):
    if not har_roll(request.user, *ENHETSROLLER):
        return None
    return render_to_string(
        "beslut/_panel_personal.html",
        {
            "ansokan": ansokan,
            "brev": selectors.beslutsbrev_for_ansokan(ansokan),
            "samrad": selectors.samrad_for_ansokan(ansokan),
            "overklaganden": selectors.overklaganden_for_ansokan(ansokan),
            "obeslutade": selectors.obeslutade_poster(ansokan),
            "kan_overklagas": selectors.negativa_beslut_att_overklaga(ansokan),
            "begaranden": list(ansokan.begaran_om_avgorande.filter(lage="vantar")),
            "avgorande_form": AvgorandeAvslagForm(prefix="avg"),
        },
        request=request,
    )


def sokande_panel(request, ansokan):
    brev = [b for b in selectors.beslutsbrev_for_ansokan(ansokan) if b.skickad]
    if not brev:
        return None
    return render_to_string(
        "beslut/_panel_sokande.html",
        {
            "ansokan": ansokan,
            "brev": brev,
            "overklaganden": selectors.overklaganden_for_ansokan(ansokan),
            "kan_overklagas": selectors.negativa_beslut_att_overklaga(ansokan),
        },
        request=request,
    )


def forslag_panel(request, ansokan):
    return render_to_string(
        "beslut/_panel_forslag.html",
        {"ansokan": ansokan, "obeslutade": selectors.obeslutade_poster(ansokan)},
        request=request,
    )
