"""Staff pages of barnkonsekvens (docs/regler.md: Barnkonsekvensanalys): the requirement and
analyses of an ansökan, one child's analysis, the orosanmälningar of an Akt, and the figures for
kvalitet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansokan.access import ansokan_for_user
from bistand.access import akt_for_user, enheter_for_uppfoljning, far_skriva_i_akt, har_roll
from bistand.diagram import stapeldiagram
from bistand.forms import fel_till_formular
from bistand.models import ENHETSROLLER, Roll

from . import forms, selectors, services

NYCKELTAL_ROLLER = (Roll.ENHETSCHEF, Roll.FORSTE, Roll.KVALITET)


def _far_skriva(request: HttpRequest) -> None:
    """Handläggare, förste socialsekreterare and enhetschef write; kvalitet only reads."""
    if request.method == "POST" and not har_roll(request.user, *ENHETSROLLER):
        raise Http404


@login_required
def oversikt(request: HttpRequest, pk: int) -> HttpResponse:
    ansokan = ansokan_for_user(request.user, pk, sida="barnkonsekvens", sokvag=request.path)
    o = selectors.ansokan_oversikt(ansokan)
    return render(request, "barnkonsekvens/oversikt.html", {"ansokan": ansokan, "o": o})


@login_required
def analys(request: HttpRequest, pk: int, barn_pk: int) -> HttpResponse:
    ansokan = ansokan_for_user(request.user, pk, sida="barnkonsekvensanalys", sokvag=request.path)
    barn = selectors.barn_i_akten(ansokan, barn_pk)
    if barn is None:
        raise Http404
    _far_skriva(request)
    befintlig = selectors.analys_for_barn(ansokan, barn)
    sida = {"ansokan": ansokan, "barn": barn, "analys": befintlig}
    if (befintlig is not None and befintlig.signerad is not None) or not far_skriva_i_akt(
        request.user, ansokan.akt_id
    ):
        return render(request, "barnkonsekvens/analys_signerad.html", sida)
    forra = services.bekraftbar_forra_analys(ansokan, barn) if befintlig is None else None
    bekraftelse_fel = ""
    if request.method == "POST" and "bekrafta_forra" in request.POST:
        try:
            services.analys_bekrafta_forra(
                ansokan=ansokan,
                barn=barn,
                av=request.user,
                bekraftelse=request.POST.get("bekraftelse", "")[:2000],
            )
        except ValidationError as fel:
            bekraftelse_fel = " ".join(fel.messages)
        else:
            messages.success(request, f"Förra månadens analys för {barn.fornamn} gäller.")
            if request.POST.get("tillbaka") == "utredning":  # confirmed on the utredning page
                return redirect(reverse("utredning", args=[ansokan.pk]) + "#barnkonsekvens")
            return redirect("barnkonsekvens:oversikt", pk=ansokan.pk)
        sida |= {"bekraftelse_fel": bekraftelse_fel, "bekraftelse": request.POST.get("bekraftelse")}
    sida["forra"] = forra
    data = None if "bekrafta_forra" in request.POST else request.POST or None
    form = forms.AnalysForm(data, initial=forms.AnalysForm.fran_analys(befintlig))
    if form.is_valid():
        try:
            sparad = services.analys_spara(
                ansokan=ansokan, barn=barn, av=request.user, **form.cleaned_data
            )
            if "signera" in request.POST:
                services.analys_signera(analys=sparad, av=request.user)
                messages.success(request, f"Analysen för {barn.fornamn} är signerad.")
                return redirect("barnkonsekvens:oversikt", pk=ansokan.pk)
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Utkastet är sparat.")
            return redirect("barnkonsekvens:analys", pk=ansokan.pk, barn_pk=barn.pk)
    stod = selectors.ansokan_oversikt(ansokan).stod
    return render(request, "barnkonsekvens/analys.html", {**sida, "form": form, "stod": stod})


@login_required
def orosanmalan(request: HttpRequest, pk: int) -> HttpResponse:
    """Register an orosanmälan from the Akt (docs/regler.md: Barnkonsekvensanalys) and list the
    earlier ones."""
    akt = akt_for_user(request.user, pk, sida="orosanmalan", sokvag=request.path)
    _far_skriva(request)
    barn_val = [m.person for m in selectors.akt_barn(akt)]
    form = forms.OrosanmalanForm(request.POST or None, barn_val=barn_val)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.orosanmalan_registrera(
                akt=akt,
                av=request.user,
                datum=data["datum"],
                mottagare=data["mottagare"],
                skal=data["skal"],
                barn=next((p for p in barn_val if p.pk == data["barn"]), None),
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Orosanmälan är registrerad och journalförd.")
            return redirect("barnkonsekvens:orosanmalan", pk=akt.pk)
    rader = selectors.orosanmalningar_for_akt(akt)
    return render(
        request,
        "barnkonsekvens/orosanmalan.html",
        {
            "akt": akt,
            "form": form,
            "rader": rader,
            "kan_skriva": far_skriva_i_akt(request.user, akt.pk),
        },
    )


@login_required
@require_POST
def aterkoppling(request: HttpRequest, pk: int, anmalan_pk: int) -> HttpResponse:
    """The receiving unit reported that the förhandsbedömning is made."""
    akt = akt_for_user(request.user, pk, sida="orosanmalan", sokvag=request.path)
    _far_skriva(request)
    anmalan = selectors.orosanmalan_for_akt(akt, anmalan_pk)
    if anmalan is None:
        raise Http404
    form = forms.AterkopplingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("datum") or "Ange ett giltigt datum.")
        services.orosanmalan_aterkoppling(
            anmalan=anmalan, av=request.user, datum=form.cleaned_data["datum"]
        )
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Återkopplingen är registrerad.")
    return redirect("barnkonsekvens:orosanmalan", pk=akt.pk)


@login_required
def nyckeltal(request: HttpRequest) -> HttpResponse:
    """Figures per Enhet and month (docs/regler.md: Barnkonsekvensanalys): enhetschef and förste
    socialsekreterare see their own Enhet, kvalitet every Enhet of the nämnd; others get 404."""
    enheter = enheter_for_uppfoljning(request.user)
    if not enheter.exists():
        raise Http404
    rader = selectors.nyckeltal(enheter=enheter, slut=timezone.localdate())
    diagram = stapeldiagram(
        [(f"{r.enhet} {r.manad:%Y-%m}", r.andel_klara) for r in rader if r.andel_klara is not None],
        titel="Andel krävda analyser klara före beslutet",
        enhet="%",
    )
    return render(request, "barnkonsekvens/nyckeltal.html", {"rader": rader, "diagram": diagram})
