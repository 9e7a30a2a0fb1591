"""The handläggare's worklist, the journal of an Akt with autosaved drafts, and the applicant's
signature of the handlingsplan (docs/regler.md: Utredning)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ansokan.access import ansokan_for_sokande
from ansokan.inloggning import person_kravs
from ansokan.models import Ansokan
from bistand import access as kart_access
from bistand import services as kart
from bistand.inskick import nyckel_fran
from bistand.models import ENHETSROLLER, Akt, JournalAnteckning, Kontakttyp, Roll, User
from bistand.paneler import startpaneler
from bistand.parametrar import egen_sokvag, heltal
from bistand.parametrar import text as ren_text
from bistand.sidindelning import sida_av, sidkontext
from bistand.sidminne import NY_ID, sparad_del, sparad_lista

from . import forms, selectors, services, tabeller
from .models import Handlingsplan
from .uppgifter import uppgifter_for

FILTER = {
    "visa": [
        ("mina", "Mina och otilldelade"),
        ("otilldelade", "Otilldelade"),
        ("alla", "Hela enheten"),
    ],
    "flagga": [
        ("", "Alla"),
        ("akut", "Akut"),
        ("barn", "Barn i hushållet"),
        ("skyddad", "Skyddad identitet"),
        ("forsenad", "Komplettering försenad"),
    ],
    "vantar": [("", "Alla"), ("handlaggare", "Handläggare"), ("sokande", "Sökande")],
    "sortera": [
        ("frist", "Närmaste frist först"),
        ("dagar", "Längst väntan först"),
        ("-dagar", "Senast inkomna först"),
        ("referens", "Referensnummer"),
    ],
}
# Each filter's label above its select.
FILTER_ETIKETT = {"visa": "Visa", "flagga": "Flagga", "vantar": "Väntar på", "sortera": "Sortera"}
SOK_MAX = 100


def _filterfalt(val: dict) -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """The filter form's selects: name, label and options (code, text, chosen) — decided here
    rather than by nested template loops on a page opened all day."""
    return [
        (namn, FILTER_ETIKETT[namn], [(kod, text, kod == val[namn]) for kod, text in alternativ])
        for namn, alternativ in FILTER.items()
    ]


def _enhetsroll(user) -> None:
    if not kart_access.har_roll(user, *ENHETSROLLER):
        raise Http404


def _val(request, namn: str) -> str:
    giltiga = [k for k, _ in FILTER[namn]]
    varde = request.GET.get(namn, giltiga[0])
    return varde if varde in giltiga else giltiga[0]


ARBETSLISTA_PER_SIDA = 100  # a handläggare's own 50–60 open ärenden fit on one page


@login_required
@require_GET
def arbetslista(request: HttpRequest) -> HttpResponse:
    """The start page of a case-working role (docs/regler.md: Utredning). Its table is kept
    while nothing in the view's Akter has changed (bistand.sidminne: `sparad_lista`); the
    Akter it shows are logged as read on every request."""
    _enhetsroll(request.user)
    val = {namn: _val(request, namn) for namn in FILTER}
    sok = ren_text(request.GET.get("sok", ""), max_langd=SOK_MAX).strip()
    # The worklist and its task sources start from the view's Akter, read once.
    vy_akter, lage = selectors.arbetslista_akter(request.user, val["visa"])
    fordelar = kart_access.har_roll(request.user, Roll.FORSTE, Roll.ENHETSCHEF)
    # The Enhet's handläggare with their caseloads, for those who assign (None: no assigning).
    belastning = selectors.handlaggare_belastning(request.user) if fordelar else None
    innehall, visade_akter = sparad_lista(
        request,
        sida="arbetslista",
        akt_ids=vy_akter or [],
        lage=lage,  # read with the Akter
        rita=lambda: _arbetslista_rita(request, val, sok, vy_akter, belastning),
        # The rows' selects name each handläggare with her caseload.
        tillagg=tuple((h.pk, h.etikett) for h in belastning or ()),
        # The whole Enhet is read as it is; a search follows what was typed.
        spara=vy_akter is not None and not sok,
    )
    kart_access.logga_akt_ids(request.user, visade_akter, sida="arbetslista", sokvag=request.path)
    return render(
        request,
        "utredning/arbetslista.html",
        {
            "innehall": innehall,
            "sok": sok,
            "filterfalt": _filterfalt(val),
            "fordelar": fordelar,
            "belastning": belastning or [],
            **(tabeller.belastning_delar(belastning) if belastning else {}),
            "startpaneler": startpaneler(request),
        },
    )


def _arbetslista_rita(request, val: dict, sok: str, vy_akter, belastning) -> tuple[str, set]:
    """The worklist's table (utredning/_arbetslista_innehall.html) and the Akter it shows."""
    rader = selectors.arbetslista_fraga(request.user, **val, sok=sok, vy_akter=vy_akter)
    uppgifter = uppgifter_for(request.user, visa=val["visa"], vy_akter=vy_akter)
    if sok:
        uppgifter = [
            u for u in uppgifter if sok.casefold() in f"{u.referens} {u.sokande}".casefold()
        ]
    idag = timezone.localdate()
    # Today's akut ärenden first, then a page at a time: a whole Enhet holds a thousand open
    # ärenden at storstad size, and only the rows shown are read, rendered and logged.
    sida = sida_av(request, rader, per_sida=ARBETSLISTA_PER_SIDA)
    visade = selectors.arbetslista_rader(sida.object_list)
    akut = {a.pk for a in visade if a.typ == "akut" and a.mottagen == idag}
    # The table's order: today's akut ärenden, new tasks, ärenden with something new to read,
    # the other tasks, the other ärenden; one loop renders it (pairs of ärende, task).
    akuta = [(a, None) for a in visade if a.pk in akut]
    nya = [(a, None) for a in visade if a.pk not in akut and a.nytt_att_lasa]
    ovriga = [(a, None) for a in visade if a.pk not in akut and not a.nytt_att_lasa]
    tabell = (
        akuta
        + [(None, u) for u in uppgifter if u.ny]
        + nya
        + [(None, u) for u in uppgifter if not u.ny]
        + ovriga
    )
    html = render_to_string(
        "utredning/_arbetslista_innehall.html",
        {
            **sidkontext(request, sida),
            "rader": visade,
            "tabellrader": tabeller.arbetslista_rader(request, tabell, belastning),
            "uppgifter": uppgifter,
        },
        request,
    )
    return html, {a.akt_id for a in visade} | {u.akt_id for u in uppgifter}


