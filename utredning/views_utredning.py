"""The utredning page of an ansökan (docs/regler.md: Utredning): the förslag till beslut per
requested post with the beräkning's amounts, the applicant's own account, the individual assessment,
controls, warnings, meetings, försörjningshinder, kommunicering, handlingsplan and remiss.

Every view: access function (404 + access log) → form → one service call → redirect.
"""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansokan.access import ansokan_for_user, ansokan_for_write
from bistand.access import far_skriva_i_akt
from bistand.forms import fel_till_formular
from bistand.inskick import nyckel_fran
from bistand.sidminne import sparad_del

from . import forms, selectors, services, sidor
from .models import Kommunicering, Kontroll, Mote, Remiss, Varning
from .paneler import forslag_paneler


def _ansokan(request: HttpRequest, pk: int, *, skriva: bool = False):
    """The ansökan through its read or its write access function (two different rights)."""
    hamta = ansokan_for_write if skriva else ansokan_for_user
    return hamta(request.user, pk, sida="utredning", sokvag=request.path)


def _sida(request: HttpRequest, ansokan) -> dict:
    """The page's sections; forms only for a user who may write this ansökan."""
    kan_skriva = far_skriva_i_akt(request.user, ansokan.akt_id)
    return sidor.utredning_sida(ansokan, request.user, kan_skriva=kan_skriva)


def _utredning(request: HttpRequest, pk: int):
    ansokan = _ansokan(request, pk, skriva=True)
    utredning = selectors.utredning_for_ansokan(ansokan)
    if utredning is None:
        raise Http404
    return ansokan, utredning


def _tillbaka(pk: int, ankare: str = "") -> HttpResponse:
    return redirect(f"/ansokningar/{pk}/utredning/" + (f"#{ankare}" if ankare else ""))


def _rita(request: HttpRequest, ansokan, sida: dict) -> str:
    """The page's main part (utredning/_innehall.html) with the panels other apps add."""
    sida["paneler"] = forslag_paneler(request, ansokan)
    return render_to_string("utredning/_innehall.html", sida, request)


def _sidan(request: HttpRequest, ansokan, innehall, *, status: int = 200) -> HttpResponse:
    """The page around its main part `innehall`."""
    kan_skriva = far_skriva_i_akt(request.user, ansokan.akt_id)
    return render(
        request,
        "utredning/utredning.html",
        {"ansokan": ansokan, "kan_skriva": kan_skriva, "innehall": innehall},
        status=status,
    )


def _visa_sida(request: HttpRequest, ansokan, sida: dict, *, status: int = 200) -> HttpResponse:
    """The whole page drawn anew from `sida`: after a POST, with its form as it was sent."""
    innehall = sparad_del(
        request,
        sida="utredning",
        akt_id=ansokan.akt_id,
        rita=lambda: _rita(request, ansokan, sida),
        spara=False,
    )
    return _sidan(request, ansokan, innehall, status=status)


def _ny_sida(request: HttpRequest, ansokan) -> str:
    sida = _sida(request, ansokan)
    _visa_igen(request, sida)
    return _rita(request, ansokan, sida)


