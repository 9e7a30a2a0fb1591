"""Pages of beslut: the decision form, samråd, letters and appeals (staff), and the letter and
the appeal form in the e-tjänst. Thin views: access → form → one service call → redirect or
render (docs/arkitektur.md: Kodstil (tunna vyer))."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansokan import access as ansokan_access
from ansokan import filer
from ansokan.inloggning import person_kravs
from ansokan.models import BegaranOmAvgorande
from ansokan.views import _post
from bistand import access as kart_access
from bistand.access import logga_lista
from bistand.forms import fel_till_formular
from bistand.inskick import nyckel_fran, redan_skickat
from bistand.sidminne import sparad_del

from . import access, forms, selectors, services
from .models import Beslut, Overklagande, Samrad
from .services import BeslutNekat


def _pdf_svar(sokvag: str, filnamn: str) -> FileResponse:
    try:
        fil = filer.oppna(sokvag)
    except FileNotFoundError:
        raise Http404 from None
    svar = FileResponse(fil, filename=filnamn, content_type="application/pdf")
    svar["Cache-Control"] = "no-store"
    return svar


def _fel(forms_per_post: dict, fel: ValidationError, allmanna: list[str]) -> None:
    """Put the service's errors next to the right field of the right post's form."""
    if isinstance(fel, BeslutNekat) or not hasattr(fel, "error_dict"):
        allmanna.extend(fel.messages)
        return
    for nyckel, lista in fel.error_dict.items():
        prefix, _, falt = nyckel.partition("-")
        form = forms_per_post.get(prefix)
        if form is not None and falt in form.fields:
            form.add_error(falt, lista)
        else:
            allmanna.extend(e for f in lista for e in f.messages)


def _begar_samrad(request, ansokan, rader, per_prefix) -> int:
    """docs/regler.md, Beslut och beslutsbrev: ask for samråd for the posts whose avsteg has a
    reason written; the page comes back with everything typed still in the form."""
    antal = 0
    for post, form, _ in rader:
        cd = form.cleaned_data
        if not (cd.get("avsteg_skal") or "").strip():
            continue
        services.samrad_begar(
            ansokan=ansokan,
            post=post,
            av=request.user,
            avser=cd.get("avsteg_avser") or Samrad.Avser.RIKTLINJE,
            skal=cd["avsteg_skal"],
            avsnitt=cd.get("avsteg_avsnitt"),
        )
        antal += 1
    if not antal:
        raise ValidationError(
            {
                f"p{post.pk}-avsteg_skal": "Skriv skälet för avsteget om du vill begära samråd."
                for post, _, _ in rader
            }
        )
    return antal


def _las_eller_skriv(request: HttpRequest, las, skriv):
    """GET reads, POST writes: two different rights (docs/regler.md: Behörighet och skyddade
    personuppgifter)."""
    return skriv if request.method == "POST" else las


@login_required
def fatta(request: HttpRequest, pk: int) -> HttpResponse:
    """Decide the undecided posts, prefilled from the förslag and the calculation; ask for
    samråd without losing what was typed; preview the letter as a draft."""
    ansokan = _las_eller_skriv(
        request, ansokan_access.ansokan_for_user, ansokan_access.ansokan_for_write
    )(request.user, pk, sida="beslut-fatta", sokvag=request.path)
    kan_skriva = ansokan_access.ansokan_skrivbar(request.user, ansokan)
    if request.method != "POST":
        # The page's main part, kept while the Akt is unchanged (bistand.sidminne).
        innehall = sparad_del(
            request,
            sida="beslut-fatta",
            akt_id=ansokan.akt_id,
            rita=lambda: _fatta_rita(request, ansokan, kan_skriva, []),
        )
        return render(request, "beslut/fatta.html", {"ansokan": ansokan, "innehall": innehall})
    rader = selectors.beslutsformular(ansokan, request.user, _post(request))
    per_prefix = {f"p{post.pk}": form for post, form, _ in rader}
    allmanna: list[str] = []
    if request.method == "POST" and all(form.is_valid() for _, form, _ in rader):
        poster = [form.post_beslut(post) for post, form, _ in rader]
        try:
            if "begar_samrad" in request.POST:
                antal = _begar_samrad(request, ansokan, rader, per_prefix)
                messages.success(
                    request, f"Samråd begärt ({antal}). Du får besked när det är besvarat."
                )
                rader = selectors.beslutsformular(ansokan, request.user, request.POST)
            elif "forhandsgranska" in request.POST:
                data = services.beslut_forhandsgranska(
                    ansokan=ansokan, av=request.user, poster=poster
                )
                svar = HttpResponse(data, content_type="application/pdf")
                svar["Content-Disposition"] = f'inline; filename="utkast-{ansokan.referens}.pdf"'
                svar["Cache-Control"] = "no-store"
                return svar
            else:
                brev = services.beslut_fatta(
                    ansokan=ansokan,
                    av=request.user,
                    poster=poster,
                    inskick_nyckel=nyckel_fran(request.POST),
                )
                messages.success(request, "Beslutet är fattat. Beslutsbrevet skapas och skickas.")
                return redirect("beslut:brev", pk=brev.pk)
        except ValidationError as fel:
            _fel(per_prefix, fel, allmanna)
    innehall = sparad_del(
        request,
        sida="beslut-fatta",
        akt_id=ansokan.akt_id,
        rita=lambda: _fatta_rita(request, ansokan, kan_skriva, allmanna, rader),
        spara=False,  # what was sent comes back with its errors, drawn anew
    )
    return render(
        request,
        "beslut/fatta.html",
        {"ansokan": ansokan, "innehall": innehall},
        status=400 if allmanna else 200,
    )


def _fatta_rita(request, ansokan, kan_skriva: bool, allmanna: list[str], rader=None) -> str:
    """The beslut page's main part (beslut/_fatta_innehall.html): the undecided posts' forms,
    built from the förslag when `rader` is not given."""
    if rader is None:
        rader = selectors.beslutsformular(ansokan, request.user, None)
    kontext = {
        "ansokan": ansokan,
        "rader": rader,
        "allmanna_fel": allmanna,
        "kan_skriva": kan_skriva,
    }
    return render_to_string("beslut/_fatta_innehall.html", kontext, request)


@login_required
def brev_visa(request: HttpRequest, pk: int) -> HttpResponse:
    brev = access.brev_for_user(request.user, pk, sokvag=request.path)
    return render(
        request,
        "beslut/brev.html",
        {"brev": brev, "beslut": selectors.brev_beslut(brev, request.user)},
    )


@login_required
def andra(request: HttpRequest, pk: int) -> HttpResponse:
    """An ändringsbeslut on the nämnd's own initiative (FL 37–38 §§), from the decision's page:
    GET shows the decision and the form prefilled from it, POST makes the new decision, or asks
    for samråd when it is an avsteg, keeping what was typed."""
    beslut = _las_eller_skriv(request, access.beslut_for_user, access.beslut_for_write)(
        request.user, pk, sokvag=request.path
    )
    andrad_av = beslut.andrad_genom.select_related("brev").order_by("-pk").first()
    form = selectors.andringsformular(beslut, request.user, _post(request))
    allmanna: list[str] = []
    if request.method == "POST" and andrad_av is None and form.is_valid():
        try:
            if "begar_samrad" in request.POST:
                _begar_samrad(request, beslut.brev.ansokan, [(beslut.post, form, None)], {})
                messages.success(request, "Samråd begärt. Du får besked när det är besvarat.")
                form = selectors.andringsformular(beslut, request.user, request.POST)
            else:
                brev = services.beslut_andra(
                    beslut=beslut,
                    av=request.user,
                    nytt=form.post_beslut(beslut.post),
                    anledning=form.cleaned_data["anledning"],
                )
                messages.success(
                    request,
                    "Ändringsbeslutet är fattat. Det tidigare beslutet gäller inte längre. "
                    "Beslutsbrevet skapas och skickas.",
                )
                return redirect("beslut:brev", pk=brev.pk)
        except ValidationError as fel:
            _fel({form.prefix: form}, fel, allmanna)
    kontext = {
        "beslut": beslut,
        "andrad_av": andrad_av,
        "form": form,
        "allmanna_fel": allmanna,
        "kan_skriva": ansokan_access.ansokan_skrivbar(request.user, beslut.brev.ansokan),
    }
    fel = request.method == "POST" and (allmanna or form.errors or andrad_av is not None)
    return render(request, "beslut/andra.html", kontext, status=400 if fel else 200)


@login_required
def brev_pdf(request: HttpRequest, pk: int) -> FileResponse:
    brev = access.brev_for_user(request.user, pk, sokvag=request.path)
    if not brev.sha256:
        raise Http404
    return _pdf_svar(brev.sokvag, f"beslut-{brev.ansokan.referens}-{brev.pk}.pdf")


@login_required
def samrad_lista(request: HttpRequest) -> HttpResponse:
    if not kart_access.far_lasa(request.user):
        raise Http404
    vantande = selectors.samrad_vantande(request.user)

    logga_lista(request.user, {s.ansokan.akt for s in vantande}, sida="samrad-lista")
    return render(request, "beslut/samrad_lista.html", {"vantande": vantande})


@login_required
def samrad_visa(request: HttpRequest, pk: int) -> HttpResponse:
    hamta = _las_eller_skriv(request, access.samrad_for_user, access.samrad_for_write)
    samrad = hamta(request.user, pk, sokvag=request.path)
    form = forms.SamradSvarForm(_post(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.samrad_besvara(
                samrad=samrad,
                av=request.user,
                godkand=form.cleaned_data["beslut"] == "godkand",
                kommentar=form.cleaned_data["kommentar"],
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Ditt svar på samrådet är sparat.")
            return redirect("beslut:samrad", pk=samrad.pk)
    kan_svara = access.samrad_besvarbart(request.user, samrad)
    return render(
        request, "beslut/samrad.html", {"samrad": samrad, "form": form, "kan_svara": kan_svara}
    )


def _filer(request: HttpRequest):
    return request.FILES if request.method == "POST" else None


def _valda(val: list[Beslut], pks: list[str]) -> list[Beslut]:
    """The chosen decisions, only among those offered (never a pk from elsewhere)."""
    return [b for b in val if str(b.pk) in set(pks)]


@login_required
def overklagande_ny(request: HttpRequest, pk: int) -> HttpResponse:
    """An appeal that came in on paper, registered with its received date (FL 43 §)."""
    ansokan = _las_eller_skriv(
        request, ansokan_access.ansokan_for_user, ansokan_access.ansokan_for_write
    )(request.user, pk, sida="overklagande-ny", sokvag=request.path)
    if request.method == "POST" and (gjort := redan_skickat(request.POST, "overklagande")):
        return redirect("beslut:overklagande", pk=gjort)
    val = selectors.negativa_beslut_att_overklaga(ansokan)
    form = forms.PappersoverklagandeForm(_post(request), _filer(request), beslut_val=val)
    if request.method == "POST" and form.is_valid():
        try:
            skapade = services.overklaganden_registrera(
                beslut=_valda(val, form.cleaned_data["beslut"]),
                text=form.cleaned_data["text"],
                inkommen=form.cleaned_data["inkommen"],
                av=request.user,
                filer=form.cleaned_data["filer"],
                inskick_nyckel=nyckel_fran(request.POST),
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            return redirect("beslut:overklagande", pk=skapade[0].pk)
    kan_skriva = ansokan_access.ansokan_skrivbar(request.user, ansokan)
    return render(
        request,
        "beslut/overklagande_ny.html",
        {"ansokan": ansokan, "form": form, "kan_skriva": kan_skriva},
    )


@login_required
def overklagande_visa(request: HttpRequest, pk: int) -> HttpResponse:
    o = access.overklagande_for_user(request.user, pk, sokvag=request.path)
    kan_skriva = ansokan_access.ansokan_skrivbar(request.user, o.beslut.brev.ansokan)
    return render(
        request,
        "beslut/overklagande.html",
        {**selectors.overklagande_sida(o), "kan_skriva": kan_skriva},
    )


_STEG = {
    "rattidsprova": None,
    "ompova": forms.OmprovningForm,
    "overlamna": forms.OverlamnaForm,
    "dom": forms.DomForm,
    "aterkalla": forms.AterkallaForm,
}


def _utfor_steg(steg: str, o: Overklagande, user, cd: dict) -> None:
    if steg == "rattidsprova":
        services.overklagande_rattidsprova(overklagande=o, av=user)
    elif steg == "ompova":
        services.overklagande_omprova(
            overklagande=o,
            av=user,
            andras=cd["andras"] == "ja",
            motivering=cd["motivering"],
            utfall=cd.get("utfall") or "",
            belopp=cd.get("belopp"),
        )
    elif steg == "overlamna":
        services.overklagande_overlamna(overklagande=o, av=user, yttrande=cd["yttrande"])
    elif steg == "aterkalla":
        services.overklagande_aterkalla(overklagande=o, av=user, text=cd["text"])
    elif steg == "dom":
        services.overklagande_dom_registrera(
            overklagande=o,
            av=user,
            dom=cd["dom"],
            dom_datum=cd["dom_datum"],
            avsnitt=cd.get("dom_avsnitt"),
            kommentar=cd.get("kommentar") or "",
        )


@require_POST
@login_required
def overklagande_steg(request: HttpRequest, pk: int, steg: str) -> HttpResponse:
    if steg not in _STEG:
        raise Http404
    o = access.overklagande_for_write(request.user, pk, sokvag=request.path)
    klass = _STEG[steg]
    form = klass(request.POST, prefix=steg) if klass else None
    if form is None or form.is_valid():
        try:
            _utfor_steg(steg, o, request.user, form.cleaned_data if form else {})
        except ValidationError as fel:
            if form is None:
                messages.error(request, " ".join(fel.messages))
                return redirect("beslut:overklagande", pk=o.pk)
            fel_till_formular(form, fel)
        else:
            return redirect("beslut:overklagande", pk=o.pk)
    return render(
        request,
        "beslut/overklagande.html",
        {**selectors.overklagande_sida(o, **{steg: form}), "kan_skriva": True},
        status=400,
    )


@login_required
def overklagande_bunt(request: HttpRequest, pk: int) -> FileResponse:
    o = access.overklagande_for_user(request.user, pk, sokvag=request.path)
    if not o.bunt_sokvag:
        raise Http404
    return _pdf_svar(o.bunt_sokvag, f"overlamnande-{o.pk}.pdf")


# ---- the e-tjänst ----------------------------------------------------------------------------


@person_kravs
def etjanst_brev(request: HttpRequest, pk: int) -> FileResponse:
    """The applicant opens the letter: that day counts for delgivning (docs/regler.md: Beslut och
    beslutsbrev)."""
    brev = access.brev_for_sokande(request.sokande, pk, sokvag=request.path)
    services.beslutsbrev_oppnat(brev=brev, idag=timezone.localdate())
    return _pdf_svar(brev.sokvag, f"beslut-{brev.ansokan.referens}.pdf")


@person_kravs
def etjanst_overklaga(request: HttpRequest, pk: int) -> HttpResponse:
    """FL 43 §: the applicant appeals in writing, here to the nämnd through the e-tjänst."""
    ansokan = ansokan_access.ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-overklaga", sokvag=request.path
    )
    if request.method == "POST" and redan_skickat(request.POST, "overklagande"):
        return redirect("ansokan:ansokan", pk=ansokan.pk)
    val = selectors.negativa_beslut_att_overklaga(ansokan)
    form = forms.OverklagandeForm(_post(request), _filer(request), beslut_val=val)
    if request.method == "POST" and form.is_valid():
        try:
            services.overklaganden_registrera(
                beslut=_valda(val, form.cleaned_data["beslut"]),
                text=form.cleaned_data["text"],
                inkommen=timezone.localdate(),
                av_person=request.sokande,
                filer=form.cleaned_data["filer"],
                inskick_nyckel=nyckel_fran(request.POST),
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(
                request,
                "Ditt överklagande har kommit in till oss. Vi prövar först om beslutet ska ändras.",
            )
            return redirect("ansokan:ansokan", pk=ansokan.pk)
    return render(
        request, "beslut/etjanst_overklaga.html", {"ansokan": ansokan, "form": form, "val": val}
    )


@require_POST
@person_kravs
def etjanst_aterkalla(request: HttpRequest, pk: int) -> HttpResponse:
    """The appellant withdraws her appeal in the e-tjänst (FL 46 § 2 st.)."""
    o = access.overklagande_for_sokande(request.sokande, pk, sokvag=request.path)
    try:
        services.overklagande_aterkalla(overklagande=o, av_person=request.sokande)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Du har återkallat ditt överklagande. Beslutet gäller.")
    return redirect("ansokan:ansokan", pk=o.beslut.brev.ansokan_id)


@require_POST
@login_required
def avgorande_avsla(request: HttpRequest, pk: int, bpk: int) -> HttpResponse:
    """FL 12 §: refuse the request for a decision by a special, appealable decision."""
    ansokan = ansokan_access.ansokan_for_write(
        request.user, pk, sida="avgorande-avsla", sokvag=request.path
    )
    begaran = get_object_or_404(BegaranOmAvgorande, pk=bpk, ansokan=ansokan)
    form = forms.AvgorandeAvslagForm(request.POST, prefix="avg")
    if form.is_valid():
        try:
            services.begaran_avgorande_avsla(
                begaran=begaran, av=request.user, motivering=form.cleaned_data["motivering"]
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Begäran är avslagen. Beslutet skickas till sökanden.")
            return redirect("ansokan:personal_visa", pk=ansokan.pk)
    return render(
        request,
        "ansokan/personal_form.html",
        {"ansokan": ansokan, "form": form, "rubrik": "Avslå begäran om avgörande"},
        status=400,
    )
