"""Reads of utredning (docs/arkitektur.md: Kodstil (services och selectors)): the figures of a
beräkning, the calculation, riktlinjer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from ansokan.access import ansokningar_form
from ansokan.models import (
    OPPNA,
    STATUS_NAMN,
    TYP_NAMN,
    Ansokan,
    Forsening,
    Komplettering,
    Status,
    Typ,
)
from bistand.access import (
    akt_atkomst_form,
    akter_form,
    anvandarens_parametrar,
    anvandarens_varden,
    atkomst_form,
    atkomst_parametrar,
    handlaggarvy,
)
from bistand.forberedd import Lista, Param, ParamLista, datum, forberedd, som_forladdade
from bistand.grunddataversion import grunddata_rader, minnet_for, version_las
from bistand.identitet import OgiltigtIdentitetsnummer, tolka_identitetsnummer
from bistand.kalender import lagg_till_arbetsdagar, manad_text
from bistand.models import (
    Bevakning,
    BevakningStatus,
    Handelse,
    Hushall,
    HushallMedlem,
    JournalAnteckning,
    Kontakttyp,
    MedlemsRoll,
    Parameter,
    Roll,
    Skydd,
    User,
    personens_namn,
)
from bistand.parametrar import bara_siffror
from bistand.selectors import (
    JOURNAL_KOLUMNER,
    JournalRad,
    anvandarens_namn,
    belastning_nyckel,
    galler_pa,
    hushall_medlemskap,
    parameter_varde,
)
from bistand.sidminne import lage_av, lage_kolumn

from .berakning import (
    INKOMSTTYPER,
    RIKSNORM_POST_NAMN,
    BerakningFel,
    Parametrar,
    Resultat,
    Underlag,
    Varde,
    alder,
    berakna,
    hushallstyp,
)
from .models import (
    Berakning,
    BerakningKoppling,
    Boendeniva,
    ForslagPost,
    Forsorjningshinder,
    Handlingsplan,
    Kommunicering,
    Kontroll,
    KontrollStatus,
    Mote,
    Narvaro,
    Publicering,
    Remiss,
    Riksnorm,
    Riktlinje,
    RiktlinjeAvsnitt,
    Utkast,
    Utredning,
    Varning,
    VarningTyp,
)
from .underlag import OgiltigtUnderlag, tolka_underlag
from .uppgifter import uppgift, uppgiftens_kolumner

# Codes of the core's dated parameters that the beräkning reads (loaded by migration 0002).
PRISBASBELOPP = "prisbasbelopp"
JOBBSTIMULANS_PROCENT = "jobbstimulans-procent"
JOBBSTIMULANS_EFTER_MANADER = "jobbstimulans-efter-manader"
JOBBSTIMULANS_ANTAL_MANADER = "jobbstimulans-antal-manader"
PARAMETERKODER = (
    PRISBASBELOPP,
    JOBBSTIMULANS_PROCENT,
    JOBBSTIMULANS_EFTER_MANADER,
    JOBBSTIMULANS_ANTAL_MANADER,
)


def riksnorm_for_manad(manad: datetime.date) -> Riksnorm | None:
    """The riksnorm in force on the first day of the month, within the same calendar year only
    (socialtjänstförordningen 2 kap. 1 § sets it per year; docs/regler.md: Beräkning — a month of a
    year not loaded is an error, not last year's figures)."""
    dag = manad.replace(day=1)
    return (
        Riksnorm.objects.filter(giltig_fran__lte=dag, giltig_fran__year=dag.year)
        .prefetch_related("belopp")
        .order_by("-giltig_fran")
        .first()
    )


def _parameter_varde(rad: Parameter) -> Varde:
    return Varde(
        belopp=rad.varde,
        namn=f"{rad.beskrivning} (gäller från {rad.giltig_fran:%Y-%m-%d})",
        kalla=rad.kalla,
        verifierad=rad.verifierad,
    )


def berakning_parametrar(manad: datetime.date) -> tuple[Riksnorm, Parametrar]:
    """Every figure in force for the month, in four queries whatever the household — kept in
    the process per month while the grunddata number is the same (docs/prestanda.md:
    Grunddata i minnet): the riksnorm, the housing levels and the parameters are grunddata,
    and the public provberäkning, which has no session, reads the number itself.

    Raises `BerakningFel` on `manad` when the year has no riksnorm.
    """
    dag = manad.replace(day=1)
    version = version_las()
    if version is None:
        funna = _berakning_parametrar_las(dag)
    else:
        minne = minnet_for("berakning_parametrar", version)
        if dag not in minne:
            minne[dag] = _berakning_parametrar_las(dag)
        funna = minne[dag]
    if funna is None:
        raise BerakningFel(
            "manad",
            f"Det finns ingen riksnorm för {manad_text(dag)}. Välj en annan månad.",
        )
    return funna


def _berakning_parametrar_las(dag: datetime.date) -> tuple[Riksnorm, Parametrar] | None:
    """The figures in force on `dag`, the first of a month, read from the database; None
    when its year has no riksnorm."""
    riksnorm = riksnorm_for_manad(dag)
    if riksnorm is None:
        return None
    poster = {
        b.post: Varde(
            belopp=Decimal(b.belopp),
            namn=f"{riksnorm.benamning}: {RIKSNORM_POST_NAMN[b.post].lower()}",
            kalla=b.kalla,
            verifierad=b.verifierad,
        )
        for b in riksnorm.belopp.all()
    }
    nivaer: dict[str, Varde] = {}
    for niva in Boendeniva.objects.filter(giltig_fran__lte=dag).order_by(
        "hushallstyp", "-giltig_fran"
    ):
        nivaer.setdefault(
            niva.hushallstyp,
            Varde(
                belopp=Decimal(niva.belopp),
                namn=(
                    f"Skälig boendekostnad, {niva.get_hushallstyp_display()} "
                    f"(gäller från {niva.giltig_fran:%Y-%m-%d})"
                ),
                kalla=niva.kalla,
                verifierad=niva.verifierad,
            ),
        )
    rader: dict[str, Parameter] = {}
    for rad in Parameter.objects.filter(kod__in=PARAMETERKODER, giltig_fran__lte=dag).order_by(
        "kod", "-giltig_fran"
    ):
        rader.setdefault(rad.kod, rad)
    pbb = rader.get(PRISBASBELOPP)
    if pbb is not None and pbb.giltig_fran.year != dag.year:
        pbb = None  # set per calendar year; never carried into a year not loaded

    def varde(kod: str) -> Varde | None:
        return _parameter_varde(rader[kod]) if kod in rader else None

    return riksnorm, Parametrar(
        riksnorm_namn=riksnorm.benamning,
        riksnorm=poster,
        boendenivaer=nivaer,
        prisbasbelopp=_parameter_varde(pbb) if pbb else None,
        jobbstimulans_procent=varde(JOBBSTIMULANS_PROCENT),
        jobbstimulans_efter_manader=varde(JOBBSTIMULANS_EFTER_MANADER),
        jobbstimulans_antal_manader=varde(JOBBSTIMULANS_ANTAL_MANADER),
    )


@dataclass(frozen=True)
class Utfall:
    underlag: Underlag
    riksnorm: Riksnorm
    resultat: Resultat


def berakning_utfor(data: Any) -> Utfall:
    """Read the input (the API's request shape), load the month's figures and calculate.

    The one path used by the API, the e-tjänst page and saved sheets. Raises
    `OgiltigtUnderlag` with Swedish messages per field for every error, including a month
    without figures.
    """
    underlag = tolka_underlag(data)
    try:
        riksnorm, parametrar = berakning_parametrar(underlag.manad)
        resultat = berakna(underlag, parametrar)
    except BerakningFel as fel:
        raise OgiltigtUnderlag({fel.falt: [fel.meddelande]}) from None
    return Utfall(underlag=underlag, riksnorm=riksnorm, resultat=resultat)


def berakning_medlemmar(hushall: Hushall, manad: datetime.date):
    """(the members of the assistance unit in the order of the beräkning's `personer`, the
    number of other adults sharing the home) on the first day of `manad`."""
    dag = manad.replace(day=1)
    medlemmar = sorted(
        (m for m in hushall_medlemskap(hushall) if galler_pa(m, dag)),
        key=lambda m: (m.roll, m.person.fodelsedatum),
    )
    enheten, ovriga = [], 0
    for medlem in medlemmar:
        if medlem.roll == MedlemsRoll.OVRIG_VUXEN:
            ovriga += 1
            continue
        if medlem.roll == MedlemsRoll.BARN and alder(medlem.person.fodelsedatum, dag) >= 21:
            ovriga += 1  # an adult child at home shares the household
            continue
        enheten.append(medlem)
    enheten.sort(key=lambda m: ["sokande", "medsokande", "barn"].index(m.roll))
    return enheten, ovriga


def inkomster_till_hushallet(
    blad: Berakning, hushall: Hushall, manad: datetime.date
) -> tuple[list[dict[str, Any]], list[str]]:
    """Last month's income rows for this month's household (docs/regler.md: Utredning — an
    unchanged återansökan): a row's `person` is a place in its month's `personer`, so it is
    moved to the same person's place this month; a row of a person no longer in the
    assistance unit is left out and named in a note for the handläggare. Rows of the whole
    household (no person) are kept. Returns (rows, notes)."""
    da, _ = berakning_medlemmar(hushall, blad.manad)
    nu, _ = berakning_medlemmar(hushall, manad)
    plats_nu = {m.person_id: i for i, m in enumerate(nu)}
    rader: list[dict[str, Any]] = []
    anteckningar: list[str] = []
    for rad in blad.underlag.get("inkomster") or []:
        rad = dict(rad)
        person = rad.get("person")
        if person is None:
            rader.append(rad)
            continue
        medlem = da[person] if isinstance(person, int) and 0 <= person < len(da) else None
        if medlem is not None and medlem.person_id in plats_nu:
            rad["person"] = plats_nu[medlem.person_id]
            rader.append(rad)
            continue
        vem = medlem.person.fornamn if medlem is not None else "en person"
        typ = INKOMSTTYPER.get(rad.get("typ"), "Inkomst").lower()
        anteckningar.append(
            f"{typ.capitalize()} {rad.get('belopp')} kr för {vem} är inte medtagen: "
            f"{vem} ingår inte längre i hushållet. Kontrollera hushållets inkomster."
        )
    return rader, anteckningar


def hushall_berakningsunderlag(hushall: Hushall, manad: datetime.date) -> dict[str, Any]:
    """The household part of a beräkning's input (the API's request shape) from the dated
    memberships on the first day of `manad`: sökande, medsökande and barn under 21 (with
    umgängesdagar); an applicant alone with other adults shares a household
    (hushållsgemenskap). Costs and incomes are left for the handläggare."""
    dag = manad.replace(day=1)
    enheten, ovriga = berakning_medlemmar(hushall, dag)
    personer: list[dict[str, Any]] = []
    for medlem in enheten:
        person: dict[str, Any] = {
            "roll": medlem.roll,
            "fodelsedatum": medlem.person.fodelsedatum.isoformat(),
        }
        if medlem.roll == MedlemsRoll.BARN:
            person["umgangesdagar"] = medlem.umgangesdagar
        personer.append(person)
    ensam = all(p["roll"] == "sokande" for p in personer)
    return {
        "manad": f"{dag:%Y-%m}",
        "personer": personer,
        "hushallsgemenskap": 1 + ovriga if ensam and ovriga else None,
    }


def berakning_personer(hushall: Hushall, manad: datetime.date) -> list[tuple[int, str]]:
    """(index in the beräkning's `personer`, "Name (roll)") for the income rows' "vems"."""
    enheten, _ = berakning_medlemmar(hushall, manad)
    return [
        (i, f"{m.person.fornamn} ({m.get_roll_display().lower()})") for i, m in enumerate(enheten)
    ]


def ansokan_berakningar(ansokan) -> QuerySet[Berakning]:
    """The saved sheets of an Ansökan, newest first (access is checked by the caller)."""
    return ansokan.berakningar.select_related("riksnorm", "skapad_av").order_by("-skapad", "-pk")


# --- riktlinjer ------------------------------------------------------------------------------


def riktlinjer_aktuella(dag: datetime.date) -> list[Riktlinje]:
    """The version of each guideline document in force on `dag`, with its sections."""
    versioner = Riktlinje.objects.filter(giltig_fran__lte=dag).order_by("kod", "-giltig_fran")
    aktuella: dict[str, Riktlinje] = {}
    for version in versioner.only("pk", "kod"):
        aktuella.setdefault(version.kod, version)
    return list(
        Riktlinje.objects.filter(pk__in=[v.pk for v in aktuella.values()])
        .prefetch_related(
            Prefetch("avsnitt", queryset=RiktlinjeAvsnitt.objects.order_by("ordning", "id"))
        )
        .order_by("titel")
    )


def riktlinjer_kommande(dag: datetime.date) -> QuerySet[Riktlinje]:
    """Adopted versions that take effect after `dag`."""
    return Riktlinje.objects.filter(giltig_fran__gt=dag).order_by("giltig_fran", "titel")


def riktlinje_avsnitt_sok(fraga: str, dag: datetime.date) -> list[RiktlinjeAvsnitt]:
    """Sections of the versions in force on `dag` whose number, title or text contain every
    word of `fraga`, ignoring case.

    Matched in Python with `casefold`, because SQLite's LIKE ignores case for ASCII only and
    Swedish text needs å, ä and ö to match too. The documents are small.
    """
    ord_ = [o.casefold() for o in fraga.split()[:10]]
    traffar = []
    for riktlinje in riktlinjer_aktuella(dag):
        for avsnitt in riktlinje.avsnitt.all():
            text = f"{avsnitt.nummer} {avsnitt.titel} {avsnitt.text}".casefold()
            if ord_ and all(o in text for o in ord_):
                avsnitt.riktlinje = riktlinje
                traffar.append(avsnitt)
    return traffar


def riktlinje_med_avsnitt(pk: int) -> Riktlinje | None:
    return (
        Riktlinje.objects.filter(pk=pk)
        .prefetch_related(
            Prefetch("avsnitt", queryset=RiktlinjeAvsnitt.objects.order_by("ordning", "id"))
        )
        .first()
    )


def riktlinje_versioner(riktlinje: Riktlinje) -> QuerySet[Riktlinje]:
    return Riktlinje.objects.filter(kod=riktlinje.kod).order_by("-giltig_fran")


# ---- the utredning and its förslag ------------------------------------------------------------


def utredning_forladda(ansokan, *, utredning, forslag) -> None:
    """Keep what the utredning page read of the ansökan's utredning and förslag on the
    instance, for the panels of other apps that look at them on the same page
    (docs/prestanda.md: Delade läsningar per förfrågan): `utredning_for_ansokan` and
    `forslag_for_ansokan` then answer from it. For a page's reads only; services do not call
    it."""
    ansokan._utredning_forladdad = (utredning, forslag)


def utredning_for_ansokan(ansokan) -> Utredning | None:
    """The ansökan's utredning, if one is opened (a prepared query: docs/prestanda.md,
    Förberedda frågor)."""
    forladdad = getattr(ansokan, "_utredning_forladdad", None)
    if forladdad is not None:
        return forladdad[0]
    rader = forberedd(
        ("utredning_for_ansokan",),
        lambda: Utredning.objects.filter(ansokan_id=Param("ansokan")).order_by("pk"),
    ).rader({"ansokan": ansokan.pk}, limit=1)
    return rader[0] if rader else None


def forslag_for_ansokan(ansokan) -> list[ForslagPost]:
    """The förslag per requested post, with the post type (for its flags) in one prepared
    query."""
    forladdad = getattr(ansokan, "_utredning_forladdad", None)
    if forladdad is not None:
        return list(forladdad[1])
    return forberedd(
        ("forslag_for_ansokan",),
        lambda: ForslagPost.objects.filter(utredning__ansokan_id=Param("ansokan")).select_related(
            "post__posttyp"
        ),
    ).rader({"ansokan": ansokan.pk})


def kommunicering_vantar_svar(ansokan, idag: datetime.date) -> list[Kommunicering]:
    """Kommuniceringar whose reply date has not passed and that are not answered (FL 25 §):
    an adverse decision must wait for them."""
    return list(
        Kommunicering.objects.filter(
            utredning__ansokan=ansokan, besvarad__isnull=True, svara_senast__gte=idag
        )
    )


# ---- docs/regler.md: Utredning — the förslag's amounts from the beräkning
# ----------------------------------------


def berakning_senaste(ansokan) -> Berakning | None:
    """The ansökan's latest saved beräkning sheet (a prepared query)."""
    rader = forberedd(
        ("berakning_senaste",),
        lambda: Berakning.objects.filter(ansokan_id=Param("ansokan")).order_by("-skapad", "-pk"),
    ).rader({"ansokan": ansokan.pk}, limit=1)
    return rader[0] if rader else None


def berakning_koppling() -> dict[str, int]:
    """The admin table `BerakningKoppling`: part of the beräkning → the post type it goes to."""
    return dict(
        grunddata_rader(
            ("berakning_koppling",),
            lambda: BerakningKoppling.objects.values_list("berakningsdel", "posttyp_id"),
            {},
        )
    )


def forslag_belopp_fran_berakning(
    berakning: Berakning | None, poster, *, koppling: dict[str, int] | None = None
) -> dict[int, int]:
    """The amount per requested post from a saved sheet, through the admin table
    `BerakningKoppling` (docs/regler.md: Utredning — försörjningsstöd = riksnorm; hyra = boende; …).

    Each post gets the parts mapped to it; the household's income is then deducted from the
    posts in their order (försörjningsstöd first), never below zero, so the amounts add up to
    the sheet's försörjningsstöd when every cost is mapped to a requested post (SOSFS 2013:1:
    all income is counted against the need). `koppling`: the table already read
    (`berakning_koppling`), for a page that weighs several sheets.
    """

    if berakning is None:
        return {}
    delar = {"riksnorm": berakning.riksnorm_summa} | {
        k: int(v or 0) for k, v in (berakning.underlag.get("kostnader") or {}).items()
    }
    if koppling is None:
        koppling = berakning_koppling()
    brutto: dict[int, int] = {}
    for post in sorted(poster, key=lambda p: (p.posttyp.ordning, p.pk)):
        brutto[post.pk] = sum(
            belopp for namn, belopp in delar.items() if koppling.get(namn) == post.posttyp_id
        )
    kvar = berakning.inkomster
    netto: dict[int, int] = {}
    for pk, belopp in brutto.items():
        avdrag = min(kvar, belopp)
        kvar -= avdrag
        netto[pk] = belopp - avdrag
    return {pk: b for pk, b in netto.items() if brutto[pk]}


# ---- docs/regler.md: Utredning — warnings on an återansökan
# ------------------------------------------------------

INKOMSTFALT = {
    "lon": "lön",
    "ersattning": "ersättning (a-kassa, sjukpenning, aktivitetsstöd)",
    "annan_inkomst": "annan inkomst",
    "medsokande_lon": "medsökandes lön",
    "medsokande_ersattning": "medsökandes ersättning",
    "barnbidrag": "barnbidrag",
    "bostadsbidrag": "bostadsbidrag",
    "underhallsstod": "underhållsstöd",
}


def _belopp(varde) -> Decimal:
    try:
        return Decimal(str(varde)) if varde not in (None, "") else Decimal(0)
    except (ArithmeticError, ValueError):
        return Decimal(0)


def forra_ansokan(ansokan):
    """The applicant's previous submitted ansökan in the same Akt (for an återansökan).
    Asked once per ansökan instance: a page's builder and the panels beside it each look at
    it (docs/prestanda.md: Delade läsningar per förfrågan)."""

    if ansokan.akt_id is None:
        return None
    if "_forra_ansokan" in ansokan.__dict__:
        return ansokan._forra_ansokan
    rader = forberedd(
        ("forra_ansokan",),
        lambda: (
            Ansokan.objects.filter(akt_id=Param("akt"))
            .exclude(pk=Param("pk"))
            .exclude(status__in=[Status.UTKAST, Status.ATERKALLAD])
            .filter(skapad__lt=Param("skapad", DateTimeField()))
            .order_by("-skapad", "-pk")
        ),
    ).rader({"akt": ansokan.akt_id, "pk": ansokan.pk, "skapad": ansokan.skapad}, limit=1)
    ansokan._forra_ansokan = rader[0] if rader else None
    return ansokan._forra_ansokan


def _barn_nycklar(uppgifter: dict) -> dict[str, str]:
    barn = (uppgifter.get("hushall") or {}).get("barn") or []
    return {
        str(b.get("personnummer") or b.get("fornamn") or "").strip(): str(
            b.get("fornamn") or "ett barn"
        )
        for b in barn
        if b.get("personnummer") or b.get("fornamn")
    }


def ateransokan_andringar(ansokan) -> list[tuple[str, str, str]]:
    """(typ, key, text) for each change since last month on an återansökan (docs/regler.md:
    Utredning; Sundsvall's app): a new or dropped income, a new household member, a housing cost
    above the municipality's level for the household type (docs/regler.md: Riksnorm). Read from
    `Ansokan.uppgifter` (the e-tjänst's steps) and the Akt's dated household."""

    if ansokan.typ != Typ.ATERANSOKAN:
        return []
    forra = forra_ansokan(ansokan)
    nu = ansokan.uppgifter or {}
    da = (forra.uppgifter or {}) if forra else {}
    andringar: list[tuple[str, str, str]] = []
    if forra is not None:
        nu_ek, da_ek = nu.get("ekonomi") or {}, da.get("ekonomi") or {}
        for falt, namn in INKOMSTFALT.items():
            fore, efter = _belopp(da_ek.get(falt)), _belopp(nu_ek.get(falt))
            if efter > 0 and fore == 0:
                andringar.append(
                    (VarningTyp.NY_INKOMST, falt, f"Ny inkomst: {namn} {efter:.0f} kr per månad.")
                )
            elif fore > 0 and efter == 0:
                andringar.append(
                    (
                        VarningTyp.BORTFALLEN_INKOMST,
                        falt,
                        f"Inkomsten {namn} ({fore:.0f} kr förra månaden) finns inte längre.",
                    )
                )
        nu_hh, da_hh = nu.get("hushall") or {}, da.get("hushall") or {}
        if nu_hh.get("har_medsokande") and not da_hh.get("har_medsokande"):
            andringar.append((VarningTyp.NY_MEDLEM, "medsokande", "Ny medsökande i hushållet."))
        if (nu_hh.get("ovriga_vuxna") or "").strip() and not (
            da_hh.get("ovriga_vuxna") or ""
        ).strip():
            andringar.append(
                (VarningTyp.NY_MEDLEM, "ovriga_vuxna", "En annan vuxen bor nu i bostaden.")
            )
        fore_barn = _barn_nycklar(da)
        for nyckel, namn in _barn_nycklar(nu).items():
            if nyckel not in fore_barn:
                andringar.append(
                    (VarningTyp.NY_MEDLEM, f"barn:{nyckel}", f"Nytt barn i hushållet: {namn}.")
                )
        if ansokan.akt_id and forra.skapad:
            for medlem in ansokan.akt.hushall.medlemmar.filter(
                fran__gt=forra.skapad.date()
            ).select_related("person"):
                andringar.append(
                    (
                        VarningTyp.NY_MEDLEM,
                        f"medlem:{medlem.person_id}",
                        f"{medlem.person} har tillkommit i hushållet från {medlem.fran}.",
                    )
                )
    hyra = _belopp((nu.get("ekonomi") or {}).get("hyra"))
    if hyra > 0 and ansokan.akt_id:
        manad = ansokan.period or ansokan.mottagen or ansokan.skapad.date()
        underlag = hushall_berakningsunderlag(ansokan.akt.hushall, manad)
        vuxna = sum(1 for p in underlag["personer"] if p["roll"] in ("sokande", "medsokande"))
        barn = sum(1 for p in underlag["personer"] if p["roll"] == "barn")
        typ = hushallstyp(vuxna=vuxna, barn=barn)
        niva = (
            Boendeniva.objects.filter(hushallstyp=typ, giltig_fran__lte=manad)
            .order_by("-giltig_fran")
            .first()
        )
        if niva is not None and hyra > niva.belopp:
            andringar.append(
                (
                    VarningTyp.HOG_KOSTNAD,
                    "hyra",
                    f"Hyran {hyra:.0f} kr är högre än kommunens nivå {niva.belopp} kr "
                    f"för hushållstypen {niva.get_hushallstyp_display()}.",
                )
            )
    return andringar


# ---- docs/regler.md: Utredning — controls
# --------------------------------------------------------------------------


def kontroller_sammanfattning(ansokan) -> dict[str, Any]:
    """The controls of the ansökan's utredning for the decision page (docs/regler.md: Bakgrund —
    controls not skipped under pressure): counts per status and the rows, in two queries."""

    rader = list(
        Kontroll.objects.filter(utredning__ansokan=ansokan)
        .select_related("av")
        .order_by("ordning", "id")
    )
    antal = {s: 0 for s in KontrollStatus.values}
    for r in rader:
        antal[r.status] += 1
    return {
        "rader": rader,
        "antal": antal,
        "ej_gjorda": antal[KontrollStatus.EJ_GJORD],
        "avvikelser": antal[KontrollStatus.AVVIKELSE],
        "klar": bool(rader) and antal[KontrollStatus.EJ_GJORD] == 0,
    }


# ---- docs/regler.md: Utredning — the utredning page
# ---------------------------------------------------------------


def utkast_for(user, nycklar) -> dict:
    """The user's autosaved drafts for these field keys (one prepared query)."""

    return {
        u.nyckel: u
        for u in forberedd(
            ("utkast_for",),
            lambda: Utkast.objects.filter(
                anvandare_id=Param("anvandare"), nyckel__in=ParamLista("nycklar", text=True)
            ),
        ).rader({"anvandare": user.pk, "nycklar": list(nycklar)})
    }


def journal_utkast(user, akt) -> list:
    """The user's unsent journal drafts in this Akt, newest first: one per journal page that
    was open, the draft kept from before pages had their own included (docs/regler.md:
    Bakgrund — text is never lost)."""
    return forberedd(
        ("journal_utkast",),
        lambda: (
            Utkast.objects.filter(anvandare_id=Param("anvandare"), akt_id=Param("akt"))
            .filter(
                Q(nyckel=Param("nyckel", CharField()))
                | Q(nyckel__startswith=Param("prefix", CharField()))
            )
            .exclude(text="")
            .order_by("-andrad", "-pk")
        ),
    ).rader(
        {
            "anvandare": user.pk,
            "akt": akt.pk,
            "nyckel": f"journal:{akt.pk}",
            "prefix": f"journal:{akt.pk}:",
        }
    )


def _utredningens(namn: str, bygg, utredning) -> list:
    """The rows of one section of the utredning page, in one prepared query
    (docs/prestanda.md: Förberedda frågor)."""
    return forberedd((namn,), bygg).rader({"utredning": utredning.pk})


def utredningens_sektioner(utredning) -> dict[str, Any]:
    """What the utredning page shows of the utredning's own records — försörjningshinder,
    controls, warnings, meetings, kommuniceringar, the handlingsplan and remisser with their
    attendance — each section one prepared query, the attendance only when there are remisser
    (docs/regler.md: Utredning)."""
    u = Param("utredning")
    remisser = _utredningens(
        "utredning_remisser",
        lambda: Remiss.objects.filter(utredning_id=u).select_related("person"),
        utredning,
    )
    if remisser:
        narvaro: dict[int, list] = {r.pk: [] for r in remisser}
        for n in _utredningens(
            "utredning_narvaro",
            lambda: Narvaro.objects.filter(remiss__utredning_id=u).order_by("fran", "pk"),
            utredning,
        ):
            narvaro[n.remiss_id].append(n)
        for r in remisser:  # as prefetch_related("narvaro") leaves them: r.narvaro.all()
            som_forladdade(r, "narvaro", narvaro[r.pk])
    kommuniceringar = _utredningens(
        "utredning_kommuniceringar",
        lambda: Kommunicering.objects.filter(utredning_id=u).order_by("skickad", "pk"),
        utredning,
    )
    if any(k.besvarad for k in kommuniceringar):  # an answer shows the files that came with it
        bilagor: dict[int, list] = {k.pk: [] for k in kommuniceringar}
        for rad in _utredningens(
            "utredning_kommunicering_bilagor",
            lambda: (
                Kommunicering.bilagor.through.objects.filter(kommunicering__utredning_id=u)
                .select_related("bilaga")
                .order_by("pk")
            ),
            utredning,
        ):
            bilagor[rad.kommunicering_id].append(rad.bilaga)
        for k in kommuniceringar:  # as prefetch_related("bilagor") leaves them
            som_forladdade(k, "bilagor", bilagor[k.pk])
    planer = _utredningens(
        "utredning_handlingsplan",
        lambda: Handlingsplan.objects.filter(utredning_id=u).order_by("pk")[:1],
        utredning,
    )
    return {
        "hinder": _utredningens(
            "utredning_hinder", lambda: Forsorjningshinder.objects.filter(utredning_id=u), utredning
        ),
        "kontroller": _utredningens(
            "utredning_kontroller",
            lambda: Kontroll.objects.filter(utredning_id=u).order_by("ordning", "id"),
            utredning,
        ),
        "varningar": _utredningens(
            "utredning_varningar",
            lambda: Varning.objects.filter(utredning_id=u).select_related("kvitterad_av"),
            utredning,
        ),
        "moten": _utredningens(
            "utredning_moten",
            lambda: Mote.objects.filter(utredning_id=u).order_by("bokad"),
            utredning,
        ),
        "kommuniceringar": kommuniceringar,
        "plan": planer[0] if planer else None,
        "remisser": remisser,
    }


def utredning_vuxna(ansokan) -> list:
    """The adults of the assistance unit (sökande, medsökande) on the ansökan's month."""
    dag = ansokan.period or ansokan.mottagen or ansokan.skapad.date()
    vuxna = [
        m
        for m in hushall_medlemskap(ansokan.akt.hushall)
        if m.roll in (MedlemsRoll.SOKANDE, MedlemsRoll.MEDSOKANDE) and galler_pa(m, dag)
    ]
    return [m.person for m in sorted(vuxna, key=lambda m: m.roll)]


def forra_manad_underlag(ansokan) -> dict[str, Any] | None:
    """For an återansökan: last month's ansökan and its latest sheet, what "som förra
    månaden" starts from (docs/regler.md: Utredning)."""

    if ansokan.typ != Typ.ATERANSOKAN:
        return None
    forra = forra_ansokan(ansokan)
    if forra is None:
        return None
    return {"ansokan": forra, "berakning": berakning_senaste(forra)}


# ---- docs/regler.md: Utredning — the worklist
# ----------------------------------------------------------------------


def _sorteringar():

    return {
        "frist": (F("nasta_frist").asc(nulls_last=True), "mottagen", "pk"),
        "dagar": ("mottagen", "pk"),
        "-dagar": ("-mottagen", "-pk"),
        "referens": ("referens", "pk"),
    }


def _sok_filter(sok: str):
    """Name, personnummer (with or without hyphen, 10 or 12 digits) or referens."""

    villkor = Q(referens__icontains=sok)
    siffror = "".join(t for t in sok if bara_siffror(t))
    if len(siffror) >= 6:
        villkor |= Q(sokande__identitet__contains=siffror[-10:])
    namn = Q()
    for ord_ in sok.split()[:3]:
        namn &= Q(sokande__fornamn__icontains=ord_) | Q(sokande__efternamn__icontains=ord_)
    return villkor | namn


def arbetslista_akter(user, visa: str) -> tuple[list[int] | None, tuple | None]:
    """The ids of the Akter in the worklist's view (`handlaggarvy`: "mina" the user's own and
    the unassigned, "otilldelade" the unassigned) that the access rule lets the user open, in
    one prepared query, with the state of their change rows (`bistand.sidminne.lage_kolumn`,
    None where nothing is kept) for the kept worklist; (None, None) for "alla", the whole
    Enhet, which is read as it is. The worklist and its task sources start from these Akter:
    at storstad size PostgreSQL otherwise reads every open ansökan of the nämnd (10 000) to
    join them with the user's 300 Akter (docs/prestanda.md: Arbetslistan i storstad)."""
    if visa == "alla":
        return None, None
    form = atkomst_form(user)
    kolumn = lage_kolumn()

    def fraga():
        akter = akter_form(form, anvandarens_parametrar()).filter(
            handlaggarvy(visa, anvandarens_parametrar(), falt="")
        )
        if kolumn is None:
            return akter.values_list("pk")
        return akter.annotate(lage=kolumn).values_list("pk", "lage")

    rader = forberedd(("arbetslista_akter", form, visa, kolumn is not None), fraga).rader(
        anvandarens_varden(user)
    )
    lage = lage_av(rad[1] for rad in rader) if kolumn is not None else None
    return [rad[0] for rad in rader], lage


def arbetslista_fraga(
    user,
    *,
    visa: str = "mina",
    flagga: str = "",
    vantar: str = "",
    sortera: str = "frist",
    sok: str = "",
    vy_akter: list[int] | None = None,
):
    """The handläggare's worklist (docs/regler.md: Utredning): open ärenden of the user and the
    Enhet's unassigned ones, with days since first contact, what the ärende waits for, the next
    deadline and flags, nearest deadline first (none last); `sok` finds an ärende by the
    applicant's name, personnummer or the referens. Today's akut ärenden come
    first, then those with a new överklagande or an answered kommunicering the handläggare has
    not read, then the rest by deadline — all in SQL, so each page holds the right rows.
    `vy_akter` (`arbetslista_akter`), when given, narrows the query to those Akter; the access
    rule and the view stay in the query itself.

    A lazy list (`bistand.forberedd.Lista`) of a query prepared once per access shape and
    filter (docs/prestanda.md: Förberedda frågor), so the page reads only its own rows with
    LIMIT/OFFSET and one COUNT (docs/prestanda.md: Sidindelning); a search, whose shape
    follows the words typed, is a queryset built with the values. Give the rows read to
    `arbetslista_rader`."""

    form = atkomst_form(user)
    varden = {**anvandarens_varden(user), "idag": timezone.localdate()}
    val = {"visa": visa, "flagga": flagga, "vantar": vantar, "sortera": sortera}
    if sok.strip():
        qs = arbetslista_bygg(form, varden, **val).filter(_sok_filter(sok.strip()))
        return qs if vy_akter is None else qs.filter(akt_id__in=vy_akter)
    med_akter = vy_akter is not None
    if med_akter and not vy_akter:
        return []  # a view without Akter (a förste's own, say) has no ärende to list
    if med_akter:
        varden["vy_akter"] = vy_akter

    def bygg():
        qs = arbetslista_bygg(form, {**anvandarens_parametrar(), "idag": datum("idag")}, **val)
        return qs.filter(akt_id__in=ParamLista("vy_akter")) if med_akter else qs

    return Lista(forberedd(("arbetslista", form, *val.values(), med_akter), bygg), varden)


def arbetslista_bygg(
    form: tuple, varden: dict, *, visa: str, flagga: str, vantar: str, sortera: str
) -> QuerySet:
    """The worklist's queryset for an access shape and filter; `varden` holds the user's
    values and today (`idag`) — or their parameters, for the prepared query."""

    idag = varden["idag"]
    qs = ansokningar_form(form, varden).filter(status__in=OPPNA)
    qs = qs.filter(handlaggarvy(visa, varden))
    oppen_k = Komplettering.objects.filter(ansokan=OuterRef("pk"), besvarad__isnull=True)
    qs = qs.annotate(
        barn=Exists(
            HushallMedlem.objects.filter(hushall_id=OuterRef("akt__hushall_id"), roll="barn")
            .filter(fran__lte=idag)
            .exclude(till__lt=idag)
        ),
        skyddad=Exists(
            HushallMedlem.objects.filter(hushall_id=OuterRef("akt__hushall_id")).exclude(
                person__skydd=Skydd.INGET
            )
        ),
        komplettering_oppen=Exists(oppen_k),
        komplettering_forsenad=Exists(oppen_k.filter(senast__lt=idag)),
        kommunicering_oppen=Exists(
            Kommunicering.objects.filter(
                utredning__ansokan=OuterRef("pk"), besvarad__isnull=True, svara_senast__gte=idag
            )
        ),
        nasta_frist=Subquery(
            Bevakning.objects.filter(akt=OuterRef("akt_id"), status=BevakningStatus.AKTIV)
            .values("akt")
            .annotate(f=Min("forfaller"))
            .values("f")[:1]
        ),
    ).select_related("akt", "akt__handlaggare", "sokande")
    if flagga == "akut":
        qs = qs.filter(typ="akut")
    elif flagga == "barn":
        qs = qs.filter(barn=True)
    elif flagga == "skyddad":
        qs = qs.filter(skyddad=True)
    elif flagga == "forsenad":
        qs = qs.filter(komplettering_forsenad=True)
    if vantar == "sokande":
        qs = qs.filter(Q(komplettering_oppen=True) | Q(kommunicering_oppen=True))
    elif vantar == "handlaggare":
        qs = qs.filter(komplettering_oppen=False, kommunicering_oppen=False)
    ordning = _sorteringar()
    ordning = ordning.get(sortera, ordning["frist"])
    qs = qs.annotate(
        nytt_att_lasa=Exists(
            Kommunicering.objects.filter(
                utredning__ansokan=OuterRef("pk"),
                besvarad__isnull=False,
                svar_last__isnull=True,
            )
        )
        | Exists(
            qs.model.objects.filter(
                pk=OuterRef("pk"), beslutsbrev__beslut__overklaganden__status="inkommen"
            )
        ),
        akut_idag=Case(
            When(typ="akut", mottagen=idag, then=Value(0)),
            When(nytt_att_lasa=True, then=Value(1)),
            default=Value(2),
        ),
    )
    ordning = ("akut_idag", *ordning)
    # Only the columns a row shows, as plain values (`ArbetslistaRad`): the four rows behind
    # each ärende (the ansökan, its Akt, the Akt's handläggare, the applicant) as model
    # instances were a fifth of the page's Python at storstad size.
    return qs.order_by(*ordning).values_list(*_KOLUMNER)


# The worklist query's columns, as `ArbetslistaRad` reads them: the row's own values under
# their own names, then the handläggare's and the applicant's.
_EGNA = (
    "pk",
    "akt_id",
    "referens",
    "typ",
    "status",
    "mottagen",
    "barn",
    "skyddad",
    "komplettering_oppen",
    "komplettering_forsenad",
    "kommunicering_oppen",
    "nasta_frist",
    "nytt_att_lasa",
)
_KOLUMNER = (
    *_EGNA,
    "akt__handlaggare_id",
    "akt__handlaggare__first_name",
    "akt__handlaggare__last_name",
    "akt__handlaggare__username",
    "sokande__fornamn",
    "sokande__efternamn",
)


class ArbetslistaRad:
    """One ärende of the worklist as the values it shows: the ansökan's own, its flags, its
    Akt's handläggare (`handlaggare_namn`, "" when unassigned) and the applicant's name
    (`sokande_namn`), with days since first contact (`dagar`) and whom it waits for
    (`vantar_pa`) worked out from today."""

    __slots__ = (
        *_EGNA,
        "handlaggare_id",
        "handlaggare_namn",
        "sokande_namn",
        "dagar",
        "vantar_pa",
    )

    def __init__(self, rad: tuple, idag: datetime.date):
        (
            self.pk,
            self.akt_id,
            self.referens,
            self.typ,
            self.status,
            self.mottagen,
            self.barn,
            self.skyddad,
            self.komplettering_oppen,
            self.komplettering_forsenad,
            self.kommunicering_oppen,
            self.nasta_frist,
            self.nytt_att_lasa,
            self.handlaggare_id,
            *handlaggare,
            fornamn,
            efternamn,
        ) = rad
        self.handlaggare_namn = anvandarens_namn(*handlaggare)
        self.sokande_namn = personens_namn(fornamn, efternamn)
        self.dagar = (idag - self.mottagen).days if self.mottagen else None
        self.vantar_pa = (
            "sökande" if self.komplettering_oppen or self.kommunicering_oppen else "handläggare"
        )

    @property
    def typ_namn(self) -> str:
        return TYP_NAMN.get(self.typ, self.typ)

    @property
    def status_namn(self) -> str:
        return STATUS_NAMN.get(self.status, self.status)


def arbetslista_rader(rader) -> list[ArbetslistaRad]:
    """The worklist rows read (the query's tuples) as `ArbetslistaRad`."""
    idag = timezone.localdate()
    return [ArbetslistaRad(rad, idag) for rad in rader]


BELASTNING_SEKUNDER = 60


def handlaggare_belastning(user) -> list:
    """Each handläggare of the user's Enhet with the number of open ärenden in their Akter
    (docs/regler.md: Bakgrund — caseload), in two prepared queries: the handläggare, and the open
    ansökningar of the Enhet counted per handläggare. The count starts from the open
    ansökningar (the status index) rather than from every ansökan ever made in the Enhet's
    Akter, which at storstad size is a join of some 50 000 rows per request
    (docs/prestanda.md: Delade läsningar per förfrågan)."""

    if not user.enhet_id:
        return []
    handlaggare = forberedd(
        ("handlaggare_belastning",),
        lambda: User.objects.filter(
            enhet_id=Param("enhet_id"), is_active=True, groups__name=Roll.HANDLAGGARE
        ).order_by("pk"),
    ).rader({"enhet_id": user.enhet_id})
    # Counted at most once a minute per Enhet, and anew when an Akt of it is assigned
    # (`belastning_nyckel`): a grouped count over the Enhet's open ansökningar, 10 ms at
    # storstad size (docs/prestanda.md: Arbetslistan i storstad).
    nyckel = belastning_nyckel(user.enhet_id)
    per_handlaggare = cache.get(nyckel)
    if per_handlaggare is None:
        per_handlaggare = dict(
            forberedd(
                ("handlaggare_belastning_arenden",),
                lambda: (
                    Ansokan.objects.filter(
                        status__in=OPPNA,
                        akt__enhet_id=Param("enhet_id"),
                        akt__handlaggare_id__in=ParamLista("handlaggare"),
                    )
                    .values("akt__handlaggare_id")
                    .annotate(n=Count("pk"))
                    .values_list("akt__handlaggare_id", "n")
                    .order_by()
                ),
            ).rader({"enhet_id": user.enhet_id, "handlaggare": [h.pk for h in handlaggare]})
        )
        cache.set(nyckel, per_handlaggare, BELASTNING_SEKUNDER)
    for h in handlaggare:
        h.arenden = per_handlaggare.get(h.pk, 0)
        # The name with the count, once per handläggare: the page offers it in every row's select.
        ord_ = "ärende" if h.arenden == 1 else "ärenden"
        h.etikett = f"{h.get_full_name() or h.username} ({h.arenden} {ord_})"
    handlaggare.sort(key=lambda h: (h.arenden, h.last_name, h.username))
    return handlaggare


# ---- docs/regler.md: Utredning — the journal
# -----------------------------------------------------------------------


class JournalTidslinje:
    """The Akt's journal merged with the timeline events of its ansökningar, newest first
    (docs/arkitektur.md: Flöde), filtered by kind: `journal`, `handelse` or a kontakttyp —
    read a page at a time (docs/prestanda.md: Sidindelning): `count()` is two COUNT queries
    and a slice reads only the newest `stop` rows of each source, so the page costs the same
    whatever the Akt's length. Give it to `bistand.sidindelning.sida_av`. Each source is a
    prepared query (docs/prestanda.md: Förberedda frågor) by the kind asked for."""

    def __init__(self, akt, *, typ: str = "") -> None:
        self.varden = {"akt": akt.pk, "typ": typ}
        self.anteckningar = None
        self.handelser = None
        if typ in ("", "journal") or typ in Kontakttyp.values:
            kontakt = typ in Kontakttyp.values
            self.anteckningar = forberedd(
                ("journal_tidslinje_anteckningar", kontakt),
                lambda: _journal_anteckningar(kontakt),
            )
        if typ in ("", "handelse"):
            self.handelser = forberedd(
                ("journal_tidslinje_handelser",),
                lambda: (
                    Handelse.objects.filter(akt_id=Param("akt"))
                    .order_by("-tidpunkt", "-pk")
                    .values_list(
                        "tidpunkt",
                        "typ__namn",
                        "text",
                        "av__first_name",
                        "av__last_name",
                        "av__username",
                    )
                ),
            )

    def _kallor(self):
        return [k for k in (self.anteckningar, self.handelser) if k is not None]

    def count(self) -> int:
        return sum(k.antal(self.varden) for k in self._kallor())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, del_: slice) -> list[dict[str, Any]]:
        stopp = del_.stop
        rader: list[dict[str, Any]] = []
        if self.anteckningar is not None:
            for rad in self.anteckningar.rader(self.varden, limit=stopp):
                j = JournalRad(rad)
                rader.append({"tid": j.skapad, "journal": j})
        if self.handelser is not None:
            for tidpunkt, namn, text, *av in self.handelser.rader(self.varden, limit=stopp):
                h = HandelseRad(tidpunkt, namn, text, anvandarens_namn(*av))
                rader.append({"tid": tidpunkt, "handelse": h})
        rader.sort(key=lambda r: r["tid"], reverse=True)
        return rader[del_]


