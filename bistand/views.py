"""Staff pages of the core: login redirect, start page, the Akt, Kontaktcenter status, health."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import access, selectors, services, tabeller
from .bevakning import typ_namn
from .celery import app
from .forms import AvslutaForm, MedlemForm, fel_till_formular
from .identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer
from .models import Roll
from .paneler import aktpaneler
from .parametrar import heltal
from .pdf import pdf_rendera
from .radmall import Radmall, lank
from .sidindelning import oraknad_sida_av, sida_av, sidkontext
from .sidminne import sparad_del


def startsida_for(user) -> str:
    """The start page of the user's role (docs/arkitektur.md: Appar)."""
    if access.har_roll(user, Roll.ADMINISTRATOR) or (user.is_superuser and not access.roller(user)):
        return "/admin/"
    if access.har_roll(user, Roll.KONTAKTCENTER):
        return "/kontaktcenter/"
    if access.har_roll(user, Roll.EKONOMIASSISTENT):
        return "/utbetalning/"
    if access.har_roll(user, Roll.AVDELNINGSCHEF):
        return "/synpunkter/"
    if access.har_roll(user, Roll.HANDLAGGARE, Roll.FORSTE, Roll.ENHETSCHEF):
        return "/arbetslista/"  # the case-working roles start on their worklist
    return "/"


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return startsida_for(self.request.user)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The Akter the user may open: the own Enhet's, or for Kvalitet every Enhet's."""
    mal = startsida_for(request.user)
    if mal not in ("/", "/arbetslista/"):
        return redirect(mal)
    # A unit holds thousands of Akter: one page at a time, and only the shown rows are logged.
    # Not counted: the page's rows and one more tell whether a next page follows.
    sida = oraknad_sida_av(request, selectors.akter_lista(request.user))
    akter = selectors.akter_lista_rader(sida.object_list)
    access.logga_lista(request.user, akter, sida="startsida", sokvag=request.path)
    over_enheter = access.har_roll(request.user, Roll.KVALITET)
    url = lank("akt")
    rader = AKT_RAD.rader(
        {
            "url": url(a.pk),
            "aktnummer": a.aktnummer,
            "sokande_namn": a.sokande_namn,
            "antal_personer": f"{a.antal_personer} person{'' if a.antal_personer == 1 else 'er'}",
            "enhet_cell": AKT_RAD_ENHET.fyll({"enhet": a.enhet}) if over_enheter else "",
            "handlaggare": a.handlaggare or "Ej tilldelad",
        }
        for a in akter
    )
    return render(
        request,
        "bistand/start.html",
        {"akter": akter, "rader": rader, "over_enheter": over_enheter, **sidkontext(request, sida)},
    )


# The start page's rows (bistand.radmall): fifty Akter a page.
AKT_RAD = Radmall("bistand/_akt_rad.html")
AKT_RAD_ENHET = Radmall("bistand/_akt_rad_enhet.html")


AKT_ANSOKNINGAR = 24  # two years of monthly applications
AKT_JOURNAL = 20


@login_required
def akt_visa(request: HttpRequest, pk: int) -> HttpResponse:
    akt = access.akt_for_user(request.user, pk, sida="akt", sokvag=request.path)
    # The page's main part, kept while the Akt is unchanged (bistand.sidminne).
    innehall = sparad_del(request, sida="akt", akt_id=akt.pk, rita=lambda: _akt_rita(request, akt))
    return render(request, "bistand/akt.html", {"akt": akt, "innehall": innehall})


def _akt_rita(request: HttpRequest, akt) -> str:
    """The Akt page's main part (bistand/_akt_innehall.html)."""
    bevakningar = selectors.akt_oppna_bevakningar(akt)
    # The newest only, one row more than shown to know whether there are more: an Akt
    # gathers hundreds of entries and an ansökan a month over the years.
    ansokningar = selectors.akt_ansokningar(akt, antal=AKT_ANSOKNINGAR + 1)
    journal = selectors.akt_journal(akt, antal=AKT_JOURNAL + 1)
    return render_to_string(
        "bistand/_akt_innehall.html",
        {
            "akt": akt,
            "medlemmar": tabeller.medlemmar_rader(selectors.akt_medlemmar(akt)),
            "ansokningar": tabeller.ansokningar_rader(ansokningar[:AKT_ANSOKNINGAR]),
            "antal_ansokningar": min(len(ansokningar), AKT_ANSOKNINGAR),
            "fler_ansokningar": len(ansokningar) > AKT_ANSOKNINGAR,
            "journal": tabeller.journal_rader(journal[:AKT_JOURNAL]),
            "antal_journal": min(len(journal), AKT_JOURNAL),
            "fler_journal": len(journal) > AKT_JOURNAL,
            "bevakningar": [(b, typ_namn(b.typ)) for b in bevakningar],
            "aktpaneler": aktpaneler(request, akt),
            "kan_skriva": access.far_skriva_i_akt(request.user, akt.pk),
        },
        request,
    )