@login_required
def visa(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the page, its main part kept while the Akt is unchanged (bistand.sidminne) unless a
    form comes back with what was typed. POST: save the förslag of every requested post
    ("Spara förslag")."""
    ansokan = _ansokan(request, pk, skriva=request.method == "POST")
    if request.method != "POST":
        innehall = sparad_del(
            request,
            sida="utredning",
            akt_id=ansokan.akt_id,
            rita=lambda: _ny_sida(request, ansokan),
            # A form that comes back with what was typed is drawn anew.
            spara=OMVISNING not in request.session,
        )
        return _sidan(request, ansokan, innehall)
    sida = _sida(request, ansokan)
    form = sida["forslag_form"]
    if sida["utredning"] is not None:
        form = forms.ForslagForm(request.POST, poster=sida["poster"])
        if form.is_valid():
            try:
                services.forslag_spara_alla(
                    utredning=sida["utredning"],
                    av=request.user,
                    rader=form.rader(),
                    berakning=sida["berakning"],
                )
            except ValidationError as fel:
                fel_till_formular(form, fel)
            else:
                for p in sida["poster"]:
                    services.utkast_radera(
                        anvandare=request.user, nyckel=f"forslag:{p.pk}:motivering"
                    )
                messages.success(request, "Förslaget är sparat.")
                return _tillbaka(pk, "forslag")
        sida["forslag_form"] = form
    _visa_igen(request, sida)
    return _visa_sida(request, ansokan, sida, status=400 if form.errors else 200)


@require_POST
@login_required
def starta(request: HttpRequest, pk: int) -> HttpResponse:
    ansokan = _ansokan(request, pk, skriva=True)
    try:
        services.utredning_oppna(ansokan=ansokan, av=request.user)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Utredningen är startad.")
    return _tillbaka(pk)


@require_POST
@login_required
def som_forra_manaden(request: HttpRequest, pk: int) -> HttpResponse:
    """An unchanged återansökan: start, confirm the household, calculate again from last
    month's inputs and propose last month's outcome, in one action."""
    ansokan = _ansokan(request, pk, skriva=True)
    try:
        _, anteckningar = services.utredning_som_forra_manaden(
            ansokan=ansokan, av=request.user, sokvag=request.path
        )
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
        return _tillbaka(pk, "berakning")
    for anteckning in anteckningar:
        messages.warning(request, anteckning)
    messages.success(
        request,
        "Beräkningen är gjord från förra månadens uppgifter och förslaget är ifyllt. "
        "Kontrollera och fatta beslut.",
    )
    return _tillbaka(pk, "forslag")


@require_POST
@login_required
def berakning(request: HttpRequest, pk: int) -> HttpResponse:
    """Save a beräkning sheet; "Fler rader" shows more income rows with what was typed."""
    ansokan, utredning = _utredning(request, pk)
    personer = selectors.berakning_personer(ansokan.akt.hushall, selectors.ansokan_manad(ansokan))
    fler = "fler_rader" in request.POST
    form = forms.BerakningForm(request.POST, personer=personer)
    if fler:
        form = forms.BerakningForm(
            request.POST, personer=personer, rader=form.antal_rader + forms.INKOMSTRADER
        )
    elif form.is_valid():
        try:
            services.berakning_spara_for_utredning(
                utredning=utredning,
                av=request.user,
                manad=form.cleaned_data["manad"],
                kostnader=form.kostnader(),
                inkomster=form.inkomster(),
                manader_i_foljd=form.cleaned_data.get("manader_i_foljd") or 0,
            )
        except ValidationError as fel:
            form.fel_fran_berakningen(fel)
        else:
            messages.success(request, "Beräkningen är sparad. Beloppen i förslaget är ifyllda.")
            return _tillbaka(pk, "berakning")
    sida = _sida(request, ansokan)
    sida["berakning_form"] = form
    sida["berakning_oppen"] = True
    _visa_igen(request, sida)
    return _visa_sida(request, ansokan, sida, status=200 if fler else 400)


@require_POST
@login_required
def text(request: HttpRequest, pk: int) -> HttpResponse:
    _, utredning = _utredning(request, pk)
    form = forms.TextForm(request.POST)
    if not form.is_valid():
        raise Http404
    services.utredning_text_spara(
        utredning=utredning,
        falt=form.cleaned_data["falt"],
        text=form.cleaned_data["text"],
        av=request.user,
    )
    messages.success(request, "Texten är sparad.")
    return _tillbaka(pk, form.cleaned_data["falt"])


@require_POST
@login_required
def hushall(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm the household: the persons the applicant declared join it in this one action."""
    _, utredning = _utredning(request, pk)
    try:
        services.hushall_bekrafta(
            utredning=utredning, dag=timezone.localdate(), av=request.user, sokvag=request.path
        )
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Hushållets uppgifter är bekräftade.")
    return _tillbaka(pk, "hushall")


def _enskild(request, pk, model, objekt_pk, **filter_):
    ansokan, utredning = _utredning(request, pk)
    return utredning, get_object_or_404(model, pk=objekt_pk, **{filter_["via"]: utredning})


OMVISNING = "utredning_omvisning"


def _spara_for_omvisning(request, form, fel: ValidationError | None = None) -> None:
    """Keep what was typed in a small form that failed, with the service's errors, so the page
    shows it again with each error next to its field (nothing typed is lost)."""
    request.session[OMVISNING] = {
        "prefix": form.prefix,
        "data": {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"},
        "fel": (fel.message_dict if hasattr(fel, "error_dict") else {None: fel.messages})
        if fel
        else {},
    }


def _alla_formular(sida: dict):
    for varde in sida.values():
        rader = varde if isinstance(varde, list) else [varde]
        for rad in rader:
            for del_ in rad if isinstance(rad, tuple) else (rad,):
                if isinstance(del_, django_forms.BaseForm):
                    yield del_


def _visa_igen(request, sida: dict) -> None:
    """Bind the form that failed on the last POST to what was typed, and show its errors."""
    sparat = request.session.pop(OMVISNING, None)
    if not sparat:
        return
    for form in _alla_formular(sida):
        if form.prefix == sparat["prefix"]:
            data = QueryDict(mutable=True)
            for nyckel, varden in sparat["data"].items():
                data.setlist(nyckel, varden)
            form.data, form.is_bound, form._errors = data, True, None
            form.is_valid()
            for falt, texter in sparat["fel"].items():
                for text in texter:
                    form.add_error(falt if falt in form.fields else None, text)
            return


def _post_form(request, pk, form, service, ankare, ok, **kwargs) -> HttpResponse:
    """A small form on the page: valid → one service call → back to the section. On an error
    the typed text comes back with the error next to its field."""
    if form.is_valid():
        try:
            service(**kwargs, **form.cleaned_data)
        except ValidationError as fel:
            _spara_for_omvisning(request, form, fel)
            messages.error(request, " ".join(fel.messages))
        else:
            messages.success(request, ok)
    else:
        _spara_for_omvisning(request, form)
        fel = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(t)}"
            for f, t in form.errors.items()
        )
        messages.error(request, f"Rätta uppgifterna: {fel}")
    return _tillbaka(pk, ankare)


