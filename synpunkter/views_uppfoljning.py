"""Staff pages for IVO and JO matters, avvikelser and lex Sarah, and the learning page with
its CSV export. Thin views: access → form → one service call → redirect or render."""

from __future__ import annotations

import csv
import datetime

from django import forms as djforms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bistand import access as kart_access
from bistand.diagram import stapeldiagram
from bistand.forms import fel_till_formular
from bistand.models import Roll
from bistand.selectors import lagrum_rad

from . import access, forms, selectors, services
from .models import Synpunkt
from .views import REGISTRERANDE

TILLSYN_LASARE = {Roll.ENHETSCHEF, Roll.AVDELNINGSCHEF, Roll.KVALITET}


def _kor_steg(request, form, gor, klart: str, tillbaka: str, pk: int, mall: str, kontext):
    """Run one step: a valid form goes to the service; errors come back beside the fields."""
    if form.is_valid():
        try:
            gor(form.cleaned_data)
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, klart)
            return redirect(tillbaka, pk=pk)
    return render(request, mall, kontext(form))


# ---- IVO and JO ----------------------------------------------------------------------------


def _lankar(request: HttpRequest, data: dict) -> tuple[list[Synpunkt], list]:
    """Synpunkter and Akter named by number, each reached through the user's own access."""
    nummer = [n.strip() for n in data.pop("synpunkter", "").split(",") if n.strip()]
    aktnummer = [n.strip() for n in data.pop("aktnummer", "").split(",") if n.strip()]
    synpunkter = list(access.synpunkter_for_user(request.user).filter(nummer__in=nummer))
    if len(synpunkter) != len(set(nummer)):
        raise ValidationError({"synpunkter": "Någon synpunkt finns inte eller når du inte."})
    akter = list(kart_access.akter_for_user(request.user).filter(aktnummer__in=aktnummer))
    if len(akter) != len(set(aktnummer)):
        raise ValidationError({"aktnummer": "Någon akt finns inte eller når du inte."})
    kart_access.logga_lista(request.user, akter, sida="tillsyn-koppla", sokvag=request.path)
    return synpunkter, akter


@login_required
def tillsyn_lista(request: HttpRequest) -> HttpResponse:
    if not kart_access.roller(request.user) & TILLSYN_LASARE:
        raise Http404
    arenden = list(access.tillsynsarenden_for_user(request.user).select_related("ansvarig"))
    kan_registrera = kart_access.har_roll(request.user, Roll.AVDELNINGSCHEF, Roll.KVALITET)
    form = forms.TillsynForm(request.POST or None) if kan_registrera else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                synpunkter, akter = _lankar(request, data)
                arende = services.tillsyn_registrera(
                    namnd=request.user.namnd,
                    ansvarig=request.user,
                    synpunkter=synpunkter,
                    akter=akter,
                    **data,
                )
            except ValidationError as fel:
                fel_till_formular(form, fel)
            else:
                messages.success(request, f"{arende} är registrerat.")
                return redirect("synpunkter:tillsyn", pk=arende.pk)
    return render(request, "synpunkter/tillsyn_lista.html", {"arenden": arenden, "form": form})


def _tillsyn_kontext(request, arende, **formular) -> dict:
    skriva = access.kan_skriva_tillsyn(request.user, arende)
    kontext = {
        "a": arende,
        "skriva": skriva,
        "synpunkter": list(access.synpunkter_for_user(request.user).filter(tillsynsarenden=arende)),
        "aterforda": list(access.synpunkter_for_user(request.user).filter(tillsynsarende=arende)),
        "yttrande_form": forms.YttrandeForm(initial={"datum": timezone.localdate()}),
        "beslut_form": forms.TillsynBeslutForm(),
        "atgarder_form": forms.TillsynAtgarderForm(initial={"atgarder": arende.atgarder}),
        "aterfor_form": forms.AterforForm(),
    }
    kontext.update(formular)
    return kontext


@login_required
def tillsyn_visa(request: HttpRequest, pk: int) -> HttpResponse:
    arende = access.tillsynsarende_for_user(request.user, pk, sokvag=request.path)
    return render(request, "synpunkter/tillsyn.html", _tillsyn_kontext(request, arende))


