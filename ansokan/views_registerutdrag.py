"""The applicant asks for her registerutdrag in the e-tjänst and fetches it once a person has
reviewed and released it (GDPR art. 15; docs/regler.md: Registerutdrag)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from bistand import registerutdrag
from bistand.models import Registerutdrag

from .inloggning import person_kravs


@person_kravs
def begar(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        registerutdrag.registerutdrag_begar(person=request.sokande)
        messages.success(
            request,
            "Din begäran är mottagen. Du får utdraget här inom en månad.",
        )
        return redirect("ansokan:registerutdrag")
    return render(
        request,
        "etjanst/registerutdrag.html",
        {"utdrag": Registerutdrag.objects.filter(person=request.sokande)},
    )


@person_kravs
def pdf(request: HttpRequest, pk: int) -> FileResponse:
    utdrag = Registerutdrag.objects.filter(
        pk=pk, person=request.sokande, status=Registerutdrag.Status.UTLAMNAT
    ).first()
    if utdrag is None:
        raise Http404
    fil = (Path(settings.FILE_STORAGE_DIR) / utdrag.sokvag).open("rb")
    return FileResponse(
        fil, as_attachment=True, filename="registerutdrag.pdf", content_type="application/pdf"
    )