@login_required
@require_POST
def tilldela(request: HttpRequest) -> HttpResponse:
    """Förste socialsekreterare (or enhetschef) assigns an Akt to a handläggare."""
    if not kart_access.har_roll(request.user, Roll.FORSTE, Roll.ENHETSCHEF):
        raise Http404
    akt = kart_access.akt_for_write(
        request.user,
        heltal(request.POST.get("akt")) or 0,
        sida="arbetslista-tilldela",
        sokvag=request.path,
    )
    pk = request.POST.get("handlaggare")
    handlaggare = get_object_or_404(User, pk=heltal(pk) or 0, enhet_id=akt.enhet_id) if pk else None
    try:
        kart.akt_tilldela(akt=akt, handlaggare=handlaggare)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, f"Akt {akt} är tilldelad {handlaggare or 'ingen'}.")
    return redirect(
        egen_sokvag(request, request.POST.get("tillbaka"), standard="/arbetslista/?visa=alla")
    )


@login_required
def journal(request: HttpRequest, pk: int) -> HttpResponse:
    """The journal of an Akt merged with the timeline; new entries autosave (docs/regler.md:
    Bakgrund). A GET's main part is kept while the Akt is unchanged (bistand.sidminne)."""
    akt = kart_access.akt_for_user(request.user, pk, sida="journal", sokvag=request.path)
    # Each open page has its own draft (its `flik`, kept in the form and the address), so a
    # second tab never overwrites the first; the other unsent drafts are offered to continue.
    # A page opened without one draws the stand-in `NY_ID`, and each response gets a new id.
    data = request.POST if request.method == "POST" else request.GET
    flik = ren_text(data.get("flik"), max_langd=40)
    nyckel = services.journal_utkast_nyckel(akt, flik)
    if not nyckel:
        flik = uuid.uuid4().hex if request.method == "POST" else NY_ID
        nyckel = services.journal_utkast_nyckel(akt, flik)
    form = None
    if request.method == "POST":
        _enhetsroll(request.user)
        form = forms.JournalForm(request.POST)
        if form.is_valid():
            services.journal_anteckning_skriv(
                akt=akt,
                av=request.user,
                inskick_nyckel=nyckel_fran(request.POST),
                utkast_nyckel=nyckel,
                **form.cleaned_data,
            )
            messages.success(request, "Anteckningen är sparad.")
            return redirect("journal", pk=akt.pk)
    # Kvalitet and the avdelningschef read the journal; the forms are for writers.
    kan_skriva = kart_access.far_skriva_i_akt(request.user, akt.pk)

    innehall = sparad_del(
        request,
        sida="journal",
        akt_id=akt.pk,
        rita=lambda: _journal_rita(request, akt, flik, nyckel, form, kan_skriva),
        spara=form is None,  # what was typed comes back with its errors, drawn anew
    )
    return render(
        request,
        "utredning/journal.html",
        {"akt": akt, "kan_skriva": kan_skriva, "innehall": innehall},
        status=400 if form is not None and form.errors else 200,
    )