TILLSYN_STEG = {
    "yttrande": (
        forms.YttrandeForm,
        "yttrande_form",
        "Yttrandet är registrerat.",
        lambda a, u, d: services.tillsyn_yttrande_lamna(arende=a, **d),
    ),
    "beslut": (
        forms.TillsynBeslutForm,
        "beslut_form",
        "Beslutet är registrerat.",
        lambda a, u, d: services.tillsyn_beslut_registrera(arende=a, **d),
    ),
    "atgarder": (
        forms.TillsynAtgarderForm,
        "atgarder_form",
        "Åtgärderna är registrerade.",
        lambda a, u, d: services.tillsyn_atgarder_registrera(arende=a, **d),
    ),
    "aterfor": (
        forms.AterforForm,
        "aterfor_form",
        "Klagomålet är registrerat som synpunkt.",
        lambda a, u, d: services.tillsyn_aterfor_som_synpunkt(arende=a, av=u, **d),
    ),
}


@require_POST
@login_required
def tillsyn_steg(request: HttpRequest, pk: int, steg: str) -> HttpResponse:
    if steg not in TILLSYN_STEG:
        raise Http404
    arende = access.tillsynsarende_for_user(request.user, pk, sokvag=request.path)
    if not access.kan_skriva_tillsyn(request.user, arende):
        raise Http404
    formklass, namn, klart, gor = TILLSYN_STEG[steg]
    return _kor_steg(
        request,
        formklass(request.POST),
        lambda d: gor(arende, request.user, d),
        klart,
        "synpunkter:tillsyn",
        arende.pk,
        "synpunkter/tillsyn.html",
        lambda f: _tillsyn_kontext(request, arende, **{namn: f}),
    )


# ---- avvikelser and lex Sarah --------------------------------------------------------------


@login_required
def avvikelse_lista(request: HttpRequest) -> HttpResponse:
    """Every staff member may report; the list shows what the user may read."""
    if not kart_access.roller(request.user) & REGISTRERANDE:
        raise Http404
    rader = list(
        access.avvikelser_for_user(request.user)
        .select_related("enhet", "ansvarig")
        .order_by("-rapporterad")[:300]
    )
    kart_access.logga_lista(
        request.user, [r.akt for r in rader if r.akt_id], sida="avvikelser", sokvag=request.path
    )
    return render(request, "synpunkter/avvikelse_lista.html", {"rader": rader})


@login_required
def avvikelse_ny(request: HttpRequest) -> HttpResponse:
    if not kart_access.roller(request.user) & REGISTRERANDE:
        raise Http404
    form = forms.AvvikelseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        aktnummer = data.pop("aktnummer", "").strip()
        try:
            akt = None
            if aktnummer:
                akt = kart_access.akter_for_user(request.user).filter(aktnummer=aktnummer).first()
                if akt is None:
                    raise ValidationError({"aktnummer": "Hittar ingen akt med det numret."})
            avvikelse = services.avvikelse_rapportera(rapporterad_av=request.user, akt=akt, **data)
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, f"Tack. Rapporten {avvikelse.nummer} har gått till chefen.")
            return redirect("synpunkter:avvikelse", pk=avvikelse.pk)
    return render(
        request,
        "synpunkter/avvikelse_ny.html",
        {"form": form, "lagrum": _lagrum("sol-lex-sarah-rapport")},
    )


def _lagrum(kod: str):
    try:
        return lagrum_rad(kod, timezone.localdate())
    except LookupError:
        return None


def _avvikelse_kontext(request, avvikelse, **formular) -> dict:
    kontext = {
        "a": avvikelse,
        "utreder": services.kan_utreda(request.user, avvikelse)
        and avvikelse.status != avvikelse.Status.AVSLUTAD,
        "utredning_form": forms.AvvikelseUtredningForm(
            initial={"utredning": avvikelse.utredning, "atgarder": avvikelse.atgarder}
        ),
        "bedomning_form": forms.BedomningForm(),
        "anmalan_form": forms.IvoAnmalanForm(initial={"datum": timezone.localdate()}),
        "uppfoljning_form": forms.UppfoljningForm(initial={"uppfoljning": avvikelse.uppfoljning}),
        "lagrum_utreda": _lagrum("sol-lex-sarah-utreda"),
        "lagrum_ivo": _lagrum("sol-lex-sarah-ivo"),
    }
    kontext.update(formular)
    return kontext


@login_required
def avvikelse_visa(request: HttpRequest, pk: int) -> HttpResponse:
    avvikelse = access.avvikelse_for_user(request.user, pk, sokvag=request.path)
    return render(request, "synpunkter/avvikelse.html", _avvikelse_kontext(request, avvikelse))


class _Tom(djforms.Form):
    pass


