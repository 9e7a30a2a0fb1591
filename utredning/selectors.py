"""Reads of utredning (STYLE.md §1): the figures of a beräkning, the calculation, riktlinjer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from bistand.models import Hushall, MedlemsRoll, Parameter

from .berakning import (
    RIKSNORM_POST_NAMN,
    BerakningFel,
    Parametrar,
    Resultat,
    Underlag,
    Varde,
    alder,
    berakna,
)
from .models import (
    Berakning,
    Boendeniva,
    ForslagPost,
    Kommunicering,
    Riksnorm,
    Riktlinje,
    RiktlinjeAvsnitt,
    Utredning,
)
from .underlag import OgiltigtUnderlag, tolka_underlag

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

MANADSNAMN = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def riksnorm_for_manad(manad: datetime.date) -> Riksnorm | None:
    """The riksnorm in force on the first day of the month, within the same calendar year only
    (socialtjänstförordningen 2 kap. 1 § sets it per year; issue 4: a month of a year not
    loaded is an error, not last year's figures)."""
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
    """Every figure in force for the month, in four queries whatever the household.

    Raises `BerakningFel` on `manad` when the year has no riksnorm.
    """
    dag = manad.replace(day=1)
    riksnorm = riksnorm_for_manad(dag)
    if riksnorm is None:
        raise BerakningFel(
            "manad",
            f"Det finns ingen riksnorm för {MANADSNAMN[dag.month - 1]} {dag.year}. "
            "Välj en annan månad.",
        )
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


def hushall_berakningsunderlag(hushall: Hushall, manad: datetime.date) -> dict[str, Any]:
    """The household part of a beräkning's input (the API's request shape) from the dated
    memberships on the first day of `manad`: sökande, medsökande and barn under 21 (with
    umgängesdagar); an applicant alone with other adults shares a household
    (hushållsgemenskap). Costs and incomes are left for the handläggare."""
    dag = manad.replace(day=1)
    medlemmar = (
        hushall.medlemmar.filter(fran__lte=dag)
        .exclude(till__lt=dag)
        .select_related("person")
        .order_by("roll", "person__fodelsedatum")
    )
    personer: list[dict[str, Any]] = []
    ovriga = 0
    for medlem in medlemmar:
        if medlem.roll == MedlemsRoll.OVRIG_VUXEN:
            ovriga += 1
            continue
        fodd = medlem.person.fodelsedatum
        if medlem.roll == MedlemsRoll.BARN and alder(fodd, dag) >= 21:
            ovriga += 1  # an adult child at home shares the household
            continue
        person: dict[str, Any] = {"roll": medlem.roll, "fodelsedatum": fodd.isoformat()}
        if medlem.roll == MedlemsRoll.BARN:
            person["umgangesdagar"] = medlem.umgangesdagar
        personer.append(person)
    personer.sort(key=lambda p: ["sokande", "medsokande", "barn"].index(p["roll"]))
    ensam = all(p["roll"] == "sokande" for p in personer)
    return {
        "manad": f"{dag:%Y-%m}",
        "personer": personer,
        "hushallsgemenskap": 1 + ovriga if ensam and ovriga else None,
    }


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


def utredning_for_ansokan(ansokan) -> Utredning | None:
    return Utredning.objects.filter(ansokan=ansokan).first()


def forslag_for_ansokan(ansokan) -> list[ForslagPost]:
    """The förslag per requested post, with the post type (for its flags) in one query."""
    return list(
        ForslagPost.objects.filter(utredning__ansokan=ansokan).select_related("post__posttyp")
    )


def kommunicering_vantar_svar(ansokan, idag: datetime.date) -> list[Kommunicering]:
    """Kommuniceringar whose reply date has not passed and that are not answered (FL 25 §):
    an adverse decision must wait for them."""
    return list(
        Kommunicering.objects.filter(
            utredning__ansokan=ansokan, besvarad__isnull=True, svara_senast__gte=idag
        )
    )
