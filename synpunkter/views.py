"""Pages of synpunkter: the staff list and page under /synpunkter/, the e-tjänst form under
/e-tjanst/synpunkt/ (open without login). Thin views: access → form → service → redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ansokan.inloggning import aktiv_person, person_kravs
from ansokan.models import Ansokan
from beslut.models import Beslutsbrev
from bistand import access as kart_access
from bistand.forms import fel_till_formular
from bistand.models import ENHETSROLLER, Namnd, Person, Roll
from bistand.sidindelning import sida_av, sidkontext

from . import access, forms, selectors, services
from .models import Kanal, Status, Synpunkt
from .pdf import aterkoppling_brev as rendera

# Staff who may register a synpunkt that came to them (anyone meeting the public).
REGISTRERANDE = ENHETSROLLER | {Roll.KONTAKTCENTER, Roll.AVDELNINGSCHEF, Roll.KVALITET}
LASANDE = ENHETSROLLER | {Roll.AVDELNINGSCHEF, Roll.KVALITET, Roll.KONTAKTCENTER}


def _namnd(request: HttpRequest, akt=None) -> Namnd:
    if akt is not None:
        return akt.enhet.namnd
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.namnd_id:
        return user.namnd
    namnd = Namnd.objects.order_by("pk").first()
    if namnd is None:
        raise Http404
    return namnd


@login_required
def lista(request: HttpRequest) -> HttpResponse:
    if not kart_access.roller(request.user) & LASANDE:
        raise Http404
    visa = "alla" if request.GET.get("visa") == "alla" else "oppna"
    # One page at a time; only the rows shown are logged (docs/prestanda.md: Sidindelning).
    sida = sida_av(
        request, selectors.synpunkter_lista(access.synpunkter_for_user(request.user), visa=visa)
    )
    rader = list(sida.object_list)
    access.logga_synpunkter(request.user, rader, sida="synpunkter", sokvag=request.path)
    egna = list(
        Synpunkt.objects.filter(registrerad_av=request.user)
        .exclude(pk__in=[s.pk for s in rader])
        .order_by("-registrerad")[:20]
    )
    return render(
        request,
        "synpunkter/lista.html",
        {
            **sidkontext(request, sida),
            "rader": rader,
            "egna": egna,
            "visa": visa,
            "kan_registrera": bool(kart_access.roller(request.user) & REGISTRERANDE),
            "kan_folja": bool(
                kart_access.roller(request.user)
                & {Roll.ENHETSCHEF, Roll.AVDELNINGSCHEF, Roll.KVALITET}
            ),
        },
    )


@login_required
def ny(request: HttpRequest) -> HttpResponse:
    """Staff register a synpunkt that came by phone, visit, letter, e-mail or at a meeting."""
    if not kart_access.roller(request.user) & REGISTRERANDE:
        raise Http404
    aktnummer = (request.POST or request.GET).get("aktnummer", "").strip()
    akt = None
    if aktnummer:
        akt = kart_access.akter_for_user(request.user).filter(aktnummer=aktnummer).first()
        if akt is not None:
            kart_access.logga(
                request.user,
                sida="synpunkt-registrera",
                beviljad=True,
                akt_id=akt.pk,
                sokvag=request.path,
            )
    form = forms.PersonalSynpunktForm(request.POST or None, user=request.user, akt=akt)
    if request.method == "POST" and form.is_valid():
        try:
            synpunkt = services.synpunkt_registrera(
                namnd=_namnd(request),
                registrerad_av=request.user,
                **_personal_data(request, form, akt),
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, f"Synpunkten är registrerad som {synpunkt.nummer}.")
            # The handling manager goes on to the synpunkt; anyone else gets the receipt.
            if access.synpunkter_for_user(request.user).filter(pk=synpunkt.pk).exists():
                return redirect("synpunkter:visa", pk=synpunkt.pk)
            return redirect("synpunkter:kvitto", pk=synpunkt.pk)
    return render(request, "synpunkter/ny.html", {"form": form, "akt": akt})


def _personal_data(request: HttpRequest, form: forms.PersonalSynpunktForm, akt) -> dict:
    """The form's data as the service's arguments; the Akt and the person are looked up
    through the user's own access (an Akt the user may not open cannot be linked), and the
    ansökan and decision only among that Akt's own."""
    data = dict(form.cleaned_data)
    personnummer = data.pop("personnummer", "")
    aktnummer = data.pop("aktnummer", "").strip()
    ansokan_id = data.pop("ansokan", None)
    brev_id = data.pop("beslutsbrev", None)
    data["person"] = Person.objects.filter(identitet=personnummer).first() if personnummer else None
    data["akt"] = None
    if aktnummer:
        if akt is None:
            raise ValidationError({"aktnummer": "Hittar ingen akt med det numret som du når."})
        data["akt"] = akt
    data["ansokan"] = Ansokan.objects.filter(pk=ansokan_id, akt=akt).first() if ansokan_id else None
    data["beslutsbrev"] = (
        Beslutsbrev.objects.filter(pk=brev_id, ansokan__akt=akt).first() if brev_id else None
    )
    return data


