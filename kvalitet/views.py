"""The enhetschef's dashboard: waiting times, deadlines and caseload, as tables and charts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bistand.access import enheter_for_uppfoljning, logga_lista

from . import selectors


@login_required
def oversikt(request: HttpRequest) -> HttpResponse:
    enheter = enheter_for_uppfoljning(request.user)
    if not enheter.exists():
        raise Http404
    data = selectors.oversikt(enheter, timezone.localdate())
    lage = data["lage"]
    akter = {b.akt for b in lage.overskridna + lage.snart + data["akuta"]}
    logga_lista(request.user, akter, sida="dashboard", sokvag=request.path)
    return render(request, "kvalitet/oversikt.html", data)