AVVIKELSE_STEG = {
    "utreda": (
        forms.AvvikelseUtredningForm,
        "utredning_form",
        "Utredningen är sparad.",
        lambda a, u, d: services.avvikelse_utreda(avvikelse=a, av=u, **d),
    ),
    "bedom": (
        forms.BedomningForm,
        "bedomning_form",
        "Bedömningen är sparad.",
        lambda a, u, d: services.avvikelse_bedom(avvikelse=a, av=u, **d),
    ),
    "anmal": (
        forms.IvoAnmalanForm,
        "anmalan_form",
        "Anmälan till IVO är registrerad.",
        lambda a, u, d: services.avvikelse_anmal_ivo(avvikelse=a, av=u, **d),
    ),
    "folj-upp": (
        forms.UppfoljningForm,
        "uppfoljning_form",
        "Uppföljningen är sparad.",
        lambda a, u, d: services.avvikelse_folj_upp(avvikelse=a, av=u, **d),
    ),
    "informera": (
        _Tom,
        "tom",
        "Det är noterat att rapportören har fått veta utfallet.",
        lambda a, u, d: services.avvikelse_informera_rapportor(avvikelse=a, av=u),
    ),
    "avsluta": (
        _Tom,
        "tom",
        "Rapporten är avslutad.",
        lambda a, u, d: services.avvikelse_avsluta(avvikelse=a, av=u),
    ),
}


@require_POST
@login_required
def avvikelse_steg(request: HttpRequest, pk: int, steg: str) -> HttpResponse:
    if steg not in AVVIKELSE_STEG:
        raise Http404
    avvikelse = access.avvikelse_for_user(request.user, pk, sokvag=request.path)
    if not services.kan_utreda(request.user, avvikelse):
        raise Http404
    formklass, namn, klart, gor = AVVIKELSE_STEG[steg]
    form = formklass(request.POST)
    if formklass is _Tom:
        try:
            gor(avvikelse, request.user, {})
        except ValidationError as fel:
            messages.error(request, " ".join(fel.messages))
        else:
            messages.success(request, klart)
        return redirect("synpunkter:avvikelse", pk=avvikelse.pk)
    return _kor_steg(
        request,
        form,
        lambda d: gor(avvikelse, request.user, d),
        klart,
        "synpunkter:avvikelse",
        avvikelse.pk,
        "synpunkter/avvikelse.html",
        lambda f: _avvikelse_kontext(request, avvikelse, **{namn: f}),
    )


# ---- learning ------------------------------------------------------------------------------


def _uppfoljning_enheter(user):
    """The enheter whose figures the user follows (the core's rule)."""
    return kart_access.enheter_for_uppfoljning(user)


def _period(request: HttpRequest) -> tuple[forms.PeriodForm, datetime.date, datetime.date]:
    idag = timezone.localdate()
    standard = {"fran": datetime.date(idag.year, 1, 1), "till": idag}
    form = forms.PeriodForm(request.GET or standard)
    if form.is_valid():
        return form, form.cleaned_data["fran"], form.cleaned_data["till"]
    return form, standard["fran"], standard["till"]


DIAGRAM = [
    ("per_omrade", "Synpunkter per område"),
    ("per_slag", "Synpunkter per slag"),
    ("per_kanal", "Synpunkter per kanal"),
    ("per_enhet", "Synpunkter per enhet"),
]


@login_required
def larande(request: HttpRequest) -> HttpResponse:
    """Counts and shares per period, drawn as charts with their numbers as tables."""
    enheter = list(_uppfoljning_enheter(request.user))
    if not enheter:
        raise Http404
    form, fran, till = _period(request)
    data = selectors.synpunkter_statistik(fran=fran, till=till, enheter=enheter)
    diagram = [
        (
            titel,
            stapeldiagram([(n, a) for n, a, _ in data[nyckel]], titel=titel, enhet="st"),
            data[nyckel],
        )
        for nyckel, titel in DIAGRAM
    ]
    return render(
        request,
        "synpunkter/larande.html",
        {"form": form, "d": data, "diagram": diagram, "query": request.GET.urlencode()},
    )


@login_required
def larande_csv(request: HttpRequest) -> HttpResponse:
    """The period's synpunkter as CSV (no personal data) for further analysis."""
    enheter = list(_uppfoljning_enheter(request.user))
    if not enheter:
        raise Http404
    _, fran, till = _period(request)
    svar = HttpResponse(content_type="text/csv; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="synpunkter-{fran}-{till}.csv"'
    svar.write("\ufeff")
    skrivare = csv.writer(svar, delimiter=";")
    for rad in selectors.synpunkter_export(fran=fran, till=till, enheter=enheter):
        skrivare.writerow(rad)
    kart_access.logga(request.user, sida="synpunkter-csv", beviljad=True, sokvag=request.path)
    return svar