@require_POST
@login_required
def kontroller(request: HttpRequest, pk: int) -> HttpResponse:
    """Every control in one form; "Allt kontrollerat utan anmärkning" marks the rest done."""
    ansokan, utredning = _utredning(request, pk)
    lista = list(Kontroll.objects.filter(utredning=utredning).order_by("ordning", "id"))
    form = forms.KontrollerForm(request.POST, kontroller=lista, idag=timezone.localdate())
    if form.is_valid():
        try:
            services.kontroller_spara(
                utredning=utredning,
                av=request.user,
                rader=form.rader(),
                alla_gjorda="alla_gjorda" in request.POST,
                idag=timezone.localdate(),
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Kontrollerna är sparade.")
            return _tillbaka(pk, "kontroller")
    sida = _sida(request, ansokan)
    sida["kontroller_form"] = form
    return _visa_sida(request, ansokan, sida, status=400)


@require_POST
@login_required
def externt_uppslag(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask SSBTEK (or the configured look-up) and file the answer in the journal."""
    _, utredning = _utredning(request, pk)
    try:
        services.externt_uppslag_gor(utredning=utredning, av=request.user)
        messages.success(request, "Uppgifterna är hämtade och sparade i journalen.")
    except ValidationError as fel:
        messages.error(request, fel.messages[0])
    return _tillbaka(pk, "kontroller")


@require_POST
@login_required
def varning_kvittera(request: HttpRequest, pk: int, vpk: int) -> HttpResponse:
    _, v = _enskild(request, pk, Varning, vpk, via="utredning")
    services.varning_kvittera(varning=v, av=request.user)
    messages.success(request, "Varningen är kvitterad.")
    return _tillbaka(pk, "varningar")


@require_POST
@login_required
def varningar_uppdatera(request: HttpRequest, pk: int) -> HttpResponse:
    _, utredning = _utredning(request, pk)
    nya = services.varningar_uppdatera(utredning=utredning)
    messages.success(request, f"{nya} nya ändringar hittades.")
    return _tillbaka(pk, "varningar")


@require_POST
@login_required
def mote_boka(request: HttpRequest, pk: int) -> HttpResponse:
    _, utredning = _utredning(request, pk)
    return _post_form(
        request,
        pk,
        forms.MoteForm(request.POST, prefix="mote"),
        services.mote_boka,
        "moten",
        "Mötet är bokat.",
        utredning=utredning,
        av=request.user,
    )


@require_POST
@login_required
def mote_halla(request: HttpRequest, pk: int, mpk: int) -> HttpResponse:
    _, mote = _enskild(request, pk, Mote, mpk, via="utredning")
    return _post_form(
        request,
        pk,
        forms.MoteHallenForm(request.POST, prefix=f"m{mote.pk}"),
        services.mote_halla,
        "moten",
        "Mötet är registrerat som hållet.",
        mote=mote,
    )


@require_POST
@login_required
def hinder(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    ansokan, utredning = _utredning(request, pk)
    vuxna = {p.pk: p for p in selectors.utredning_vuxna(ansokan)}
    if person_pk not in vuxna:
        raise Http404
    return _post_form(
        request,
        pk,
        forms.HinderForm(request.POST, prefix=f"h{person_pk}"),
        services.hinder_spara,
        "hinder",
        "Försörjningshindret är sparat.",
        utredning=utredning,
        person=vuxna[person_pk],
    )


@require_POST
@login_required
def kommunicering(request: HttpRequest, pk: int) -> HttpResponse:
    _, utredning = _utredning(request, pk)
    return _post_form(
        request,
        pk,
        forms.KommuniceringForm(request.POST, request.FILES, prefix="komm"),
        services.kommunicering_skicka,
        "kommunicering",
        "Kommuniceringen är skickad och svarsdatumet bevakas.",
        utredning=utredning,
        av=request.user,
        inskick_nyckel=nyckel_fran(request.POST),
    )


@require_POST
@login_required
def kommunicering_svar(request: HttpRequest, pk: int, kpk: int) -> HttpResponse:
    _, k = _enskild(request, pk, Kommunicering, kpk, via="utredning")
    return _post_form(
        request,
        pk,
        forms.KommuniceringSvarForm(request.POST, request.FILES, prefix=f"ks{k.pk}"),
        services.kommunicering_besvara,
        "kommunicering",
        "Svaret är registrerat.",
        kommunicering=k,
        av=request.user,
    )


@require_POST
@login_required
def handlingsplan(request: HttpRequest, pk: int) -> HttpResponse:
    _, utredning = _utredning(request, pk)
    return _post_form(
        request,
        pk,
        forms.HandlingsplanForm(request.POST, prefix="plan"),
        services.handlingsplan_spara,
        "handlingsplan",
        "Handlingsplanen är sparad.",
        utredning=utredning,
    )


@require_POST
@login_required
def handlingsplan_signera(request: HttpRequest, pk: int) -> HttpResponse:
    _, utredning = _utredning(request, pk)
    plan = getattr(utredning, "handlingsplan", None)
    if plan is None:
        raise Http404
    services.handlingsplan_signera(plan=plan, av=request.user)
    messages.success(request, "Du har skrivit under handlingsplanen.")
    return _tillbaka(pk, "handlingsplan")


@require_POST
@login_required
def remiss(request: HttpRequest, pk: int) -> HttpResponse:
    ansokan, utredning = _utredning(request, pk)
    vuxna = selectors.utredning_vuxna(ansokan)
    form = forms.RemissForm(request.POST, prefix="remiss", personer=vuxna)
    if form.is_valid():
        form.cleaned_data["person"] = next(p for p in vuxna if p.pk == form.cleaned_data["person"])
    return _post_form(
        request,
        pk,
        form,
        services.remiss_skicka,
        "remiss",
        "Remissen är registrerad.",
        utredning=utredning,
        av=request.user,
    )


@require_POST
@login_required
def narvaro(request: HttpRequest, pk: int, rpk: int) -> HttpResponse:
    _, r = _enskild(request, pk, Remiss, rpk, via="utredning")
    with transaction.atomic():
        return _post_form(
            request,
            pk,
            forms.NarvaroForm(request.POST, prefix=f"n{r.pk}"),
            services.narvaro_registrera,
            "remiss",
            "Närvaron är registrerad.",
            remiss=r,
        )