def _historik(request: HttpRequest, akt, *, sidvis: bool = False) -> dict:
    """The Akt's history with the page's filter (kind, ansökan) read from the query string."""
    typer = selectors.akt_handelsetyper(akt)
    ansokningar = selectors.akt_ansokningar_i_historik(akt)
    typ = request.GET.get("typ", "")
    if typ not in {t.kod for t in typer} | {"", selectors.HISTORIK_JOURNAL}:
        typ = ""
    ansokan = request.GET.get("ansokan", "")
    ansokan_id = heltal(ansokan) if heltal(ansokan) in ansokningar else None
    if sidvis:
        sida = sida_av(request, selectors.AktHistorik(akt, typ=typ, ansokan_id=ansokan_id))
        rader = {**sidkontext(request, sida), "rader": sida.object_list}
    else:
        rader = {"rader": selectors.akt_historik(akt, typ=typ, ansokan_id=ansokan_id)}
    return {
        **rader,
        "akt": akt,
        "typer": typer,
        "typ": typ,
        "ansokningar": ansokningar,
        "ansokan_id": ansokan_id,
        "namnd": akt.enhet.namnd,
        "idag": timezone.localdate(),
    }


@login_required
def akt_historik(request: HttpRequest, pk: int) -> HttpResponse:
    """The Akt's history: events and journal entries merged by time, filterable by kind and
    ansökan (docs/regler.md: "Händelser i akten")."""
    akt = access.akt_for_user(request.user, pk, sida="akt-historik", sokvag=request.path)
    return render(request, "bistand/akt_historik.html", _historik(request, akt, sidvis=True))


@login_required
def akt_historik_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same history, with the same filter, as a PDF/A for IVO, JO or a court."""
    akt = access.akt_for_user(request.user, pk, sida="akt-historik-pdf", sokvag=request.path)
    data = pdf_rendera("pdf/akt_historik.html", _historik(request, akt))
    svar = HttpResponse(data, content_type="application/pdf")
    svar["Content-Disposition"] = f'attachment; filename="historik-{akt.aktnummer}.pdf"'
    return svar


@login_required
def hushall(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a member to the Akt's household (the case-working roles of its Enhet only)."""
    akt = access.akt_for_write(request.user, pk, sida="akt-hushall", sokvag=request.path)
    form = MedlemForm(request.POST or None, initial={"fran": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.hushall_medlem_registrera(
                hushall=akt.hushall, av=request.user, sokvag=request.path, **form.cleaned_data
            )
        except ValidationError as fel:
            fel_till_formular(form, fel)
        else:
            messages.success(request, "Personen är tillagd i hushållet.")
            return redirect("akt", pk=akt.pk)
    return render(
        request,
        "bistand/hushall.html",
        {
            "akt": akt,
            "form": form,
            "medlemmar": selectors.akt_medlemmar(akt),
            "avsluta": AvslutaForm(),
        },
    )


@require_POST
@login_required
def hushall_avsluta(request: HttpRequest, pk: int, mpk: int) -> HttpResponse:
    """A member moved out: the membership ends, the history stays."""
    akt = access.akt_for_write(request.user, pk, sida="akt-hushall", sokvag=request.path)
    medlem = akt.hushall.medlemmar.filter(pk=mpk, till__isnull=True).first()
    form = AvslutaForm(request.POST)
    if medlem is None:
        raise Http404
    try:
        if not form.is_valid():
            raise ValidationError("Ange datum då personen flyttade ut.")
        services.hushall_medlem_avsluta(medlem=medlem, till=form.cleaned_data["till"])
        messages.success(request, f"{medlem.person.namn} är inte längre med i hushållet.")
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    return redirect("akt-hushall", pk=akt.pk)


class StatusSokForm(forms.Form):
    personnummer = forms.CharField(
        label="Personnummer eller samordningsnummer",
        help_text="10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN.",
        max_length=20,
    )

    def clean_personnummer(self) -> str:
        try:
            return tolka_identitetsnummer(self.cleaned_data["personnummer"]).nummer
        except OgiltigtIdentitetsnummer as fel:
            raise forms.ValidationError(str(fel)) from None


@login_required
def kontaktcenter(request: HttpRequest) -> HttpResponse:
    """docs/regler.md: Bakgrund — kontaktcenter sees only whether an application has arrived and
    whether a decision is made — never the case itself."""
    if not access.kan_se_kontaktcenter(request.user):
        raise Http404
    form = StatusSokForm(request.GET or None)
    resultat = None
    if form.is_valid():
        person = access.person_status_for_user(
            request.user, form.cleaned_data["personnummer"], sokvag=request.path
        )
        resultat = selectors.person_status(
            person, akter=access.status_akter_for_user(request.user, person) if person else None
        )
    return render(request, "bistand/kontaktcenter.html", {"form": form, "resultat": resultat})


@login_required
def notiser(request: HttpRequest) -> HttpResponse:
    """The user's notices, and the deadlines without an Akt she may see (her own; an
    enhetschef's also her staff's). Opening the page marks the notices read."""
    lista = list(request.user.notiser.order_by("-skapad")[:100])
    request.user.notiser.filter(last__isnull=True).update(last=timezone.now())
    access.notiser_lasta(request.user)
    bevakningar = selectors.bevakningar_utan_akt_for(request.user)
    return render(
        request,
        "bistand/notiser.html",
        {"notiser": lista, "bevakningar": [(b, typ_namn(b.typ)) for b in bevakningar]},
    )


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: database and broker status (docs/arkitektur.md: Appar)."""
    svar: dict[str, str] = {}
    ok = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        svar["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means not ready
        svar["database"] = "fel"
        ok = False
    if settings.CELERY_TASK_ALWAYS_EAGER:
        svar["broker"] = "eager"
    else:
        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            svar["broker"] = "ok"
        except Exception:  # noqa: BLE001
            svar["broker"] = "fel"
            ok = False
    svar["status"] = "ok" if ok else "fel"
    return JsonResponse(svar, status=200 if ok else 503)