def _journal_rita(request, akt, flik: str, nyckel: str, form, kan_skriva: bool) -> str:
    """The journal page's main part (utredning/_journal_innehall.html): the draft of this
    page, the other drafts, the form and one page of the timeline."""
    utkasten = selectors.journal_utkast(request.user, akt)
    utkast = next((u for u in utkasten if u.nyckel == nyckel), None)
    ovriga = [
        (u, u.nyckel.rsplit(":", 1)[-1] if u.nyckel.count(":") == 2 else services.JOURNAL_TIDIGARE)
        for u in utkasten
        if u.nyckel != nyckel
    ]
    if form is None:
        form = forms.JournalForm(
            initial={
                "handelse_datum": timezone.localdate(),
                "kontakttyp": Kontakttyp.BESOK,
                "text": utkast.text if utkast else "",
            },
        )
    typ = request.GET.get("typ", "")
    sida = sida_av(request, selectors.JournalTidslinje(akt, typ=typ))
    return render_to_string(
        "utredning/_journal_innehall.html",
        {
            **sidkontext(request, sida),
            "akt": akt,
            "form": form,
            "utkast": utkast,
            "nyckel": nyckel,
            "flik": flik,
            "ovriga_utkast": ovriga,
            "rader": sida.object_list,
            "tidslinje": tabeller.journal_tidslinje(request, akt, sida.object_list, kan_skriva),
            "typ": typ,
            "typer": [("", "Allt"), ("journal", "Journalanteckningar"), ("handelse", "Händelser")]
            + list(Kontakttyp.choices),
            "kan_skriva": kan_skriva,
        },
        request,
    )


def _anteckning(request, pk: int, jpk: int) -> tuple[Akt, JournalAnteckning]:
    akt = kart_access.akt_for_write(request.user, pk, sida="journal", sokvag=request.path)
    return akt, get_object_or_404(JournalAnteckning, pk=jpk, akt=akt)


@login_required
@require_POST
def journal_signera(request: HttpRequest, pk: int, jpk: int) -> HttpResponse:
    akt, anteckning = _anteckning(request, pk, jpk)
    try:
        kart.journal_signera(anteckning=anteckning, av=request.user)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Anteckningen är signerad och låst.")
    return redirect("journal", pk=akt.pk)


@login_required
@require_POST
def journal_publicera(request: HttpRequest, pk: int, jpk: int) -> HttpResponse:
    akt, anteckning = _anteckning(request, pk, jpk)
    ansokan = get_object_or_404(
        Ansokan.objects.exclude(status="utkast"),
        pk=heltal(request.POST.get("ansokan")) or 0,
        akt=akt,
    )
    try:
        services.journal_publicera(anteckning=anteckning, ansokan=ansokan, av=request.user)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(request, "Anteckningen visas nu för sökande på Mina sidor.")
    return redirect("journal", pk=akt.pk)


@never_cache
@require_POST
def utkast(request: HttpRequest) -> JsonResponse:
    """Autosave endpoint. 401 (not a redirect) when the session has ended, so the page keeps
    the text and asks the user to log in again. Saving keeps the session alive."""
    if not request.user.is_authenticated:
        return JsonResponse({"inloggad": False}, status=401)
    if not kart_access.har_roll(request.user, *ENHETSROLLER):
        raise Http404
    nyckel = ren_text(request.POST.get("nyckel"), max_langd=120)
    akt = (
        kart_access.akter_for_write(request.user)
        .filter(pk=heltal(request.POST.get("akt")) or 0)
        .first()
    )
    if akt is None or not nyckel:
        raise Http404
    services.utkast_spara(
        anvandare=request.user,
        akt=akt,
        nyckel=nyckel,
        text=ren_text(request.POST.get("text"), max_langd=50000),
    )
    request.session.modified = True  # keeps the session alive while the user types
    return JsonResponse({"sparad": timezone.now().isoformat()})


@never_cache
@require_GET
def utkast_status(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"inloggad": request.user.is_authenticated})


@require_POST
@person_kravs
def handlingsplan_sokande_signera(request: HttpRequest, pk: int) -> HttpResponse:
    """docs/regler.md: Bakgrund — the applicant signs the handlingsplan in the e-tjänst."""
    ansokan = ansokan_for_sokande(
        request.sokande, pk, sida="etjanst-handlingsplan", sokvag=request.path
    )
    plan = get_object_or_404(Handlingsplan, utredning__ansokan=ansokan)
    services.handlingsplan_signera(plan=plan, sokande=True)
    messages.success(request, "Du har skrivit under handlingsplanen.")
    return redirect("ansokan:ansokan", pk=ansokan.pk)


@login_required
@require_POST
def omfordela(request: HttpRequest) -> HttpResponse:
    """Förste socialsekreterare or enhetschef moves every open ärende of one handläggare to
    another (or to none), for example during sick leave; each Akt moved is an event
    (docs/regler.md: Utredning)."""
    if not kart_access.har_roll(request.user, Roll.FORSTE, Roll.ENHETSCHEF):
        raise Http404
    enhet = request.user.enhet_id
    fran = get_object_or_404(User, pk=heltal(request.POST.get("fran")) or 0, enhet_id=enhet)
    till_pk = request.POST.get("till")
    till = get_object_or_404(User, pk=heltal(till_pk) or 0, enhet_id=enhet) if till_pk else None
    try:
        antal = services.akter_omfordela(fran=fran, till=till, av=request.user)
    except ValidationError as fel:
        messages.error(request, " ".join(fel.messages))
    else:
        messages.success(
            request,
            f"{antal} akter med öppna ärenden är flyttade från {fran.get_full_name() or fran} "
            f"till {(till.get_full_name() or till) if till else 'ingen (otilldelade)'}.",
        )
    return redirect("/arbetslista/?visa=alla")
