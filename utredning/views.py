"""Pages and API of utredning: the public provberäkning (page and JSON), riktlinjer for staff."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from bistand.access import har_roll
from bistand.models import Roll

from . import selectors
from .begransning import klient_ip, provberakning_registrera
from .formular import ProvberakningFormular
from .openapi import openapi_beskrivning
from .underlag import BEGARAN, OgiltigtUnderlag

FOR_MANGA = "Du har gjort för många beräkningar. Vänta {sekunder} sekunder och försök igen."


def _fel(meddelande: str, status: int, **headers: str) -> JsonResponse:
    return JsonResponse({"fel": {BEGARAN: [meddelande]}}, status=status, headers=headers)


@csrf_exempt
@never_cache
def api_provberakning(request: HttpRequest) -> JsonResponse:
    """`POST /api/provberakning` (docs/regler.md: Beräkning): JSON in, JSON out, no login,
    rate-limited."""
    if request.method != "POST":
        return _fel("Skicka beräkningen med POST.", 405, Allow="POST")
    vanta = provberakning_registrera(klient_ip(request))
    if vanta:
        return _fel(FOR_MANGA.format(sekunder=vanta), 429, **{"Retry-After": str(vanta)})
    try:
        data = json.loads(request.body)
    except (ValueError, RecursionError, RequestDataTooBig):
        return _fel("Skicka uppgifterna som JSON i UTF-8.", 400)
    try:
        utfall = selectors.berakning_utfor(data)
    except OgiltigtUnderlag as fel:
        return JsonResponse({"fel": fel.fel}, status=400)
    return JsonResponse(utfall.resultat.som_api())


@require_GET
def api_openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        openapi_beskrivning(request.build_absolute_uri("/")), json_dumps_params={"indent": 2}
    )


@require_http_methods(["GET", "POST"])
@never_cache
def provberakning(request: HttpRequest) -> HttpResponse:
    """The e-tjänst page "Räkna ut om du kan ha rätt till försörjningsstöd" (no login)."""
    formular = ProvberakningFormular(
        request.POST if request.method == "POST" else None, idag=timezone.localdate()
    )
    resultat, status = None, 200
    if request.method == "POST":
        vanta = provberakning_registrera(klient_ip(request))
        underlag = formular.underlag()
        if vanta:
            formular.allmanna_fel.append(FOR_MANGA.format(sekunder=vanta))
            status = 429
        elif not formular.har_fel():
            try:
                resultat = selectors.berakning_utfor(underlag).resultat.som_blad()
            except OgiltigtUnderlag as fel:
                formular.lagg_till_fel(fel.fel)
    return render(
        request,
        "utredning/provberakning.html",
        {"formular": formular, "resultat": resultat},
        status=status,
    )


def _personal(request: HttpRequest) -> None:
    """Riktlinjer are for every staff role (docs/regler.md: Beräkning); others get 404."""
    if not (request.user.is_superuser or har_roll(request.user, *Roll.values)):
        raise Http404


@login_required
@require_GET
def riktlinjer(request: HttpRequest) -> HttpResponse:
    _personal(request)
    idag = timezone.localdate()
    fraga = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "utredning/riktlinjer.html",
        {
            "riktlinjer": selectors.riktlinjer_aktuella(idag),
            "kommande": selectors.riktlinjer_kommande(idag),
            "fraga": fraga,
            "traffar": selectors.riktlinje_avsnitt_sok(fraga, idag) if fraga else None,
        },
    )


@login_required
@require_GET
def riktlinje(request: HttpRequest, pk: int) -> HttpResponse:
    _personal(request)
    dokument = selectors.riktlinje_med_avsnitt(pk)
    if dokument is None:
        raise Http404
    idag = timezone.localdate()
    versioner = list(selectors.riktlinje_versioner(dokument))
    galler = next((v for v in versioner if v.giltig_fran <= idag), None)
    return render(
        request,
        "utredning/riktlinje.html",
        {"dokument": dokument, "versioner": versioner, "galler": galler},
    )
