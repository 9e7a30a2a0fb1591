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
    logga_lista(
        request.user,
        {b.akt for b in lage.overskridna + lage.snart},
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
            "idag": idag,
        },
    )