class HandelseRad(NamedTuple):
    """A timeline event as the journal page shows it: when, its kind's name, its text and the
    staff member who caused it ("" for the system or the applicant)."""

    tidpunkt: datetime.datetime
    namn: str
    text: str
    av: str


def _journal_anteckningar(kontakt: bool) -> QuerySet:
    """The Akt's journal entries, newest first, of one kontakttyp when `kontakt`
    (JournalTidslinje's parameters `akt` and `typ`), as the columns of
    `bistand.selectors.JournalRad`."""
    qs = JournalAnteckning.objects.filter(akt_id=Param("akt"))
    if kontakt:
        qs = qs.filter(kontakttyp=Param("typ", CharField()))
    return qs.order_by("-skapad", "-pk").values_list(*JOURNAL_KOLUMNER)


def delade_anteckningar(akt) -> set[int]:
    """Ids of the Akt's journal entries shown in the applicant's Mina sidor (a prepared
    query)."""

    return {
        rad[0]
        for rad in forberedd(
            ("delade_anteckningar",),
            lambda: Publicering.objects.filter(anteckning__akt_id=Param("akt")).values_list(
                "anteckning_id"
            ),
        ).rader({"akt": akt.pk})
    }


def ansokningar_att_publicera_till(akt, antal: int = 10) -> list[tuple[int, str]]:
    """The Akt's latest submitted ansökningar, (id, referens), that a journal entry may be
    published to on Mina sidor (a prepared query)."""
    return forberedd(
        ("ansokningar_att_publicera_till",),
        lambda: (
            Ansokan.objects.filter(akt_id=Param("akt"))
            .exclude(status=Status.UTKAST)
            .order_by("-pk")
            .values_list("pk", "referens")
        ),
    ).rader({"akt": akt.pk}, limit=antal)


