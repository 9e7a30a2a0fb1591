"""The enhetschef's dashboard: waiting times, deadlines and caseload, as tables and charts."""

from __future__ import annotations

import datetime
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bistand.access import enheter_for_uppfoljning, logga_lista
from bistand.diagram import stapeldiagram
from bistand.forms import fel_till_formular
from bistand.models import Akt
from bistand.selectors import parameter_varde

from . import access as kq_access
from . import selectors, services
from .forms import (
    BytGranskareForm,
    DraStickprovForm,
    GranskningForm,
    LoggBedomningForm,
    LoggFilterForm,
    LoggStickprovForm,
    UppfoljningForm,
)
from .models import (
    Granskning,
    GranskningAtgard,
    GranskningsPunkt,
    GranskningStatus,
    LoggStickprov,
    LoggStickprovRad,
)


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


# ---- journalgranskning ----------------------------------------------------------------------


def _ar(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("ar", ""))
    except ValueError:
        return timezone.localdate().year


@login_required
def journalgranskning(request: HttpRequest) -> HttpResponse:
    """Leaders draw and follow up the sample; everyone sees the reviews they must do and the
    feedback on their own work."""
    if not kq_access.kan_se_kvalitetsarbete(request.user):
        raise Http404
    ar = _ar(request)
    leds = kq_access.enheter_som_leds(request.user)
    form = None
    if request.method == "POST":
        if not leds.exists():
            raise Http404
        form = DraStickprovForm(request.POST, enheter=leds)
        if form.is_valid():
            try:
                nya = services.granskning_dra_stickprov(
                    av=request.user, **{k: v for k, v in form.cleaned_data.items()}
                )
            except ValidationError as fel:
                fel_till_formular(form, fel)
            else:
                messages.success(request, f"{len(nya)} akter drogs till granskning.")
                return redirect(f"{request.path}?ar={form.cleaned_data['ar']}")
    elif leds.exists():
        form = DraStickprovForm(
            enheter=leds, initial={"ar": ar, "urvalsfro": secrets.randbelow(10**6)}
        )
    mina = (
        Granskning.objects.select_related("akt", "handlaggare")
        .filter(granskare=request.user)
        .exclude(status=GranskningStatus.ATERKOPPLAD)
    )
    till_mig = Granskning.objects.select_related("akt", "granskare").filter(
        handlaggare=request.user, status=GranskningStatus.ATERKOPPLAD
    )
    alla = (
        Granskning.objects.filter(enhet__in=leds, ar=ar)
        .select_related("akt", "enhet", "handlaggare", "granskare")
        .order_by("enhet__namn", "handlaggare__first_name", "akt__aktnummer")
    )
    figurer = selectors.granskning_figurer(leds, ar) if leds.exists() else None
    diagram = None
    if figurer:
        diagram = stapeldiagram(
            [(namn, andel) for namn, andel, _ in figurer["per_punkt"]],
            titel=f"Journalgranskning {ar}: andel uppfyllt per punkt",
            enhet="%",
        )
    return render(
        request,
        "kvalitet/journalgranskning.html",
        {
            "ar": ar,
            "form": form,
            "mina": list(mina),
            "till_mig": list(till_mig),
            "alla": list(alla),
            "figurer": figurer,
            "diagram": diagram,
        },
    )


@login_required
def granskning_visa(request: HttpRequest, pk: int) -> HttpResponse:
    g = kq_access.granskning_for_user(request.user, pk, sokvag=request.path)
    punkter = GranskningsPunkt.objects.filter(aktiv=True)
    ar_granskare = g.granskare_id == request.user.pk
    form = None
    if ar_granskare and g.status != GranskningStatus.ATERKOPPLAD:
        if request.method == "POST":
            form = GranskningForm(request.POST, punkter=punkter)
            if form.is_valid():
                try:
                    services.granskning_spara(
                        granskning=g,
                        av=request.user,
                        svar=form.svar(),
                        sammanfattning=form.cleaned_data["sammanfattning"],
                        aterkoppling=form.cleaned_data["aterkoppling"],
                        atgarder=form.atgarder(),
                        skicka="skicka" in request.POST,
                    )
                except ValidationError as fel:
                    fel_till_formular(form, fel)
                else:
                    messages.success(request, "Granskningen är sparad.")
                    return redirect("kvalitet-granskning", pk=g.pk)
        else:
            befintliga = {s.punkt_id: s for s in g.svar.all()}
            initial = {"sammanfattning": g.sammanfattning, "aterkoppling": g.aterkoppling}
            for pid, s in befintliga.items():
                initial[f"punkt_{pid}"] = s.bedomning
                initial[f"kommentar_{pid}"] = s.kommentar
            form = GranskningForm(initial=initial, punkter=punkter)
    elif request.method == "POST":
        raise Http404
    if g.handlaggare_id == request.user.pk:
        services.granskning_las(granskning=g, av=request.user)
    leder = kq_access.leder(request.user, g.enhet_id)
    byt = None
    if leder and g.status == GranskningStatus.DRAGEN:
        byt = BytGranskareForm(kandidater=_kandidater(g))
    return render(
        request,
        "kvalitet/granskning.html",
        {
            "g": g,
            "form": form,
            "svar": list(g.svar.all()),
            "atgarder": list(g.atgarder.all()),
            "leder": leder,
            "byt": byt,
            "uppfoljning": UppfoljningForm(),
        },
    )


