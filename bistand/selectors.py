"""Reads of the core (STYLE.md §1)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from .models import (
    Akt,
    Bevakning,
    BevakningStatus,
    HushallMedlem,
    JournalAnteckning,
    Lagrum,
    MedlemsRoll,
    Parameter,
)


class ParameterSaknas(LookupError):
    """No value of a parameter is in force on the day asked for."""


def parameter_rad(kod: str, dag: datetime.date) -> Parameter:
    """The dated parameter row in force on `dag` (latest `giltig_fran` on or before it)."""
    rad = Parameter.objects.filter(kod=kod, giltig_fran__lte=dag).order_by("-giltig_fran").first()
    if rad is None:
        raise ParameterSaknas(f"Parametern {kod} saknar värde för {dag:%Y-%m-%d}.")
    return rad


def parameter_varde(kod: str, dag: datetime.date) -> Decimal:
    return parameter_rad(kod, dag).varde


def lagrum_rad(kod: str, dag: datetime.date) -> Lagrum:
    """The legal reference in force on `dag` (LAW.md §1: printed from the table, never literal)."""
    rad = Lagrum.objects.filter(kod=kod, giltig_fran__lte=dag).order_by("-giltig_fran").first()
    if rad is None:
        raise LookupError(f"Lagrum {kod} saknas för {dag:%Y-%m-%d}.")
    return rad


def akter_lista(akter: QuerySet[Akt]) -> QuerySet[Akt]:
    """Akter for a list page, with members prefetched so the query count is flat."""
    return (
        akter.select_related("enhet", "handlaggare", "hushall")
        .prefetch_related(
            Prefetch(
                "hushall__medlemmar",
                queryset=HushallMedlem.objects.filter(till__isnull=True).select_related("person"),
                to_attr="aktuella_medlemmar",
            )
        )
        .order_by("aktnummer")
    )


def akt_medlemmar(akt: Akt) -> list[HushallMedlem]:
    return list(
        akt.hushall.medlemmar.select_related("person").order_by(
            "till", "roll", "person__fodelsedatum"
        )
    )


def akt_journal(akt: Akt) -> list[JournalAnteckning]:
    return list(
        akt.journal.select_related("skapad_av", "signerad_av", "rattar").order_by(
            "-handelse_datum", "-skapad"
        )
    )


def akt_oppna_bevakningar(akt: Akt) -> list[Bevakning]:
    return list(
        akt.bevakningar.filter(
            status__in=[BevakningStatus.AKTIV, BevakningStatus.OVERSKRIDEN]
        ).order_by("forfaller")
    )


# Apps add lines to the Kontaktcenter's status view without the core importing them
# (DESIGN.md §4): each källa takes an Akt and returns short status texts.
StatusKalla = Callable[[Akt], list[str]]
STATUSKALLOR: list[StatusKalla] = []


def registrera_statuskalla(kalla: StatusKalla) -> StatusKalla:
    STATUSKALLOR.append(kalla)
    return kalla


def akt_status_rader(akt: Akt) -> list[str]:
    rader: list[str] = []
    for kalla in STATUSKALLOR:
        rader.extend(kalla(akt))
    return rader


def person_status(person) -> dict:
    """What the Kontaktcenter may see of a person: per Akt, the Enhet and status lines only."""
    if person is None:
        return {"hittad": False, "akter": []}
    akter = (
        Akt.objects.select_related("enhet")
        .filter(hushall__medlemmar__person=person)
        .exclude(hushall__medlemmar__in=person.medlemskap.filter(roll=MedlemsRoll.OVRIG_VUXEN))
        .distinct()
    )
    return {
        "hittad": True,
        "akter": [{"enhet": akt.enhet.namn, "rader": akt_status_rader(akt)} for akt in akter],
    }