def kommuniceringar_att_besvara(person) -> list[tuple[str, str]]:
    """Mina sidor: the applicant's kommuniceringar (of her ansökningar as applicant or
    co-applicant, `ansokan.selectors.ansokningar_for_person`) whose reply date has not passed
    and that she has not answered (FL 25 §). One prepared query."""

    fraga = forberedd(
        ("kommuniceringar_att_besvara",),
        lambda: (
            Kommunicering.objects.filter(
                Q(utredning__ansokan__sokande_id=Param("person"))
                | Q(utredning__ansokan__medsokande_id=Param("person")),
                besvarad__isnull=True,
                svara_senast__gte=datum("idag"),
            )
            .select_related("utredning__ansokan")
            .order_by("svara_senast", "pk")
        ),
    )
    return [
        (
            f"Svara på underlag till ansökan {k.utredning.ansokan.referens} senast "
            f"{k.svara_senast:%Y-%m-%d}",
            f"/e-tjanst/ansokan/{k.utredning.ansokan_id}/kommunicering/{k.pk}/",
        )
        for k in fraga.rader({"person": person.pk, "idag": timezone.localdate()})
    ]


def kommunicering_svar_att_lasa(
    user, visa: str = "mina", vy_akter: list[int] | None = None
) -> list:
    """Worklist: answered kommuniceringar the handläggare has not yet read, in the Akter the
    user may see (her own and unassigned, or the whole Enhet). One prepared query
    (docs/prestanda.md: Förberedda frågor); the access rule is on the Akt (an ansökan under
    utredning is never a draft)."""

    form = atkomst_form(user)
    med_akter = vy_akter is not None
    fraga = forberedd(
        ("kommunicering_svar_att_lasa", form, visa, med_akter),
        lambda: kommunicering_svar_fraga(form, visa, med_akter),
    )
    varden = anvandarens_varden(user)
    if med_akter:
        varden["vy_akter"] = vy_akter
    return [
        uppgift(
            rad[3:],
            slag="Svar på kommunicering",
            ny=True,
            text=(svar[:80] + ("…" if len(svar) > 80 else "")) or "Svar med bifogade filer",
            lank=f"/ansokningar/{ansokan_id}/utredning/#kommunicering",
            datum=besvarad,
            frist=None,
        )
        for rad in fraga.rader(varden)
        for svar, besvarad, ansokan_id in [rad[:3]]
    ]


