"""Gallring: the avdelningschef reviews the proposal and its report (docs/regler.md: Gallring
och registerutdrag). Other roles get 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import access, gallring
from .models import Gallringsforslag, Roll


def _forslag_for_user(user, pk: int | None = None):
    if not access.har_roll(user, Roll.AVDELNINGSCHEF) or not user.namnd_id:
        raise Http404
    urval = Gallringsforslag.objects.filter(namnd_id=user.namnd_id)
    if pk is None:
        return urval
    forslag = urval.filter(pk=pk).first()
    if forslag is None:
        raise Http404
    return forslag


@login_required
def lista(request: HttpRequest) -> HttpResponse:
    return render(
        request, "bistand/gallring_lista.html", {"forslag": _forslag_for_user(request.user)}
    )


@login_required
def visa(request: HttpRequest, pk: int) -> HttpResponse:
    forslag = _forslag_for_user(request.user, pk)
    fel = ""
    if request.method == "POST":
        try:
            gallring.gallringsforslag_granska(
                forslag=forslag,
                av=request.user,
                godkann=request.POST.get("beslut") == "godkann",
                kommentar=request.POST.get("kommentar", ""),
            )
        except ValidationError as e:
            fel = " ".join(e.messages)
        else:
            messages.success(request, "Granskningen är sparad.")
            return redirect("gallring", pk=forslag.pk)
    rader = list(forslag.rader.all())
    return render(
        request,
        "bistand/gallring.html",
        {
            "forslag": forslag,
            "gallras": [r for r in rader if r.atgard == "gallras"],
            "bevaras": [r for r in rader if r.atgard == "bevaras"],
            "fel": fel,
            "kommentar": request.POST.get("kommentar", ""),
        },
    )
