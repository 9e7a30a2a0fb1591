"""The enhetschef's dashboard: waiting times, deadlines and caseload, as tables and charts."""

from __future__ import annotations

import csv
import datetime
import secrets
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from beslut.pdf import TYPSNITT, _pdf
from bistand.access import (
    akt_for_user,
    akter_for_user,
    enheter_for_uppfoljning_lista,
    har_roll,
    logga_akt_ids,
    logga_lista,
)
from bistand.diagram import stapeldiagram
from bistand.forms import fel_till_formular
from bistand.models import ENHETSROLLER, Enhet, Roll, User
from bistand.parametrar import bara_siffror, heltal
from bistand.radmall import Radmall, lank
from bistand.selectors import parameter_varde
from bistand.sidindelning import sida_av, sidkontext
from bistand.templatetags.bistand_datum import dag

from . import access as kq_access
from . import analys, perioder, selectors, services, statistik
from . import rapport as kvalitetsrapport
from .forms import (
    ArendedragningForm,
    AvslutForm,
    BrukarCsvForm,
    BytGranskareForm,
    DraStickprovForm,
    EgenkontrollForm,
    GranskningForm,
    ListFilterForm,
    LoggBedomningForm,
    LoggFilterForm,
    LoggStickprovForm,
    RapportTextForm,
    RiskForm,
    SlutsatsForm,
    UppfoljningForm,
    nasta_forum,
    tolka_manad,
)
from .listor import LISTOR, lista_hamta
from .models import (
    Arendedragning,
    Egenkontroll,
    Granskning,
    GranskningAtgard,
    GranskningsPunkt,
    GranskningStatus,
    LoggStickprov,
    LoggStickprovRad,
    RapportText,
    Risk,
)
from .perioder import PeriodForm, period_fran_begaran


@login_required
def oversikt(request: HttpRequest) -> HttpResponse:
    # Read once: whether there are any, and which.
    enheter = enheter_for_uppfoljning_lista(request.user)
    if not enheter:
        raise Http404
    data = selectors.oversikt(enheter, timezone.localdate())
    data["leder"] = kq_access.leder_nagon(request.user, enheter)
    # Journalgranskning and ärendedragning are the Enhet's and Kvalitet's work.
    data["granskar"] = har_roll(request.user, *ENHETSROLLER, Roll.KVALITET)
    lage = data["lage"]
    akter = {b.akt_id for b in lage.overskridna + lage.snart + data["akuta"]}
    logga_akt_ids(request.user, akter, sida="dashboard", sokvag=request.path)
    url = lank("akt")
    for namn, bevakningar, text in (
        ("overskridna_rader", lage.overskridna, "{}, förföll {}"),
        ("snart_rader", lage.snart, "{}, {}"),
    ):
        data[namn] = BEVAKNING_RAD.rader(
            {
                "url": url(b.akt_id),
                "aktnummer": b.aktnummer,
                "text": text.format(b.typ_namn, dag(b.forfaller)),
                "agare": f", {b.agare}" if b.agare else "",
            }
            for b in bevakningar
        )
    return render(request, "kvalitet/oversikt.html", data)


# The dashboard's lists of overdue and due bevakningar, fifty each (bistand.radmall).
BEVAKNING_RAD = Radmall("kvalitet/_bevakning_rad.html")


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


# The log review's period when none is asked for (docs/regler.md: Loggkontroll).
LOGG_DAGAR = 30