def kommunicering_svar_fraga(form: tuple, visa: str, med_akter: bool = False) -> QuerySet:
    """The query of `kommunicering_svar_att_lasa` for an access shape and view, with the
    user's values as parameters (`bistand.access.anvandarens_varden`); `med_akter`: only
    the view's Akter (`vy_akter`, utredning.uppgifter.Kalla)."""
    qs = Kommunicering.objects.filter(
        akt_atkomst_form(form, atkomst_parametrar(), "utredning__ansokan__akt"),
        besvarad__isnull=False,
        svar_last__isnull=True,
    ).filter(handlaggarvy(visa, anvandarens_parametrar(), "utredning__ansokan__akt"))
    if med_akter:
        qs = qs.filter(utredning__ansokan__akt_id__in=ParamLista("vy_akter"))
    return qs.order_by("besvarad", "pk").values_list(
        "svar",
        "besvarad",
        "utredning__ansokan_id",
        *uppgiftens_kolumner("utredning__ansokan", "utredning__ansokan__akt"),
    )


def forseningar_att_underratta(user, visa: str = "mina", vy_akter: list[int] | None = None) -> list:
    """Worklist: open ansökningar whose handling target has passed or passes within
    `forsening-paminnelse-arbetsdagar` working days and whose applicant has no underrättelse
    om försening with a date still ahead (FL 11 §; docs/regler.md). One prepared query
    (docs/prestanda.md: Förberedda frågor) and one for the parameter."""

    idag = timezone.localdate()
    grans = lagg_till_arbetsdagar(
        idag, int(parameter_varde("forsening-paminnelse-arbetsdagar", idag))
    )
    form = atkomst_form(user)
    med_akter = vy_akter is not None
    fraga = forberedd(
        ("forseningar_att_underratta", form, visa, med_akter),
        lambda: forseningar_fraga(form, visa, med_akter),
    )
    varden = {**anvandarens_varden(user), "idag": idag, "grans": grans}
    if med_akter:
        varden["vy_akter"] = vy_akter
    rader = fraga.rader(varden)
    return [
        uppgift(
            rad[2:],
            slag="Underrätta om försening",
            text="Handläggningsmålet passeras: skicka underrättelse om försening (FL 11 §)",
            lank=f"/ansokningar/{pk}/",
            datum=mottagen,
            frist=None,
        )
        for rad in rader
        for pk, mottagen in [rad[:2]]
    ]


