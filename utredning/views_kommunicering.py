"""Kommunicering that reaches the applicant (FL 25 §): the material as a PDF for staff and in
Mina sidor, her answer in the e-tjänst, and the handläggare marking an answer as read.

Every view: access function (404 + access log) → form → one service call → redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ansokan import filer
from ansokan.access import ansokan_for_sokande, ansokan_for_user, ansokan_for_write
from ansokan.inloggning import person_kravs
from bistand.forms import fel_till_formular

from . import forms, services
from .models import Kommunicering


def _pdf_svar(k: Kommunicering) -> FileResponse:

    try:
        fil = filer.oppna(k.pdf_sokvag)
    except (FileNotFoundError, IsADirectoryError):
        raise Http404 from None
    svar = FileResponse(fil, filename=f"kommunicering-{k.pk}.pdf", content_type="application/pdf")
    svar["Cache-Control"] = "no-store"
    return svar


@login_required
def pdf(request: HttpRequest, pk: int, kpk: int) -> FileResponse:
    """The material and the printable letter for an applicant without the e-tjänst."""
    ansokan = ansokan_for_user(request.user, pk, sida="kommunicering-pdf", sokvag=request.path)
    return _pdf_svar(get_object_or_404(Kommunicering, pk=kpk, utredning__ansokan=ansokan))


@require_POST
@login_required
def svar_last(request: HttpRequest, pk: int, kpk: int) -> HttpResponse:
    ansokan = ansokan_for_write(request.user, pk, sida="kommunicering", sokvag=request.path)
    k = get_object_or_404(Kommunicering, pk=kpk, utredning__ansokan=ansokan)
    try:
        services.kommunicering_svar_last(kommunicering=k, av=request.user)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Svaret är markerat som läst.")
    return redirect(f"/ansokningar/{ansokan.pk}/utredning/#kommunicering")


@person_kravs
def etjanst(request: HttpRequest, pk: int, kpk: int) -> HttpResponse:
    """The applicant reads the material and answers with text and files (FL 25 §)."""
    ansokan = ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-kommunicering", sokvag=request.path
    )
    k = get_object_or_404(Kommunicering, pk=kpk, utredning__ansokan=ansokan)
    form = forms.EtjanstKommuniceringSvarForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and k.besvarad is None and form.is_valid():
        try:
            services.kommunicering_besvara(
                kommunicering=k,
                svar=form.cleaned_data["svar"],
                av_person=request.sokande,
                filer=form.cleaned_data["filer"],
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Tack! Ditt svar har kommit fram till din handläggare.")
            return redirect("ansokan:ansokan", pk=ansokan.pk)
    return render(
        request,
        "utredning/etjanst_kommunicering.html",
        {"ansokan": ansokan, "k": k, "form": form, "bilagor": list(k.bilagor.all())},
        status=400 if form.errors else 200,
    )


@person_kravs
def etjanst_pdf(request: HttpRequest, pk: int, kpk: int) -> FileResponse:
    ansokan = ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-kommunicering", sokvag=request.path
    )
    return _pdf_svar(get_object_or_404(Kommunicering, pk=kpk, utredning__ansokan=ansokan))
