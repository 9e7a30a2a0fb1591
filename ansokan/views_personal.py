"""Staff pages of the ansokan app: the list of ansökningar of the own Enhet, one ansökan,
komplettering requests, messages and intake in other channels (docs/arkitektur.md: E-tjänst)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bistand import access as kart_access
from bistand import services as kart
from bistand import skydd
from bistand.forms import fel_till_formular
from bistand.inskick import nyckel_fran
from bistand.models import ENHETSROLLER, Roll

from . import access, forms, selectors, services
from . import steg as stegmodul
from .models import Kategori
from .paneler import personal_paneler
from .views import _fil, _filer, _post


def _personal_kravs(user) -> None:
    if not kart_access.har_roll(user, *ENHETSROLLER, Roll.KVALITET):
        raise Http404


@login_required
def lista(request: HttpRequest) -> HttpResponse:
    """Every channel side by side (e-tjänst, papper, telefon, besök, e-post)."""
    _personal_kravs(request.user)
    ansokningar = selectors.ansokningar_lista(access.ansokningar_for_user(request.user))
    kart_access.logga_lista(
        request.user, {a.akt for a in ansokningar}, sida="ansokningar", sokvag=request.path
    )
    return render(
        request,
        "ansokan/lista.html",
        {"ansokningar": ansokningar, "kan_registrera": kart_access.far_skriva(request.user)},
    )


@login_required
def visa(request: HttpRequest, pk: int) -> HttpResponse:
    ansokan = access.ansokan_for_user(request.user, pk, sida="ansokan", sokvag=request.path)
    ansokan = selectors.ansokan_for_personal_sida(ansokan)
    kompletteringar = selectors.kompletteringar(ansokan)
    return render(
        request,
        "ansokan/personal_ansokan.html",
        {
            "ansokan": ansokan,
            "kan_skriva": access.ansokan_skrivbar(request.user, ansokan),
            "handelser": selectors.tidslinje_for_personal(ansokan),
            "kompletteringar": [
                (
                    k,
                    selectors.komplettering_forsenad(k),
                    forms.KompletteringRegistreraForm(prefix=f"k{k.pk}"),
                )
                for k in kompletteringar
            ],
            "meddelanden": selectors.meddelanden(ansokan),
            "bilagor": selectors.bilagor(ansokan),
            "poster": selectors.poster(ansokan),
            "uppgifter": stegmodul.uppgifter_mot_forra_manaden(ansokan),
            "vantedagar": selectors.vantedagar(ansokan),
            "begar_form": forms.KompletteringBegarForm(prefix="begar"),
            "paneler": personal_paneler(request, ansokan),
            "vantar_pa_sokande": selectors.vantar_pa_sokande(ansokan),
            "meddelande_form": forms.MeddelandeForm(prefix="medd"),
            "forsening_behovs": selectors.forsening_behover_underrattelse(
                ansokan, timezone.localdate()
            ),
            "forsening_form": forms.ForseningForm(prefix="fors"),
            "forseningar": list(ansokan.forseningar.select_related("av")),
            "begaranden": list(ansokan.begaran_om_avgorande.all()),
        },
    )


@require_POST
@login_required
def forsening(request: HttpRequest, pk: int) -> HttpResponse:
    """FL 11 §: tell the applicant that the handling will be considerably delayed."""
    ansokan = access.ansokan_for_write(
        request.user, pk, sida="ansokan-forsening", sokvag=request.path
    )
    form = forms.ForseningForm(request.POST, prefix="fors")
    if form.is_valid():
        try:
            services.forsening_underratta(ansokan=ansokan, av=request.user, **form.cleaned_data)
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Underrättelsen om försening är skickad till sökande.")
            return redirect("ansokan:personal_visa", pk=ansokan.pk)
    return render(
        request,
        "ansokan/personal_form.html",
        {"ansokan": ansokan, "form": form, "rubrik": "Underrätta om försening"},
        status=400,
    )


@require_POST
@login_required
def komplettering_begar(request: HttpRequest, pk: int) -> HttpResponse:
    ansokan = access.ansokan_for_write(
        request.user, pk, sida="ansokan-komplettering", sokvag=request.path
    )
    form = forms.KompletteringBegarForm(request.POST, prefix="begar")
    if form.is_valid():
        try:
            services.komplettering_begar(ansokan=ansokan, av=request.user, **form.cleaned_data)
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Begäran om komplettering är skickad till sökande.")
            return redirect("ansokan:personal_visa", pk=ansokan.pk)
    return render(
        request,
        "ansokan/personal_form.html",
        {"ansokan": ansokan, "form": form, "rubrik": "Begär komplettering"},
    )


@require_POST
@login_required
def komplettering_registrera(request: HttpRequest, pk: int) -> HttpResponse:
    """An answer that came in another channel (phone, paper, visit, e-mail)."""
    k = access.komplettering_for_write(request.user, pk, sokvag=request.path)
    form = forms.KompletteringRegistreraForm(request.POST, prefix=f"k{k.pk}")
    if form.is_valid():
        services.komplettering_besvara(
            komplettering=k,
            text=form.cleaned_data["text"],
            av=request.user,
            kanal=form.cleaned_data["kanal"],
        )
        messages.success(request, "Kompletteringen är registrerad.")
        return redirect("ansokan:personal_visa", pk=k.ansokan_id)
    return render(
        request,
        "ansokan/personal_form.html",
        {"ansokan": k.ansokan, "form": form, "rubrik": "Registrera komplettering"},
    )


@require_POST
@login_required
def markera_komplett(request: HttpRequest, pk: int) -> HttpResponse:
    """The handläggare ends the wait: the handling clock runs again (docs/arkitektur.md: Periodiska
    jobb)."""
    ansokan = access.ansokan_for_write(request.user, pk, sida="ansokan", sokvag=request.path)
    services.ansokan_markera_komplett(ansokan=ansokan, av=request.user)
    messages.success(request, "Ansökan är markerad som komplett. Handläggningstiden räknas igen.")
    return redirect("ansokan:personal_visa", pk=ansokan.pk)


@require_POST
@login_required
def meddelande(request: HttpRequest, pk: int) -> HttpResponse:
    ansokan = access.ansokan_for_write(
        request.user, pk, sida="ansokan-meddelande", sokvag=request.path
    )
    form = forms.MeddelandeForm(request.POST, prefix="medd")
    if form.is_valid():
        services.meddelande_skicka(
            ansokan=ansokan,
            text=form.cleaned_data["text"],
            av=request.user,
            inskick_nyckel=nyckel_fran(request.POST),
        )
        messages.success(request, "Meddelandet är skickat.")
        return redirect("ansokan:personal_visa", pk=ansokan.pk)
    return render(
        request,
        "ansokan/personal_form.html",
        {"ansokan": ansokan, "form": form, "rubrik": "Skriv meddelande"},
    )


@login_required
def bilaga(request: HttpRequest, pk: int) -> FileResponse:
    return _fil(access.bilaga_for_user(request.user, pk, sokvag=request.path))


@login_required
def intag(request: HttpRequest) -> HttpResponse:
    """Register an application that came on paper, by phone, at a visit or by e-mail."""
    if not kart_access.har_roll(request.user, *ENHETSROLLER) or not request.user.enhet_id:
        raise Http404
    data = _post(request)
    form = forms.IntagForm(
        data,
        _filer(request),
        initial={"mottagen": timezone.localdate(), "inskick_nyckel": uuid.uuid4()},
    )
    poster = forms.PosterForm(data, posttyper=selectors.aktiva_posttyper(), prefix="post")
    if request.method == "POST" and form.is_valid() and poster.is_valid():
        try:
            ansokan = _registrera_intag(request.user, form.cleaned_data, poster.valda())
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            if not access.ansokningar_for_user(request.user).filter(pk=ansokan.pk).exists():
                # The person's Akt is in another Enhet or protected: the application is
                # registered there all the same and its enhetschef is told; say so without
                # showing anything of the case (the same words for both).
                skydd.enhetschefer_meddela(
                    akt=ansokan.akt,
                    text=f"Ansökan {ansokan.referens} har registrerats av en annan enhet. "
                    "Fördela den.",
                    lank=f"/ansokningar/{ansokan.pk}/",
                )
                messages.success(
                    request,
                    f"Ansökan {ansokan.referens} är registrerad och har gått till den enhet "
                    "som handlägger personens ärenden.",
                )
                return redirect("ansokan:intag")
            messages.success(request, f"Ansökan {ansokan.referens} är registrerad.")
            return redirect("ansokan:personal_visa", pk=ansokan.pk)
    return render(request, "ansokan/intag.html", {"form": form, "poster": poster})


@transaction.atomic
def _registrera_intag(user, data: dict, poster):
    # The look-up by personnummer is logged like a read (docs/regler.md: Behörighet och
    # skyddade personuppgifter); the typed name is used only for a person not known before.
    skydd.person_uppslag(av=user, identitet=data["personnummer"], sida="intag-uppslag")
    sokande = kart.person_registrera(
        identitet=data["personnummer"],
        fornamn=data["fornamn"] or "Okänt",
        efternamn=data["efternamn"] or "Okänt",
    )
    ansokan, ny = services.ansokan_registrera(
        sokande=sokande,
        av=user,
        typ=data["typ"],
        kanal=data["kanal"],
        mottagen=data["mottagen"],
        uppgifter={"intag": {"text": data["uppgifter"]}},
        poster=poster,
        inskick_nyckel=data["inskick_nyckel"],
    )
    if ny and data.get("fil"):
        services.bilaga_spara(
            ansokan=ansokan, fil=data["fil"], kategori=Kategori.INSKANNAD, av=user
        )
    return ansokan