def forseningar_fraga(form: tuple, visa: str, med_akter: bool = False) -> QuerySet:
    """The query of `forseningar_att_underratta` for an access shape and view; the user's
    values, today (`idag`) and the reminder's last day (`grans`) are parameters;
    `med_akter`: only the view's Akter (`vy_akter`, utredning.uppgifter.Kalla)."""
    mal = Bevakning.objects.filter(
        typ="handlaggningsmal",
        objekt_typ__app_label="ansokan",
        objekt_typ__model="ansokan",
        objekt_id=OuterRef("pk"),
        status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN],
        forfaller__lte=datum("grans"),
    )
    qs = ansokningar_form(form, atkomst_parametrar()).filter(status__in=OPPNA)
    qs = qs.filter(handlaggarvy(visa, anvandarens_parametrar()))
    if med_akter:
        qs = qs.filter(akt_id__in=ParamLista("vy_akter"))
    qs = qs.filter(Exists(mal)).exclude(
        Exists(Forsening.objects.filter(ansokan=OuterRef("pk"), beraknat_datum__gte=datum("idag")))
    )
    return qs.order_by("mottagen", "pk").values_list(
        "pk", "mottagen", *uppgiftens_kolumner("", "akt")
    )


# ---- docs/regler.md: Utredning — the household the applicant declared
# ---------------------------------------------