def _kandidater(g: Granskning):
    from bistand.models import User

    return (
        User.objects.filter(is_active=True, enhet_id=g.enhet_id)
        .exclude(pk=g.handlaggare_id)
        .order_by("first_name", "username")
    )


@login_required
@require_POST
def granskning_byt_granskare(request: HttpRequest, pk: int) -> HttpResponse:
    g = kq_access.granskning_for_user(request.user, pk, sokvag=request.path)
    if not kq_access.leder(request.user, g.enhet_id):
        raise Http404
    form = BytGranskareForm(request.POST, kandidater=_kandidater(g))
    if form.is_valid():
        try:
            services.granskning_byt_granskare(
                granskning=g, granskare=form.cleaned_data["granskare"]
            )
            messages.success(request, "Granskaren är bytt.")
        except ValidationError as fel:
            messages.error(request, " ".join(fel.messages))
    else:
        messages.error(request, "Välj en granskare i listan.")
    return redirect("kvalitet-granskning", pk=g.pk)


@login_required
@require_POST
def atgard_folj_upp(request: HttpRequest, pk: int) -> HttpResponse:
    atgard = get_object_or_404(GranskningAtgard.objects.select_related("granskning"), pk=pk)
    g = kq_access.granskning_for_user(request.user, atgard.granskning_id, sokvag=request.path)
    if not (kq_access.leder(request.user, g.enhet_id) or g.granskare_id == request.user.pk):
        raise Http404
    form = UppfoljningForm(request.POST)
    if form.is_valid():
        services.atgard_folj_upp(atgard=atgard, uppfoljning=form.cleaned_data["uppfoljning"])
        messages.success(request, "Uppföljningen är sparad.")
    else:
        messages.error(request, "Skriv vad uppföljningen visade.")
    return redirect("kvalitet-granskning", pk=g.pk)


# ---- access-log review ----------------------------------------------------------------------


def _leds_eller_404(user):
    leds = kq_access.enheter_som_leds(user)
    if not leds.exists():
        raise Http404
    return leds


@login_required
def loggkontroll(request: HttpRequest) -> HttpResponse:
    """Who read which Akt: filters, the monthly random sample to confirm, and alerts."""
    leds = _leds_eller_404(request.user)
    idag = timezone.localdate()
    filtrering = LoggFilterForm(request.GET or None)
    villkor = filtrering.cleaned_data if filtrering.is_valid() else {}
    rader, antal = selectors.loggrader(request.user, leds, **villkor)
    fran = villkor.get("fran") or idag - datetime.timedelta(days=30)
    till = villkor.get("till") or idag
    grans = int(parameter_varde("loggkontroll-larm-akter-per-dag", idag))
    larm = selectors.logglarm(leds, fran=fran, till=till, grans=grans)
    if request.method == "POST":
        dra = LoggStickprovForm(request.POST, enheter=leds)
        if dra.is_valid():
            try:
                s = services.loggstickprov_dra(av=request.user, **dra.cleaned_data)
            except ValidationError as fel:
                fel_till_formular(dra, fel)
            else:
                return redirect("kvalitet-loggstickprov", pk=s.pk)
    else:
        forra = (idag.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        dra = LoggStickprovForm(enheter=leds, initial={"manad": f"{forra:%Y-%m}"})
    logga_lista(
        request.user,
        Akt.objects.filter(pk__in={r.akt_id for r in rader}),
        sida="loggkontroll",
        sokvag=request.path,
    )
    return render(
        request,
        "kvalitet/loggkontroll.html",
        {
            "filtrering": filtrering,
            "rader": rader,
            "antal": antal,
            "larm": larm,
            "grans": grans,
            "larm_fran": fran,
            "larm_till": till,
            "dra": dra,
            "stickprov": LoggStickprov.objects.filter(enhet__in=leds).select_related("enhet")[:24],
        },
    )


@login_required
def loggstickprov(request: HttpRequest, pk: int) -> HttpResponse:
    leds = _leds_eller_404(request.user)
    stickprov = get_object_or_404(LoggStickprov.objects.filter(enhet__in=leds), pk=pk)
    rader = selectors.stickprov_rader(request.user, stickprov)
    logga_lista(
        request.user,
        Akt.objects.filter(pk__in={r.akt_id for _, r in rader}),
        sida="loggkontroll",
        sokvag=request.path,
    )
    return render(
        request,
        "kvalitet/loggstickprov.html",
        {"stickprov": stickprov, "rader": rader, "form": LoggBedomningForm()},
    )


@login_required
@require_POST
def loggrad_bedom(request: HttpRequest, pk: int) -> HttpResponse:
    leds = _leds_eller_404(request.user)
    rad = get_object_or_404(LoggStickprovRad.objects.filter(stickprov__enhet__in=leds), pk=pk)
    form = LoggBedomningForm(request.POST)
    if form.is_valid():
        try:
            services.loggrad_bedom(rad=rad, av=request.user, **form.cleaned_data)
            messages.success(request, "Bedömningen är sparad.")
        except ValidationError as fel:
            messages.error(request, " ".join(fel.messages))
    else:
        messages.error(request, "Välj om läsningen var motiverad eller ifrågasätts.")
    return redirect(f"{reverse('kvalitet-loggstickprov', args=[rad.stickprov_id])}#rad-{rad.pk}")
