"""The enhetschef's dashboard: caseload and deadlines, as tables and charts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bistand.access import logga_lista

from . import selectors
from .diagram import stapeldiagram


@login_required
def oversikt(request: HttpRequest) -> HttpResponse:
    enheter = selectors.dashboard_enheter(request.user)
    if not enheter.exists():
        raise Http404
    idag = timezone.localdate()
    belastning = selectors.arbetsbelastning(enheter)
    lage = selectors.bevakningslage(enheter, idag)
    akuta = selectors.akuta_idag(enheter, idag)
    manader = selectors.vantetid_manader(enheter)
    oppna = selectors.oppna_vantetider(enheter, idag)
    logga_lista(
        request.user,
        {b.akt for b in lage.overskridna + lage.snart + akuta},
        sida="dashboard",
        sokvag=request.path,
    )
    return render(
        request,
        "kvalitet/oversikt.html",
        {
            "enheter": list(enheter),
            "belastning": belastning,
            "belastning_diagram": stapeldiagram(
                [(b.namn, b.akter) for b in belastning],
                titel="Akter per handläggare",
                enhet="akter",
            ),
            "ej_tilldelade": selectors.ej_tilldelade(enheter),
            "lage": lage,
            "akuta": akuta,
            "manader": manader,
            "vantetid_diagram": stapeldiagram(
                [(f"{m.manad:%Y-%m} {m.enhet}", float(m.medel_dagar or 0)) for m in manader],
                titel="Väntetid till beslut, medel dagar per månad",
                enhet="dagar",
                markera_over=14,
            ),
            "oppna": oppna,
            "oppna_diagram": stapeldiagram(
                oppna,
                titel="Öppna ansökningar efter dagar sedan första kontakt",
                enhet="ansökningar",
            ),
            "idag": idag,
        },
    )
