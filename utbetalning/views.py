"""Pages of utbetalning: the ekonomiassistent's overview (attest, sample checks, payment run,
reconciliation), the payee register, and the handläggare's närvaro check. Thin views:
access → form → one service call → redirect or render."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansokan import filer
from bistand.access import (
    akt_for_user,
    akt_for_write,
    akter_for_user,
    akter_for_write,
    enheter_for_uppfoljning,
    far_skriva_i_akt,
    har_roll,
    logga,
    logga_lista,
)
from bistand.diagram import stapeldiagram
from bistand.forms import fel_till_formular
from bistand.models import ENHETSROLLER, Enhet, Roll
from bistand.parametrar import egen_sokvag
from bistand.sidindelning import sida_av, sidkontext

from . import access, forms, selectors, services
from .behorighet import kan_attestera, kan_kora_betalfil
from .models import Aterkrav, Betalfil, Betalningsmottagare, Betalningsval, Kontoandring


def _post(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _maskera(user, rader) -> list:
    """A protected payee's name shows only with a grant (selectors.mottagare_namn); works for
    orders and account changes alike (both have `mottagare`)."""
    minne: dict = {}
    rader = list(rader)
    for r in rader:
        r.visningsnamn = selectors.mottagare_namn(user, r.mottagare, minne=minne)
    return rader


ATTEST_PER_SIDA = 50


@login_required
def oversikt(request: HttpRequest) -> HttpResponse:
    access.krav_ekonomi(request.user)
    namnd = request.user.namnd
    idag = timezone.localdate()
    # A page at a time: a nämnd's run holds thousands of orders. The orders of the next run
    # are only counted — the page lists none of them, so none is read or logged as read.
    sida = sida_av(request, selectors.ordrar_att_attestera(namnd), per_sida=ATTEST_PER_SIDA)
    att_gora = _maskera(request.user, sida.object_list)
    nasta = selectors.nasta_dag_med_ordrar(namnd, idag) or idag
    logga_lista(request.user, {o.akt for o in att_gora}, sida="utbetalning-oversikt")
    return render(
        request,
        "utbetalning/oversikt.html",
        {
            **sidkontext(request, sida),
            "att_gora": att_gora,
            "klara": selectors.ordrar_for_korning(namnd, nasta).count(),
            "utan_konto": selectors.ordrar_utan_konto(namnd, nasta).count(),
            "nasta": nasta,
            "betalfil_form": forms.BetalfilForm(initial={"datum": nasta}),
            "avstamning_form": forms.AvstamningForm(),
            "filer": Betalfil.objects.filter(namnd=namnd)[:10],
            "kontoandringar": _maskera(
                request.user,
                Kontoandring.objects.filter(
                    mottagare__namnd=namnd, status=Kontoandring.Status.FORESLAGEN
                ).select_related("mottagare__person", "foreslagen_av"),
            ),
            "kan_attestera": kan_attestera(request.user),
            "kan_kora": kan_kora_betalfil(request.user),
        },
    )


@login_required
@require_POST
def attestera(request: HttpRequest, pk: int) -> HttpResponse:
    access.krav_ekonomi(request.user)
    order = access.order_for_user(request.user, pk, sida="utbetalning-attest", sokvag=request.path)
    try:
        services.order_attestera(order=order, av=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, f"Utbetalningen på {order.belopp} kr är attesterad.")
    return redirect("utbetalning:oversikt")


@login_required
def stickprov(request: HttpRequest, pk: int) -> HttpResponse:
    access.krav_ekonomi(request.user)
    order = access.order_for_user(
        request.user, pk, sida="utbetalning-stickprov", sokvag=request.path
    )
    form = forms.StickprovForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.stickprov_kontrollera(
                order=order, av=request.user, checklista=form.cleaned_data
            )
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Stickprovet är kontrollerat.")
            return redirect("utbetalning:oversikt")
    _maskera(request.user, [order])
    return render(request, "utbetalning/stickprov.html", {"order": order, "form": form})


@login_required
@require_POST
def betalfil_skapa(request: HttpRequest) -> HttpResponse:
    access.krav_ekonomiassistent(request.user)
    form = forms.BetalfilForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for f in form.errors.values() for e in f))
        return redirect("utbetalning:oversikt")
    dag = form.cleaned_data["datum"]
    fil = services.betalfil_skapa(namnd=request.user.namnd, dag=dag, av=request.user)
    if fil is None:
        messages.info(request, f"Det finns inga nya utbetalningar att skicka för {dag}.")
    else:
        messages.success(
            request,
            f"Betalfilen för {dag} är skapad: {fil.antal} betalningar, {fil.kontrollsumma} kr.",
        )
    return redirect("utbetalning:oversikt")


@login_required
def betalfil_hamta(request: HttpRequest, pk: int) -> HttpResponse:
    access.krav_ekonomiassistent(request.user)
    fil = Betalfil.objects.filter(pk=pk, namnd_id=request.user.namnd_id).first()
    if fil is None:
        raise Http404
    svar = HttpResponse(fil.xml, content_type="application/xml; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="{fil.meddelande_id}.xml"'
    svar["Cache-Control"] = "no-store"
    return svar


@login_required
@require_POST
def avstamning(request: HttpRequest) -> HttpResponse:
    access.krav_ekonomiassistent(request.user)
    form = forms.AvstamningForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for f in form.errors.values() for e in f))
        return redirect("utbetalning:oversikt")
    fil = form.cleaned_data["fil"]
    try:
        imp = services.avstamning_importera(data=fil.read(), filnamn=fil.name, av=request.user)
    except ValidationError as fel:
        messages.error(request, "Filen lästes inte in. " + " ".join(fel.messages))
    else:
        messages.success(
            request, f"Avstämningen är inläst: {imp.betalda} utbetalda, {imp.avvisade} avvisade."
        )
    return redirect("utbetalning:oversikt")


@login_required
def mottagare_lista(request: HttpRequest) -> HttpResponse:
    access.krav_ekonomi(request.user)
    form = forms.MottagareForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            m = services.mottagare_skapa(namnd=request.user.namnd, **form.cleaned_data)
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, f"{m.namn} är tillagd. Lägg in kontot.")
            return redirect("utbetalning:konto", pk=m.pk)
    lista = Betalningsmottagare.objects.filter(namnd=request.user.namnd).exclude(typ="sokande")
    return render(request, "utbetalning/mottagare.html", {"mottagare": lista, "form": form})


@login_required
def konto(request: HttpRequest, pk: int) -> HttpResponse:
    access.krav_ekonomi(request.user)
    m = Betalningsmottagare.objects.filter(pk=pk, namnd_id=request.user.namnd_id).first()
    if m is None or (m.person_id and m.person.skyddad):
        raise Http404
    form = forms.KontoForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.kontoandring_foresla(mottagare=m, av=request.user, **form.cleaned_data)
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(
                request, "Kontot är inlagt och väntar på att en annan person godkänner det."
            )
            return redirect("utbetalning:oversikt")
    return render(
        request,
        "utbetalning/konto.html",
        {
            "mottagare": m,
            "form": form,
            "logg": m.kontoandringar.select_related("foreslagen_av", "besvarad_av"),
        },
    )


@login_required
@require_POST
def kontoandring_besvara(request: HttpRequest, pk: int) -> HttpResponse:
    access.krav_ekonomi(request.user)
    andring = Kontoandring.objects.filter(pk=pk, mottagare__namnd_id=request.user.namnd_id).first()
    if andring is None:
        raise Http404
    try:
        services.kontoandring_besvara(
            andring=andring, av=request.user, godkann=request.POST.get("svar") == "godkann"
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Kontoändringen är besvarad.")
    return redirect("utbetalning:oversikt")


@login_required
@require_POST
def narvaro_prova(request: HttpRequest, pk: int) -> HttpResponse:
    order = access.order_for_user(request.user, pk, sida="utbetalning-narvaro", sokvag=request.path)
    form = forms.NarvaroProvningForm(request.POST)
    form.is_valid()
    try:
        services.order_narvaro_prova(
            order=order, av=request.user, text=form.cleaned_data.get("text", "")
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Utbetalningen går vidare.")
    return redirect(egen_sokvag(request, request.POST.get("tillbaka"), standard="/"))


PER_VAL = {"manad": "Månad", "post": "Post", "enhet": "Enhet", "handlaggare": "Handläggare"}


def _enheter_for_uppfoljning(user):
    if har_roll(user, Roll.EKONOMIASSISTENT) and user.namnd_id:
        return Enhet.objects.filter(namnd_id=user.namnd_id)
    return enheter_for_uppfoljning(user)


@login_required
def uppfoljning(request: HttpRequest) -> HttpResponse:
    """Paid per month, post, Enhet or handläggare against the budget, with a forecast, as a
    chart, a table and CSV (docs/regler.md: Uppföljning)."""
    enheter = _enheter_for_uppfoljning(request.user)
    if not enheter.exists():
        raise Http404
    idag = timezone.localdate()
    try:
        ar = int(request.GET.get("ar") or idag.year)
    except ValueError:
        ar = idag.year
    ar = min(max(ar, 2000), idag.year)
    per = request.GET.get("per") if request.GET.get("per") in PER_VAL else "manad"
    data = selectors.uppfoljning(enheter=enheter, ar=ar, idag=idag, per=per)
    if request.GET.get("format") == "csv":
        svar = HttpResponse(content_type="text/csv; charset=utf-8")
        svar["Content-Disposition"] = f'attachment; filename="utbetalt-{ar}-{per}.csv"'
        svar.write("\ufeff")
        skrivare = csv.writer(svar, delimiter=";")
        skrivare.writerow([PER_VAL[per], "Utbetalt (kr)", "Antal", "Budget (kr)", "Avvikelse (kr)"])
        for r in data["rader"]:
            skrivare.writerow(
                [r["nyckel"], r["belopp"], r["antal"], r["budget"] or "", r["avvikelse"] or ""]
            )
        skrivare.writerow(
            ["Prognos för året", data["prognos"], "", data["arsbudget"], data["prognos_avvikelse"]]
        )
        return svar
    diagram = stapeldiagram(
        [(r["nyckel"], float(r["belopp"])) for r in data["rader"]],
        titel=f"Utbetalt bistånd {ar} per {PER_VAL[per].lower()}",
        enhet="kr",
        markera_over=float(data["rader"][0]["budget"])
        if per == "manad" and data["rader"]
        else None,
    )
    return render(
        request,
        "utbetalning/uppfoljning.html",
        {
            "data": data,
            "ar": ar,
            "per": per,
            "per_val": PER_VAL,
            "per_namn": PER_VAL[per],
            "diagram": diagram,
            "enheter": list(enheter),
        },
    )


def _aterkrav_for_user(user, pk: int, *, sida: str, sokvag: str = "", skriva: bool = False):
    """A claim in an Akt the user may open (`skriva`: may change), 404 for missing and
    forbidden alike, logged. Kvalitet and the avdelningschef read claims but change none."""
    akter = akter_for_write(user) if skriva else akter_for_user(user)
    krav = (
        Aterkrav.objects.select_related("akt", "person", "beslut__brev")
        .filter(pk=pk, akt__in=akter)
        .first()
    )
    logga(
        user,
        sida=sida,
        beviljad=krav is not None,
        akt_id=krav.akt_id if krav else None,
        sokvag=sokvag,
    )
    if krav is None:
        raise Http404("Återkravet finns inte eller så saknar du behörighet.")
    return krav


@login_required
def aterkrav_lista(request: HttpRequest) -> HttpResponse:
    krav = list(
        Aterkrav.objects.filter(akt__in=akter_for_user(request.user))
        .select_related("akt", "person")
        .order_by("status", "-skapad")
    )
    if not krav and not akter_for_user(request.user).exists():
        raise Http404
    logga_lista(request.user, {k.akt for k in krav}, sida="aterkrav-lista")
    for k in krav:
        k.saldo = services.aterkrav_saldo(k)
    return render(request, "utbetalning/aterkrav_lista.html", {"krav": krav})


@login_required
def aterkrav_visa(request: HttpRequest, pk: int) -> HttpResponse:
    krav = _aterkrav_for_user(
        request.user, pk, sida="aterkrav", sokvag=request.path, skriva=request.method == "POST"
    )
    # Readers (Kvalitet, the avdelningschef) see the claim without its forms.
    kan_skriva = far_skriva_i_akt(request.user, krav.akt_id)
    far_besluta = kan_skriva and har_roll(request.user, Roll.FORSTE, Roll.ENHETSCHEF)
    beslut_form = forms.AterkravBeslutForm(
        request.POST if request.POST.get("steg") == "besluta" else None,
        initial={"belopp": krav.foreslaget_belopp},
    )
    ned_form = forms.AterkravNedForm(request.POST if request.POST.get("steg") == "ned" else None)
    reg_form = forms.RegleringForm(
        request.POST if request.POST.get("steg") == "reglering" else None
    )
    if request.method == "POST":
        try:
            if request.POST.get("steg") == "besluta" and beslut_form.is_valid():
                cd = beslut_form.cleaned_data
                services.aterkrav_besluta(
                    aterkrav=krav,
                    av=request.user,
                    belopp=cd["belopp"],
                    grund=cd["grund"],
                    ond_tro=cd["ond_tro"] == "ja",
                    motivering=cd["motivering"],
                    plan=services.plan_manadsvis(
                        belopp=cd["belopp"], antal=cd["antal"], forsta=cd["forsta"]
                    ),
                )
                messages.success(request, "Återkravet är beslutat. Beslutsbrevet skapas.")
                return redirect("utbetalning:aterkrav", pk=krav.pk)
            if request.POST.get("steg") == "ned" and ned_form.is_valid():
                services.aterkrav_lagg_ned(
                    aterkrav=krav, av=request.user, motivering=ned_form.cleaned_data["motivering"]
                )
                messages.success(request, "Inget återkrav görs.")
                return redirect("utbetalning:aterkrav", pk=krav.pk)
            if request.POST.get("steg") == "reglering" and reg_form.is_valid():
                services.reglering_registrera(
                    aterkrav=krav, av=request.user, **reg_form.cleaned_data
                )
                messages.success(request, "Betalningen är registrerad.")
                return redirect("utbetalning:aterkrav", pk=krav.pk)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as fel:
            mal = {"besluta": beslut_form, "ned": ned_form, "reglering": reg_form}[
                request.POST["steg"]
            ]
            if hasattr(fel, "error_dict") and "plan" in fel.error_dict:
                mal.add_error("antal", fel.error_dict.pop("plan"))
            fel_till_formular(mal, fel)
    return render(
        request,
        "utbetalning/aterkrav.html",
        {
            "krav": krav,
            "saldo": services.aterkrav_saldo(krav),
            "far_besluta": far_besluta,
            "kan_skriva": kan_skriva,
            "beslut_form": beslut_form,
            "ned_form": ned_form,
            "reg_form": reg_form,
            "plan": krav.plan.all(),
            "regleringar": krav.regleringar.select_related("registrerad_av"),
        },
    )


@login_required
def aterkrav_brev(request: HttpRequest, pk: int):
    krav = _aterkrav_for_user(request.user, pk, sida="aterkrav-brev", sokvag=request.path)
    if not krav.brev_sokvag:
        raise Http404
    svar = FileResponse(
        filer.oppna(krav.brev_sokvag),
        filename=f"aterkrav-{krav.pk}.pdf",
        content_type="application/pdf",
    )
    svar["Cache-Control"] = "no-store"
    return svar


@login_required
def akt_utbetalning(request: HttpRequest, pk: int) -> HttpResponse:
    """The Akt's payment choices (direct payment, split), the applicant's account, and a
    proposed återkrav when facts were withheld. For case staff of the Akt."""
    if not har_roll(request.user, *ENHETSROLLER):
        raise Http404
    # Reading the page is for the case staff of the Akt; a change needs the write right.
    hamta = akt_for_write if request.method == "POST" else akt_for_user
    akt = hamta(request.user, pk, sida="akt-utbetalning", sokvag=request.path)
    namnd = akt.enhet.namnd
    vuxna = [
        m.person
        for m in akt.hushall.medlemmar.select_related("person")
        if m.roll in ("sokande", "medsokande") and m.till is None
    ]
    egna = [services.mottagare_for_person(namnd=namnd, person=p) for p in vuxna]
    minne: dict = {}
    for m in egna:
        m.visningsnamn = selectors.mottagare_namn(request.user, m, minne=minne)
    qs = Betalningsmottagare.objects.filter(namnd=namnd, aktiv=True).exclude(typ="sokande") | (
        Betalningsmottagare.objects.filter(pk__in=[m.pk for m in egna])
    )
    steg = request.POST.get("steg")
    val_form = forms.BetalningsvalForm(
        request.POST if steg == "val" else None, akt=akt, mottagare_qs=qs.order_by("namn")
    )
    konto_form = forms.KontoForm(request.POST if steg == "konto" else None, prefix="konto")
    krav_form = forms.AterkravForslagForm(request.POST if steg == "aterkrav" else None)
    avvisade = selectors.avvisade_att_hantera(akt)
    avvisad_form = None
    for order in avvisade:
        order.form = forms.AvvisadForm(
            request.POST
            if steg == "avvisad" and request.POST.get("order") == str(order.pk)
            else None,
            prefix=f"avv{order.pk}",
        )
        order.form.order = order
        if order.form.is_bound:
            avvisad_form = order.form
    if steg == "avvisad" and avvisad_form is None:
        raise Http404
    try:
        if steg == "val" and val_form.is_valid():
            services.betalningsval_lagg_till(akt=akt, av=request.user, **val_form.cleaned_data)
            messages.success(request, "Betalningsvalet är sparat.")
            return redirect("utbetalning:akt", pk=akt.pk)
        if steg == "konto" and konto_form.is_valid():
            m = next((m for m in egna if str(m.pk) == request.POST.get("mottagare")), None)
            if m is None:
                raise Http404
            services.kontoandring_foresla(mottagare=m, av=request.user, **konto_form.cleaned_data)
            messages.success(request, "Kontot väntar nu på att en annan person godkänner det.")
            return redirect("utbetalning:akt", pk=akt.pk)
        if steg == "aterkrav" and krav_form.is_valid() and vuxna:
            krav = services.aterkrav_foresla(
                akt=akt,
                person=vuxna[0],
                orsak=Aterkrav.Orsak.UPPGIFTER,
                av=request.user,
                **krav_form.cleaned_data,
            )
            messages.success(request, "Förslaget till återkrav är registrerat och ska prövas.")
            return redirect("utbetalning:aterkrav", pk=krav.pk)
        if steg == "ta_bort":
            val = Betalningsval.objects.filter(akt=akt, pk=request.POST.get("val")).first()
            if val:
                services.betalningsval_ta_bort(val=val, av=request.user)
            return redirect("utbetalning:akt", pk=akt.pk)
        if steg == "avvisad" and avvisad_form is not None and avvisad_form.is_valid():
            if avvisad_form.cleaned_data["val"] == "betala_igen":
                ny = services.order_betala_igen(order=avvisad_form.order, av=request.user)
                messages.success(
                    request, f"Utbetalningen görs igen till det nya kontot {ny.betalningsdag}."
                )
            else:
                services.order_aterkrav_foresla(
                    order=avvisad_form.order,
                    av=request.user,
                    beskrivning=avvisad_form.cleaned_data["beskrivning"],
                )
                messages.success(request, "Förslaget till återkrav är registrerat och ska prövas.")
            return redirect("utbetalning:akt", pk=akt.pk)
    except ValidationError as fel:
        formular = {"val": val_form, "konto": konto_form, "aterkrav": krav_form}
        formular["avvisad"] = avvisad_form
        fel_till_formular(formular[steg], fel)
    return render(
        request,
        "utbetalning/akt.html",
        {
            "akt": akt,
            "egna": egna,
            "val_form": val_form,
            "konto_form": konto_form,
            "krav_form": krav_form,
            "avvisade": avvisade,
            "val": _maskera(
                request.user,
                Betalningsval.objects.filter(akt=akt).select_related(
                    "posttyp", "mottagare__person"
                ),
            ),
        },
    )
