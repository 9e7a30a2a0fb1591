"""Staff review of a registerutdrag before release (docs/regler.md: Registerutdrag)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import access, registerutdrag
from .models import Registerutdrag


def _utdrag_for_user(user, pk: int) -> Registerutdrag:
    """404 for missing and forbidden alike: the user must be able to open one of her Akter."""
    utdrag = Registerutdrag.objects.filter(pk=pk).select_related("person").first()
    if utdrag is None or not (
        access.akter_for_user(user).filter(hushall__medlemmar__person=utdrag.person).exists()
    ):
        raise Http404
    return utdrag


@login_required
def granska(request: HttpRequest, pk: int) -> HttpResponse:
    utdrag = _utdrag_for_user(request.user, pk)
    if request.method == "POST" and utdrag.status == Registerutdrag.Status.BEGARD:
        registerutdrag.registerutdrag_lamna_ut(utdrag=utdrag, av=request.user)
        messages.success(
            request, "Registerutdraget är utlämnat. Sökanden kan hämta det i e-tjänsten."
        )
        return redirect("registerutdrag", pk=utdrag.pk)
    return render(
        request,
        "bistand/registerutdrag.html",
        {"utdrag": utdrag, "delar": registerutdrag.delar_for(utdrag.person)},
    )
