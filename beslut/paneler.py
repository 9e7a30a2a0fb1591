"""Panels beslut adds to pages of apps to its left (docs/arkitektur.md: Appar): the staff ansökan
page, the applicant's ansökan page in the e-tjänst, the utredning's förslag page and the Akt page.
Access to the ansökan or the Akt has been checked by the page that renders them."""

from __future__ import annotations

from django.template.loader import render_to_string

from ansokan.models import Typ
from bistand.access import far_skriva_i_akt, har_roll
from bistand.models import ENHETSROLLER
from utredning.selectors import forra_ansokan

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


def akt_panel(request, akt):
    """The Akt's decisions that no longer stand, each with the ändringsbeslut that replaced it
    (FL 37–38 §§: the old decision stays on record)."""
    andringar = selectors.ersatta_beslut_i_akt(akt)
    if not andringar:
        return None
    return render_to_string("beslut/_panel_akt.html", {"andringar": andringar}, request=request)


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
    """The posts without a decision and, for a viewer with the write right on the Akt, the way
    to decide them; a reader (Kvalitet, avdelningschefen) sees the state only (docs/regler.md:
    Behörighet och skyddade personuppgifter)."""
    kan_skriva = far_skriva_i_akt(request.user, ansokan.akt_id)
    forra = forra_ansokan(ansokan) if ansokan.typ == Typ.ATERANSOKAN else None
    # last month's decision beside this month's förslag, post by post
    forra_beslut = selectors.beslut_per_post(forra) if forra is not None else {}
    return render_to_string(
        "beslut/_panel_forslag.html",
        {
            "ansokan": ansokan,
            "obeslutade": selectors.obeslutade_poster(ansokan),
            "kan_skriva": kan_skriva,
            "forra": forra,
            "forra_beslut": list(forra_beslut.values()),
        },
        request=request,
    )