@dataclass(frozen=True)
class ForeslagenMedlem:
    """A person the applicant declared in the ansökan who is not in the Akt's household on the
    ansökan's month: a proposal the handläggare confirms, never a change by itself."""

    roll: str
    personnummer: str
    fornamn: str
    efternamn: str
    umgangesdagar: int | None = None

    @property
    def roll_namn(self) -> str:
        return MedlemsRoll(self.roll).label


def ansokan_manad(ansokan) -> datetime.date:
    """The first day of the month the ansökan concerns (its period, else the day it came in)."""
    return (ansokan.period or ansokan.mottagen or ansokan.skapad.date()).replace(day=1)


def hushall_forslag(ansokan) -> list[ForeslagenMedlem]:
    """The medsökande and the children the applicant declared (`Ansokan.uppgifter["hushall"]`)
    who are not current members of the Akt's household on the ansökan's month, compared by
    personnummer (SoL (2025:400) 11 kap. 1 §: the household's needs are assessed together).
    Numbers that cannot be read are left out; the e-tjänst has already checked them."""

    if ansokan.akt_id is None:
        return []
    hushall = (ansokan.uppgifter or {}).get("hushall") or {}
    dag = ansokan_manad(ansokan)
    nu = {
        m.person.identitet
        for m in hushall_medlemskap(ansokan.akt.hushall)
        if m.till is None or m.till >= dag
    }
    efternamn = ansokan.sokande.efternamn
    deklarerade: list[ForeslagenMedlem] = []
    if hushall.get("har_medsokande") and hushall.get("medsokande_personnummer"):
        deklarerade.append(
            ForeslagenMedlem(
                roll=MedlemsRoll.MEDSOKANDE,
                personnummer=str(hushall["medsokande_personnummer"]),
                fornamn=str(hushall.get("medsokande_fornamn") or ""),
                efternamn=str(hushall.get("medsokande_efternamn") or ""),
            )
        )
    for barn in hushall.get("barn") or []:
        if not barn.get("personnummer"):
            continue
        dagar = barn.get("umgangesdagar") if barn.get("boende") == "umgange" else None
        deklarerade.append(
            ForeslagenMedlem(
                roll=MedlemsRoll.BARN,
                personnummer=str(barn["personnummer"]),
                fornamn=str(barn.get("fornamn") or ""),
                efternamn=efternamn,
                umgangesdagar=int(dagar) if dagar else None,
            )
        )
    forslag, sedda = [], set(nu)
    for medlem in deklarerade:
        try:
            nummer = tolka_identitetsnummer(medlem.personnummer).nummer
        except OgiltigtIdentitetsnummer:
            continue
        if nummer in sedda:
            continue
        sedda.add(nummer)
        forslag.append(
            ForeslagenMedlem(
                roll=medlem.roll,
                personnummer=nummer,
                fornamn=medlem.fornamn,
                efternamn=medlem.efternamn,
                umgangesdagar=medlem.umgangesdagar,
            )
        )
    return forslag
