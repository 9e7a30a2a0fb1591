"""The e-tjänst for sökande under /e-tjanst/ (docs/arkitektur.md: E-tjänst).

Thin function views: access → form → one service call → redirect or render (docs/arkitektur.md:
Kodstil (tunna vyer)). Every case object is reached through `ansokan.access`, which answers 404 for
missing and forbidden alike.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bistand import services as kart
from bistand.forms import fel_till_formular
from bistand.inskick import nyckel_fran
from bistand.sidindelning import sida_av, sidkontext

from . import access, filer, forms, selectors, services, tabeller
from . import steg as stegmodul
from .inloggning import (
    OidcStart,
    OidcSvar,
    logga_in,
    logga_ut,
    markera_aktiv,
    oidc_pa,
    person_kravs,
    satt_person,
    sokande_kravs,
    testlegitimation_pa,
)
from .models import OPPNA, Skanning, Status, Typ
from .paneler import mina_sidor_paneler, sokande_att_gora, sokande_paneler


def _post(request: HttpRequest):
    """Bound data for a POST even when it is empty (an unticked checkbox sends nothing)."""
    return request.POST if request.method == "POST" else None


def _filer(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


# ---- login ---------------------------------------------------------------------------------


@never_cache
def start(request: HttpRequest) -> HttpResponse:
    """Anonymous: the login page. Logged in: Mina sidor."""
    if request.session.get("etjanst_person_id") or request.session.get("etjanst_identitet"):
        return mina_sidor(request)
    form = forms.TestlegitimationForm() if testlegitimation_pa() else None
    return render(request, "ansokan/etjanst_start.html", {"form": form, "oidc": oidc_pa()})


@require_POST
def testlegitimation(request: HttpRequest) -> HttpResponse:
    """Development only (settings.ETJANST_TESTLEGITIMATION, never with production settings)."""
    if not testlegitimation_pa():
        raise Http404
    form = forms.TestlegitimationForm(request.POST)
    if not form.is_valid():
        return render(request, "ansokan/etjanst_start.html", {"form": form, "oidc": oidc_pa()})
    logga_in(request, form.cleaned_data["personnummer"])
    return redirect("ansokan:start")


oidc_start = OidcStart.as_view()
oidc_callback = OidcSvar.as_view()


@require_POST
def logga_ut_vy(request: HttpRequest) -> HttpResponse:
    logga_ut(request)
    messages.info(request, "Du är utloggad.")
    return redirect("ansokan:start")


@require_POST
@sokande_kravs
def ping(request: HttpRequest) -> JsonResponse:
    """Keeps the session alive when the applicant answers the timeout warning."""
    markera_aktiv(request)
    return JsonResponse({"ok": True, "sekunder": settings.ETJANST_SESSION_TIMEOUT})


@sokande_kravs
def om_dig(request: HttpRequest) -> HttpResponse:
    """A first-time applicant tells us their name before the first nyansökan."""
    if request.sokande is not None:
        return redirect("ansokan:start")
    form = forms.OmDigForm(_post(request))
    if request.method == "POST" and form.is_valid():
        person = kart.person_registrera(identitet=request.sokande_identitet, **form.cleaned_data)
        satt_person(request, person)
        return redirect("ansokan:start")
    return render(request, "ansokan/om_dig.html", {"form": form})


# ---- Mina sidor ----------------------------------------------------------------------------


@sokande_kravs
def mina_sidor(request: HttpRequest) -> HttpResponse:
    person = request.sokande
    # A household applies every month for years: a year's ansökningar a page, only those
    # read and logged (docs/prestanda.md: Sidindelning).
    sida = sida_av(request, selectors.mina_ansokningar(person) if person else [], per_sida=12)
    ansokningar = sida.object_list
    if person:
        access.logga_sokande_lista(
            person,
            [a.akt_id for a in ansokningar if a.akt_id],
            sida="mina-sidor",
            sokvag=request.path,
        )
    return render(
        request,
        "ansokan/mina_sidor.html",
        {
            **sidkontext(request, sida),
            "person": person,
            "ansokningar": ansokningar,
            "ansokningar_rader": tabeller.mina_ansokningar_rader(ansokningar, person),
            "kan_ateransoka": person is not None and _har_inskickad(person, sida),
            "kontakt": selectors.kontakt_for(person),
            "paneler": mina_sidor_paneler(request, person),
            "att_gora": sokande_att_gora(person) if person else [],
        },
    )


def _har_inskickad(person, sida) -> bool:
    """Whether the applicant may apply again from a submitted ansökan of hers
    (`selectors.har_inskickad`), answered from the page's rows when they tell: one of them is
    such an ansökan, or they are all there are. Else asked of the database."""
    inskickade = (
        a.sokande_id == person.pk and a.status not in (Status.UTKAST, Status.ATERKALLAD)
        for a in sida.object_list
    )
    if any(inskickade):
        return True
    if not sida.has_other_pages():
        return False
    return selectors.har_inskickad(person)


@require_POST
@person_kravs
def ny(request: HttpRequest, typ: str) -> HttpResponse:
    if typ not in Typ.values:
        raise Http404
    ansokan = services.ansokan_utkast_skapa(sokande=request.sokande, typ=typ)
    return redirect("ansokan:steg", pk=ansokan.pk, steg=stegmodul.steg_for(ansokan)[0][0])


@person_kravs
def steg(request: HttpRequest, pk: int, steg: str) -> HttpResponse:
    ansokan = access.utkast_for_sokande(request.sokande, pk, sokvag=request.path)
    if ansokan.status != Status.UTKAST:
        return redirect("ansokan:kvitto", pk=ansokan.pk)
    if steg not in dict(stegmodul.steg_for(ansokan)):
        raise Http404
    if steg == "bilagor":
        return _bilagor(request, ansokan)
    if steg == "granska":
        return _granska(request, ansokan)
    form = stegmodul.formular(ansokan, steg, _post(request))
    barn = stegmodul.barn_formset(ansokan, _post(request)) if steg == "hushall" else None
    if barn is not None and "fler_barn" in request.POST:
        # "Lägg till ett barn": the same page with one more child, what was typed kept.
        data = request.POST.copy()
        data["barn-TOTAL_FORMS"] = str(min(barn.total_form_count() + 1, barn.absolute_max))
        return _rendera_steg(
            request, ansokan, steg, form=form, barn=stegmodul.barn_formset(ansokan, data)
        )
    if request.method == "POST" and form.is_valid() and (barn is None or barn.is_valid()):
        try:
            _spara_steg(ansokan, steg, form, barn)
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            if "spara" in request.POST:
                messages.success(request, "Din ansökan är sparad. Du kan fortsätta senare.")
                return redirect("ansokan:start")
            ansokan.refresh_from_db(fields=["uppgifter"])
            return redirect("ansokan:steg", pk=ansokan.pk, steg=stegmodul.nasta(ansokan, steg))
    return _rendera_steg(request, ansokan, steg, form=form, barn=barn)


def _spara_steg(ansokan, steg: str, form, barn) -> None:
    if steg == "poster":
        services.ansokan_poster_spara(ansokan=ansokan, poster=form.valda())
        services.ansokan_utkast_spara(ansokan=ansokan, steg=steg, data={})
        return
    data = dict(form.cleaned_data)
    if barn is not None:
        data["barn"] = stegmodul.barn_data(barn)
    services.ansokan_utkast_spara(ansokan=ansokan, steg=steg, data=data)


def _rendera_steg(request, ansokan, steg: str, **kontext) -> HttpResponse:
    stegen = stegmodul.steg_for(ansokan)
    if steg in ("andringar", "granska") and ansokan.typ == Typ.ATERANSOKAN:
        kontext.setdefault("manadsvarning", stegmodul.manadsvarning(ansokan))
    return render(
        request,
        f"ansokan/steg_{steg}.html" if steg in ("bilagor", "granska") else "ansokan/steg.html",
        {
            "ansokan": ansokan,
            "steg": steg,
            "stegen": stegen,
            "stegnummer": [k for k, _ in stegen].index(steg) + 1,
            "stegnamn": dict(stegen)[steg],
            "forra": stegmodul.forra(ansokan, steg),
            **kontext,
        },
    )


def _bilagor(request, ansokan) -> HttpResponse:
    form = forms.BilagaForm(_post(request), _filer(request))
    if request.method == "POST" and form.is_valid():
        try:
            bilaga = services.bilaga_spara(
                ansokan=ansokan,
                fil=form.cleaned_data["fil"],
                kategori=form.cleaned_data["kategori"],
                av_person=request.sokande,
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            if bilaga.skanning == Skanning.KARANTAN:
                messages.error(request, KARANTAN_TEXT)
            else:
                messages.success(request, "Filen är uppladdad.")
            return redirect("ansokan:steg", pk=ansokan.pk, steg="bilagor")
    return _rendera_steg(request, ansokan, "bilagor", form=form, bilagor=selectors.bilagor(ansokan))


def _granska(request, ansokan) -> HttpResponse:
    form = forms.SkickaInForm(_post(request))
    if request.method == "POST" and form.is_valid():
        services.ansokan_skicka_in(ansokan=ansokan, sokande=request.sokande)
        return redirect("ansokan:kvitto", pk=ansokan.pk)
    return _rendera_steg(
        request,
        ansokan,
        "granska",
        form=form,
        uppgifter=stegmodul.uppgifter_lasbart(ansokan),
        poster=selectors.poster(ansokan),
        bilagor=selectors.bilagor(ansokan),
    )


@person_kravs
def kvitto(request: HttpRequest, pk: int) -> HttpResponse:
    """docs/arkitektur.md: E-tjänst — reference number and date on screen (and by e-mail)."""
    ansokan = access.ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-kvitto", sokvag=request.path
    )
    if ansokan.status == Status.UTKAST:
        return redirect("ansokan:steg", pk=ansokan.pk, steg="granska")
    return render(request, "ansokan/kvitto.html", {"ansokan": ansokan})


@person_kravs
def ansokan_visa(request: HttpRequest, pk: int) -> HttpResponse:
    ansokan = access.ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-ansokan", sokvag=request.path
    )
    if ansokan.status == Status.UTKAST:
        return redirect(
            "ansokan:steg", pk=ansokan.pk, steg=ansokan.steg or stegmodul.steg_for(ansokan)[0][0]
        )
    return render(
        request,
        "ansokan/ansokan.html",
        {
            "ansokan": ansokan,
            "tidslinje": selectors.tidslinje_for_sokande(ansokan),
            "paneler": sokande_paneler(request, ansokan),
            "kompletteringar": selectors.kompletteringar(ansokan),
            "meddelanden": selectors.meddelanden(ansokan),
            "bilagor": selectors.bilagor(ansokan),
            "poster": selectors.poster(ansokan),
            "form": forms.MeddelandeForm(),
            "kan_aterkalla": ansokan.sokande_id == request.sokande.pk and ansokan.status in OPPNA,
            "kan_signera": ansokan.medsokande_id == request.sokande.pk
            and not ansokan.signerad_medsokande,
            "kontakt": selectors.kontakt_for(request.sokande),
            "forseningar": list(ansokan.forseningar.all()),
            "begaranden": list(ansokan.begaran_om_avgorande.all()),
            "kan_begara_avgorande": selectors.avgorande_kan_begaras(ansokan, timezone.localdate()),
            "avgorande_form": forms.BegaranOmAvgorandeForm(),
        },
    )


@require_POST
@person_kravs
def begar_avgorande(request: HttpRequest, pk: int) -> HttpResponse:
    """FL 12 §: after six months without a decision the applicant asks that it be decided."""
    ansokan = access.ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-begar-avgorande", sokvag=request.path
    )
    form = forms.BegaranOmAvgorandeForm(request.POST)
    if form.is_valid():
        try:
            b = services.avgorande_begar(
                ansokan=ansokan, av_person=request.sokande, text=form.cleaned_data["text"]
            )
        except ValidationError as fel:
            messages.error(request, " ".join(fel.messages))
        else:
            messages.success(
                request,
                f"Vi har fått din begäran. Vi beslutar i ärendet eller svarar dig med ett "
                f"beslut senast {b.senast:%Y-%m-%d}.",
            )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("ansokan:ansokan", pk=ansokan.pk)


@require_POST
@person_kravs
def aterkalla(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant withdraws the application; a person on staff sees it in the timeline."""
    ansokan = access.ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-aterkalla", sokvag=request.path
    )
    try:
        services.ansokan_aterkalla(ansokan=ansokan, person=request.sokande)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Din ansökan är återkallad. Du kan ansöka igen när du vill.")
    return redirect("ansokan:ansokan", pk=ansokan.pk)