@login_required
def loggkontroll(request: HttpRequest) -> HttpResponse:
    """Who read which Akt: filters, the monthly random sample to confirm, and alerts."""
    leds = _leds_eller_404(request.user)
    idag = timezone.localdate()
    filtrering = LoggFilterForm(request.GET or None)
    villkor = filtrering.cleaned_data if filtrering.is_valid() else {}
    # The reads and the alerts of one period, the last 30 days unless asked otherwise: at
    # storstad size the whole log is tens of millions of rows (docs/regler.md: Loggkontroll).
    till = villkor.get("till") or idag
    fran = villkor.get("fran") or till - datetime.timedelta(days=LOGG_DAGAR)
    if not filtrering.is_bound:
        filtrering = LoggFilterForm(initial={"fran": fran, "till": till})
    rader, antal = selectors.loggrader(
        request.user, leds, **{**villkor, "fran": fran, "till": till}
    )
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
    logga_akt_ids(request.user, [r.akt_id for r in rader], sida="loggkontroll", sokvag=request.path)
    return render(
        request,
        "kvalitet/loggkontroll.html",
        {
            "filtrering": filtrering,
            "rader": rader,
            "antal": antal,
            "fran": fran,
            "till": till,
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
    logga_akt_ids(
        request.user, [r.akt_id for _, r in rader], sida="loggkontroll", sokvag=request.path
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


# ---- the unit's lists -----------------------------------------------------------------------


@login_required
def listor(request: HttpRequest) -> HttpResponse:
    if not kq_access.enheter_som_foljs(request.user).exists():
        raise Http404
    return render(request, "kvalitet/listor.html", {"listor": LISTOR.values()})


@login_required
def lista(request: HttpRequest, kod: str) -> HttpResponse:
    """One list, filtered, as a table linking to the cases or as CSV (`?format=csv`)."""
    enheter = kq_access.enheter_som_foljs(request.user)
    if not enheter.exists() or kod not in LISTOR:
        raise Http404
    form = ListFilterForm(request.GET or None, enheter=enheter, urval=LISTOR[kod].urval)
    villkor = dict(form.cleaned_data) if form.is_valid() else {}
    vald = villkor.pop("enhet", None)
    valda = enheter.filter(pk=vald.pk) if vald else enheter
    villkor.setdefault("urval", "")
    lst, rader = lista_hamta(kod, valda, idag=timezone.localdate(), **villkor)
    if request.GET.get("format") == "csv":
        rader = list(rader)  # the export holds every row, read once
        logga_lista(request.user, {r.akt for r in rader if r.akt}, sida="kvalitet-lista")
        return csv_svar(lst, rader)
    # The page shows and logs one page of rows (docs/prestanda.md: Sidindelning); the CSV all.
    sida = sida_av(request, rader)
    logga_lista(request.user, {r.akt for r in sida.object_list if r.akt}, sida="kvalitet-lista")
    return render(
        request,
        "kvalitet/lista.html",
        {**sidkontext(request, sida), "lista": lst, "rader": sida.object_list, "form": form},
    )


def csv_svar(lst, rader) -> HttpResponse:
    """CSV for Excel in Swedish: semicolon, UTF-8 with BOM, dates as YYYY-MM-DD."""
    svar = HttpResponse(content_type="text/csv; charset=utf-8")
    svar["Content-Disposition"] = f'attachment; filename="{lst.kod}.csv"'
    svar.write("\ufeff")
    skrivare = csv.writer(svar, delimiter=";")
    skrivare.writerow(lst.kolumner)
    for r in rader:
        forst = [r.akt.aktnummer] if lst.kolumner[0] == "Akt" else []
        skrivare.writerow(forst + [_csv(v) for v in r.varden])
    return svar


def _csv(v) -> str:
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v).replace(".", ",") if isinstance(v, float | Decimal) else str(v)


# ---- domar and likvärdighet -----------------------------------------------------------------


@login_required
def domar(request: HttpRequest) -> HttpResponse:
    enheter = kq_access.enheter_som_foljs(request.user)
    if not enheter.exists():
        raise Http404
    period, periodform = period_fran_begaran(request, idag=timezone.localdate())
    grupper, grans = analys.domar_per_avsnitt(enheter, period.fran, period.till)
    diagram = stapeldiagram(
        [(f"{g.avsnitt} – {g.post}", g.andel) for g in grupper],
        titel=f"Domar {period.text}: andel ändrade beslut per avsnitt och post",
        enhet="%",
        markera_over=float(grans) - 0.05,
    )
    return render(
        request,
        "kvalitet/domar.html",
        {
            "period": period,
            "periodform": periodform,
            "grupper": grupper,
            "grans": grans,
            "diagram": diagram,
        },
    )


@login_required
def likvardighet(request: HttpRequest) -> HttpResponse:
    """Shown to the enhetschef and Kvalitet only: never a ranking to the persons themselves."""
    leds = _leds_eller_404(request.user)
    period, periodform = period_fran_begaran(request, idag=timezone.localdate())
    jamforelser = analys.likvardighet(leds, period.fran, period.till)
    for j in jamforelser:
        j.diagram = stapeldiagram(
            [(h.namn, h.andel_bifall) for h in j.per_handlaggare],
            titel=f"Andel bifall: {j.rubrik}",
            enhet="%",
        )
    return render(
        request,
        "kvalitet/likvardighet.html",
        {
            "period": period,
            "periodform": periodform,
            "jamforelser": jamforelser,
            "kan_anmala": har_roll(request.user, *ENHETSROLLER),
        },
    )


# ---- ärendedragning -------------------------------------------------------------------------


def _forum_enheter(user):
    """Staff of an Enhet see its forum; Kvalitet every Enhet's."""
    if har_roll(user, *ENHETSROLLER) and user.enhet_id:
        return Enhet.objects.filter(pk=user.enhet_id)
    if har_roll(user, Roll.KVALITET) and user.namnd_id:
        return Enhet.objects.filter(namnd_id=user.namnd_id)
    raise Http404


@login_required
def arendedragning(request: HttpRequest) -> HttpResponse:
    """The list per meeting: coming meetings first, then the latest held."""
    enheter = _forum_enheter(request.user)
    idag = timezone.localdate()
    arenden = list(
        Arendedragning.objects.filter(enhet__in=enheter, akt__in=akter_for_user(request.user))
        .select_related("akt", "anmald_av", "enhet")
        .filter(motesdatum__gte=idag - datetime.timedelta(days=90))
        .order_by("-motesdatum", "pk")
    )
    moten: dict = {}
    for a in arenden:
        moten.setdefault(a.motesdatum, []).append(a)
    logga_lista(request.user, {a.akt for a in arenden}, sida="kvalitet-lista")
    return render(
        request,
        "kvalitet/arendedragning.html",
        {
            "moten": sorted(moten.items(), key=lambda kv: (kv[0] < idag, abs((kv[0] - idag).days))),
            "idag": idag,
            "kan_slutsats": har_roll(request.user, Roll.ENHETSCHEF, Roll.FORSTE),
            "kan_anmala": har_roll(request.user, *ENHETSROLLER),
            "form": SlutsatsForm(),
        },
    )


@login_required
def arendedragning_ny(request: HttpRequest) -> HttpResponse:
    if not har_roll(request.user, *ENHETSROLLER):
        raise Http404
    idag = timezone.localdate()
    form = ArendedragningForm(
        request.POST or None,
        initial={"aktnummer": request.GET.get("akt", ""), "motesdatum": nasta_forum(idag)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        akt = akter_for_user(request.user).filter(aktnummer=data["aktnummer"].strip()).first()
        if akt is None:
            form.add_error("aktnummer", "Det finns ingen akt med det numret som du kan öppna.")
        else:
            akt = akt_for_user(request.user, akt.pk, sida="arendedragning", sokvag=request.path)
            try:
                services.arendedragning_anmal(
                    akt=akt,
                    av=request.user,
                    motesdatum=data["motesdatum"],
                    forslag=data["forslag"],
                    fraga=data["fraga"],
                    ansokan=akt.ansokningar.order_by("-mottagen", "-pk").first(),
                )
            except ValidationError as fel:
                fel_till_formular(form, fel)
            else:
                messages.success(request, "Ärendet är anmält till ärendedragningen.")
                return redirect("kvalitet-arendedragning")
    return render(request, "kvalitet/arendedragning_ny.html", {"form": form})


@login_required
@require_POST
def arendedragning_slutsats(request: HttpRequest, pk: int) -> HttpResponse:
    """The forum's conclusion, recorded by the enhetschef or förste socialsekreterare who led
    it; written on the ärende and in the Akt's journal."""
    if not har_roll(request.user, Roll.ENHETSCHEF, Roll.FORSTE):
        raise Http404
    arende = get_object_or_404(Arendedragning.objects.filter(enhet_id=request.user.enhet_id), pk=pk)
    akt_for_user(request.user, arende.akt_id, sida="arendedragning", sokvag=request.path)
    form = SlutsatsForm(request.POST)
    if form.is_valid():
        try:
            services.arendedragning_slutsats(
                arende=arende, av=request.user, slutsats=form.cleaned_data["slutsats"]
            )
            messages.success(request, "Slutsatsen är skriven i journalen.")
        except ValidationError as fel:
            messages.error(request, " ".join(fel.messages))
    else:
        messages.error(request, "Skriv forumets slutsats.")
    return redirect("kvalitet-arendedragning")


# ---- kvalitetsrapport -----------------------------------------------------------------------


def _rapport_urval(request: HttpRequest, ar: int):
    """The enheter and the one Enhet (or None for the whole nämnd) the report covers: the
    enhetschef and förste socialsekreterare their own Enhet, Kvalitet any or all."""
    enheter = kq_access.enheter_som_foljs(request.user)
    if not enheter.exists() or ar < 2000 or ar > timezone.localdate().year:
        raise Http404
    if not har_roll(request.user, Roll.KVALITET):
        return enheter, enheter.first()
    vald = request.GET.get("enhet", "")
    if bara_siffror(vald):
        enhet = get_object_or_404(enheter, pk=heltal(vald) or 0)
        return enheter.filter(pk=enhet.pk), enhet
    return enheter, None


@login_required
def rapport_index(request: HttpRequest) -> HttpResponse:
    return redirect("kvalitet-rapport", ar=timezone.localdate().year)


def _rapport_data(request: HttpRequest, ar: int) -> dict:
    """The report for the year, or for a quarter, month or dates within it (`?period=`,
    `?fran=&till=`); a period outside the year gets a message and the whole year is shown."""
    enheter, enhet = _rapport_urval(request, ar)
    data = {k: request.GET[k] for k in ("period", "fran", "till") if request.GET.get(k)}
    periodform = PeriodForm(data or None, standard=perioder.ar(ar))
    vald = periodform.vald()
    if vald.fran.year != ar or vald.till.year != ar:
        periodform.add_error(None, f"Välj en period inom {ar}. Rapporten visar hela året.")
        vald = periodform.standard
    rapport = kvalitetsrapport.rapport(
        ar=ar,
        enheter=enheter,
        enhet=enhet,
        idag=timezone.localdate(),
        delperiod=None if vald == periodform.standard else (vald.fran, vald.till),
    )
    rapport |= {"period": vald, "periodform": periodform, "enheter": enheter}
    rapport["urval"] = urlencode({**data, **({"enhet": enhet.pk} if enhet else {})}, doseq=False)
    return rapport


@login_required
def rapport(request: HttpRequest, ar: int) -> HttpResponse:
    data = _rapport_data(request, ar)
    data["alla_enheter"] = kq_access.enheter_som_foljs(request.user)
    data["kan_redigera"] = har_roll(request.user, Roll.KVALITET)
    return render(request, "kvalitet/rapport.html", data)


@login_required
def rapport_pdf(request: HttpRequest, ar: int) -> HttpResponse:
    data = _rapport_data(request, ar)
    data["namnd"] = data["enheter"].first().namnd
    data["fonts"] = TYPSNITT.as_uri()
    pdf = _pdf(render_to_string("pdf/kvalitetsrapport.html", data))
    svar = HttpResponse(pdf, content_type="application/pdf")
    svar["Content-Disposition"] = f'inline; filename="kvalitetsrapport-{ar}.pdf"'
    return svar


@login_required
def rapport_redigera(request: HttpRequest, ar: int) -> HttpResponse:
    """Kvalitet writes the report's own texts and keeps its registers."""
    if not har_roll(request.user, Roll.KVALITET):
        raise Http404
    enheter, enhet = _rapport_urval(request, ar)
    texter = {t.omrade: t.text for t in RapportText.objects.filter(ar=ar, enhet=enhet)}
    formular = {
        "texter": RapportTextForm(initial=texter),
        "egenkontroll": EgenkontrollForm(),
        "risk": RiskForm(),
        "brukar": BrukarCsvForm(),
    }
    if request.method == "POST":
        vilket = request.POST.get("formular", "")
        if vilket not in formular:
            raise Http404
        klass = type(formular[vilket])
        form = klass(request.POST, request.FILES)
        formular[vilket] = form
        if form.is_valid():
            try:
                _rapport_spara(vilket, form, ar=ar, enhet=enhet, av=request.user)
            except ValidationError as fel:
                fel_till_formular(form, fel)
            else:
                messages.success(request, "Sparat.")
                return redirect(request.get_full_path())
    return render(
        request,
        "kvalitet/rapport_redigera.html",
        {
            "ar": ar,
            "enhet": enhet,
            **formular,
            "egenkontroller": Egenkontroll.objects.filter(ar=ar, enhet=enhet),
            "risker": Risk.objects.filter(ar=ar, enhet=enhet),
            "brukarsvar": kvalitetsrapport.brukarsvar(ar, enhet),
        },
    )


def _rapport_spara(vilket: str, form, *, ar: int, enhet, av) -> None:
    data = form.cleaned_data
    if vilket == "texter":
        services.rapport_texter_spara(ar=ar, enhet=enhet, av=av, texter=data)
    elif vilket == "egenkontroll":
        services.egenkontroll_registrera(ar=ar, enhet=enhet, **data)
    elif vilket == "risk":
        services.risk_registrera(ar=ar, enhet=enhet, **data)
    else:
        services.brukarundersokning_importera(ar=ar, enhet=enhet, innehall=data["fil"].read())


# ---- statistik till Socialstyrelsen ---------------------------------------------------------


def _statistik_manad(request: HttpRequest) -> datetime.date:
    try:
        return tolka_manad(request.GET.get("manad", ""))
    except ValidationError:
        return statistik.forra_manad(timezone.localdate())


@login_required
def statistik_sida(request: HttpRequest) -> HttpResponse:
    """The month's delivery: what is missing (recorded here or in the utredning), and the
    files for Kvalitet to download."""
    leds = _leds_eller_404(request.user)
    manad = _statistik_manad(request)
    data = statistik.leverans(manad)
    fil = request.GET.get("fil")
    if fil:
        if not har_roll(request.user, Roll.KVALITET) or fil not in data["filer"]:
            raise Http404
        svar = HttpResponse(data["filer"][fil], content_type="text/csv; charset=utf-8")
        svar["Content-Disposition"] = f'attachment; filename="{fil}"'
        return svar
    hinder = [s for s in data["saknas_hinder"] if s.akt.enhet_id in {e.pk for e in leds}]
    avslut = [a for a in data["saknas_avslut"] if a.enhet_id in {e.pk for e in leds}]
    logga_lista(request.user, {s.akt for s in hinder} | set(avslut), sida="kvalitet-lista")
    return render(
        request,
        "kvalitet/statistik.html",
        {
            "manad": manad,
            "forra": statistik.forra_manad(manad),
            "filer": list(data["filer"]) if har_roll(request.user, Roll.KVALITET) else [],
            "saknas_hinder": hinder,
            "saknas_avslut": avslut,
            "senast": data["senast"],
            "form": AvslutForm(),
        },
    )


@login_required
@require_POST
def statistik_avslut(request: HttpRequest, pk: int) -> HttpResponse:
    leds = _leds_eller_404(request.user)
    akt = akt_for_user(request.user, pk, sida="statistik", sokvag=request.path)
    if akt.enhet_id not in {e.pk for e in leds}:
        raise Http404
    manad = _statistik_manad(request)
    form = AvslutForm(request.POST)
    if form.is_valid():
        services.avslut_registrera(
            akt=akt,
            manad=statistik.forra_manad(manad),
            orsak=form.cleaned_data["orsak"],
            av=request.user,
        )
        messages.success(request, f"Avslutsorsaken för akt {akt.aktnummer} är sparad.")
    else:
        messages.error(request, "Välj en avslutsorsak i listan.")
    return redirect(f"{reverse('kvalitet-statistik')}?manad={manad:%Y-%m}")