@login_required
def kvitto(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt for the staff member who registered a synpunkt: its number, when it came
    in, who handles it and by when (docs/regler.md: Synpunkter)."""
    synpunkt = access.kvitto_for_user(request.user, pk, sokvag=request.path)
    akt_synlig = (
        synpunkt.akt_id is not None
        and kart_access.akter_for_user(request.user).filter(pk=synpunkt.akt_id).exists()
    )
    return render(
        request,
        "synpunkter/kvitto.html",
        {
            "s": synpunkt,
            "akt_synlig": akt_synlig,
            "far_lasa": access.synpunkter_for_user(request.user).filter(pk=pk).exists(),
        },
    )


@login_required
def visa(request: HttpRequest, pk: int) -> HttpResponse:
    synpunkt = access.synpunkt_for_user(request.user, pk, sida="synpunkt", sokvag=request.path)
    hanterar = services.kan_hantera(request.user, synpunkt)
    return render(
        request,
        "synpunkter/synpunkt.html",
        {
            "s": synpunkt,
            "hanterar": hanterar and synpunkt.status != Status.AVSLUTAD,
            "utredning_form": forms.UtredningForm(
                initial={"utredning": synpunkt.utredning, "atgarder": synpunkt.atgarder}
            ),
            "aterkoppling_form": forms.AterkopplingForm(
                initial={"satt": synpunkt.svarssatt or None}
            ),
            "omfordela_form": forms.OmfordelaForm(synpunkt=synpunkt, prefix="omf"),
            **selectors.synpunkt_detalj(synpunkt),
        },
    )


STEG = {
    "kvittera": (None, lambda s, u, d: services.synpunkt_kvittera(synpunkt=s, av=u)),
    "utreda": (
        forms.UtredningForm,
        lambda s, u, d: services.synpunkt_utreda(synpunkt=s, av=u, **d),
    ),
    "aterkoppla": (
        forms.AterkopplingForm,
        lambda s, u, d: services.synpunkt_aterkoppla(synpunkt=s, av=u, **d),
    ),
    "avsluta": (None, lambda s, u, d: services.synpunkt_avsluta(synpunkt=s, av=u)),
    "omfordela": (
        forms.OmfordelaForm,
        lambda s, u, d: services.synpunkt_omfordela(synpunkt=s, av=u, **d),
    ),
}
KLART = {
    "kvittera": "Synpunkten är kvitterad som mottagen.",
    "utreda": "Utredningen är sparad.",
    "aterkoppla": "Återkopplingen är registrerad.",
    "avsluta": "Synpunkten är avslutad.",
    "omfordela": "Synpunkten är överlämnad.",
}


@require_POST
@login_required
def steg(request: HttpRequest, pk: int, steg: str) -> HttpResponse:
    """One handling step by the manager: receipt, investigation, återkoppling, closing."""
    if steg not in STEG:
        raise Http404
    synpunkt = access.synpunkt_for_user(request.user, pk, sida="synpunkt", sokvag=request.path)
    if not services.kan_hantera(request.user, synpunkt):
        raise Http404
    formklass, gor = STEG[steg]
    if formklass is forms.OmfordelaForm:
        form = formklass(request.POST, synpunkt=synpunkt, prefix="omf")
    else:
        form = formklass(request.POST) if formklass else None
    try:
        if form is not None and not form.is_valid():
            raise ValidationError(form.errors.as_data())
        gor(synpunkt, request.user, form.cleaned_data if form else {})
    except ValidationError as fel:
        if form is None:
            messages.error(request, " ".join(fel.messages))
            return redirect("synpunkter:visa", pk=synpunkt.pk)
        if form.is_bound and not form.errors:
            fel_till_formular(form, fel)
        kontext = {
            "s": synpunkt,
            "hanterar": True,
            "utredning_form": form
            if steg == "utreda"
            else forms.UtredningForm(
                initial={"utredning": synpunkt.utredning, "atgarder": synpunkt.atgarder}
            ),
            "aterkoppling_form": form if steg == "aterkoppla" else forms.AterkopplingForm(),
            "omfordela_form": form
            if steg == "omfordela"
            else forms.OmfordelaForm(synpunkt=synpunkt, prefix="omf"),
            **selectors.synpunkt_detalj(synpunkt),
        }
        return render(request, "synpunkter/synpunkt.html", kontext, status=200)
    messages.success(request, KLART[steg])
    if (
        steg == "omfordela"
        and not access.synpunkter_for_user(request.user).filter(pk=synpunkt.pk).exists()
    ):
        return redirect("synpunkter:lista")
    return redirect("synpunkter:visa", pk=synpunkt.pk)


@login_required
def aterkoppling_brev(request: HttpRequest, pk: int, apk: int) -> HttpResponse:
    """The återkoppling as a letter to print and send (PDF)."""
    synpunkt = access.synpunkt_for_user(request.user, pk, sida="synpunkt-brev", sokvag=request.path)
    aterkoppling = synpunkt.aterkopplingar.filter(pk=apk).first()
    if aterkoppling is None:
        raise Http404
    try:
        innehall = rendera(aterkoppling)
    except (ImportError, OSError):
        messages.error(request, "Brevet kunde inte skapas just nu. Försök igen om en stund.")
        return redirect("synpunkter:visa", pk=synpunkt.pk)
    svar = HttpResponse(innehall, content_type="application/pdf")
    svar["Content-Disposition"] = f'inline; filename="svar-{synpunkt.nummer}.pdf"'
    return svar


# ---- e-tjänst ------------------------------------------------------------------------------


def etjanst_ny(request: HttpRequest) -> HttpResponse:
    """The e-tjänst form, open to anyone: a logged-in applicant's synpunkt is linked to her
    and routed to her Enhet; without login it is anonymous or carries the contact given."""
    person = aktiv_person(request)
    brev = selectors.beslutsbrev_for_person(person) if person else []
    form = forms.EtjanstSynpunktForm(request.POST or None, person=person, beslutsbrev=brev)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("beslutsbrev", None)
        valt_brev = form.valt_beslutsbrev()
        anonym = data["anonym"]
        akt = None if anonym or person is None else selectors.akt_for_person(person)
        try:
            synpunkt = services.synpunkt_registrera(
                namnd=_namnd(request, akt),
                kanal=Kanal.ETJANST,
                person=None if anonym else person,
                akt=akt,
                beslutsbrev=None if anonym else valt_brev,
                **data,
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            request.session["synpunkt_kvitto"] = synpunkt.nummer
            if synpunkt.person_id:
                messages.success(request, f"Tack! Vi har tagit emot synpunkt {synpunkt.nummer}.")
                return redirect("synpunkter:etjanst_visa", pk=synpunkt.pk)
            return redirect("synpunkter:etjanst_tack")
    return render(
        request,
        "synpunkter/etjanst_ny.html",
        {"form": form, "person": person},
    )


def etjanst_tack(request: HttpRequest) -> HttpResponse:
    nummer = request.session.get("synpunkt_kvitto")
    if not nummer:
        return redirect("synpunkter:etjanst_ny")
    return render(request, "synpunkter/etjanst_tack.html", {"nummer": nummer})


@person_kravs
def etjanst_visa(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant's own synpunkt and the answers to it."""
    synpunkt = access.synpunkt_for_sokande(request.sokande, pk, sokvag=request.path)
    aterkopplingar = list(synpunkt.aterkopplingar.order_by("given"))
    for a in aterkopplingar:
        services.aterkoppling_last(aterkoppling=a)
    return render(
        request,
        "synpunkter/etjanst_synpunkt.html",
        {"s": synpunkt, "aterkopplingar": aterkopplingar, "omraden": list(synpunkt.omraden.all())},
    )
