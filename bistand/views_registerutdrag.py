"""Staff review of a registerutdrag before release (docs/regler.md: Registerutdrag): read by
anyone who may open one of her Akter; leaving a row out and releasing are writes, for the
case-working roles of her Enhet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from . import access, registerutdrag
from .models import Registerutdrag, Utelamning


def _utdrag_for_user(user, pk: int, *, skriva: bool = False) -> Registerutdrag:
    """404 for missing and forbidden alike: the user must be able to open one of her Akter
    (to change the extract: to write in one)."""
    utdrag = Registerutdrag.objects.filter(pk=pk).select_related("person").first()
    akter = access.akter_for_write(user) if skriva else access.akter_for_user(user)
    if utdrag is None or not akter.filter(hushall__medlemmar__person=utdrag.person).exists():
        raise Http404
    return utdrag


@login_required
def granska(request: HttpRequest, pk: int) -> HttpResponse:
    utdrag = _utdrag_for_user(request.user, pk, skriva=request.method == "POST")
    fel = ""
    if request.method == "POST":
        atgard = request.POST.get("atgard", "lamna_ut")
        nyckel = request.POST.get("nyckel", "")
        try:
            if atgard == "utelamna":
                registerutdrag.registerutdrag_utelamna(
                    utdrag=utdrag,
                    nyckel=nyckel,
                    skal=request.POST.get("skal", ""),
                    motivering=request.POST.get("motivering", ""),
                    av=request.user,
                )
                messages.success(request, "Uppgiften lämnas inte ut.")
            elif atgard == "ta_med":
                registerutdrag.registerutdrag_ta_med(utdrag=utdrag, nyckel=nyckel)
                messages.success(request, "Uppgiften tas med i utdraget igen.")
            elif utdrag.status == Registerutdrag.Status.BEGARD:
                registerutdrag.registerutdrag_lamna_ut(utdrag=utdrag, av=request.user)
                messages.success(
                    request, "Registerutdraget är utlämnat. Sökanden kan hämta det i e-tjänsten."
                )
        except ValidationError as e:
            fel = " ".join(e.messages)
        else:
            return redirect("registerutdrag", pk=utdrag.pk)
    return render(
        request,
        "bistand/registerutdrag.html",
        {
            "utdrag": utdrag,
            "delar": registerutdrag.granskningsdelar(utdrag),
            "skal": Utelamning.Skal.choices,
            "fel": fel,
            "kan_andra": utdrag.status == Registerutdrag.Status.BEGARD
            and access.akter_for_write(request.user)
            .filter(hushall__medlemmar__person=utdrag.person)
            .exists(),
        },
        status=400 if fel else 200,
    )