@require_POST
@person_kravs
def signera(request: HttpRequest, pk: int) -> HttpResponse:
    ansokan = access.ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-signera", sokvag=request.path
    )
    try:
        services.ansokan_signera(ansokan=ansokan, person=request.sokande)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Tack! Du har skrivit under ansökan.")
    return redirect("ansokan:ansokan", pk=ansokan.pk)


@person_kravs
def meddelande_ny(request: HttpRequest, pk: int) -> HttpResponse:
    ansokan = access.ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-meddelande", sokvag=request.path
    )
    form = forms.MeddelandeForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.meddelande_skicka(
                ansokan=ansokan,
                text=form.cleaned_data["text"],
                av_person=request.sokande,
                inskick_nyckel=nyckel_fran(request.POST),
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Ditt meddelande är skickat.")
            return redirect("ansokan:ansokan", pk=ansokan.pk)
    return render(request, "ansokan/meddelande_ny.html", {"ansokan": ansokan, "form": form})


@person_kravs
def meddelande_visa(request: HttpRequest, pk: int) -> HttpResponse:
    meddelande = access.meddelande_for_sokande(request.sokande, pk, sokvag=request.path)
    return render(request, "ansokan/meddelande.html", {"meddelande": meddelande})


@person_kravs
def komplettering(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant answers a request with text or files, or proposes another date."""
    k = access.komplettering_for_sokande(request.sokande, pk, sokvag=request.path)
    form = forms.KompletteringSvarForm(_post(request), _filer(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.komplettering_besvara(
                komplettering=k,
                text=form.cleaned_data["text"],
                filer_=form.filer(),
                av_person=request.sokande,
                inskick_nyckel=nyckel_fran(request.POST),
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Tack! Din komplettering är inskickad.")
            return redirect("ansokan:ansokan", pk=k.ansokan_id)
    return render(
        request,
        "ansokan/komplettering.html",
        {"k": k, "form": form, "datumform": forms.NyttDatumForm(initial={"senast": k.senast})},
    )


@require_POST
@person_kravs
def komplettering_datum(request: HttpRequest, pk: int) -> HttpResponse:
    k = access.komplettering_for_sokande(request.sokande, pk, sokvag=request.path)
    datumform = forms.NyttDatumForm(request.POST)
    if datumform.is_valid():
        try:
            services.komplettering_foresla_datum(
                komplettering=k, person=request.sokande, senast=datumform.cleaned_data["senast"]
            )
        except ValidationError as fel:
            fel_till_formular(datumform, fel)
        else:
            messages.success(request, "Det nya datumet är sparat.")
            return redirect("ansokan:komplettering", pk=k.pk)
    form = forms.KompletteringSvarForm()
    return render(
        request, "ansokan/komplettering.html", {"k": k, "form": form, "datumform": datumform}
    )


@person_kravs
def bilaga(request: HttpRequest, pk: int) -> FileResponse:
    b = access.bilaga_for_sokande(request.sokande, pk, sokvag=request.path)
    return _fil(b)


KARANTAN_TEXT = (
    "Filen innehöll skadlig kod (virus) och har inte tagits emot. Din handläggare har fått veta "
    "det. Skicka dokumentet på annat sätt, till exempel som en ny fil från en annan dator."
)


def _fil(b) -> FileResponse:
    """Serve an attachment; never one in quarantine or still waiting for its virus scan."""
    if not b.kan_oppnas:
        raise Http404
    try:
        fil = filer.oppna(b.sokvag)
    except FileNotFoundError:
        raise Http404 from None
    svar = FileResponse(fil, as_attachment=True, filename=b.filnamn, content_type=b.innehallstyp)
    svar["Cache-Control"] = "no-store"
    return svar
