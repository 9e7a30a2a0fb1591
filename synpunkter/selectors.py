"""Reads of synpunkter (STYLE.md §1): lists, the applicant's own, and the learning figures."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, QuerySet

from ansokan.selectors import ansokningar_for_person, person_akt
from beslut.models import Beslutsbrev
from bistand.models import Akt, Person

from .models import Aterkoppling, Status, Synpunkt

OPPNA = [Status.INKOMMEN, Status.MOTTAGEN, Status.BESVARAD]


def synpunkter_lista(synpunkter: QuerySet[Synpunkt], *, visa: str = "oppna") -> list[Synpunkt]:
    """A list page's rows, with what the table shows fetched in a flat number of queries."""
    if visa == "oppna":
        synpunkter = synpunkter.filter(status__in=OPPNA)
    return list(
        synpunkter.select_related("enhet", "handlaggs_av", "person")
        .prefetch_related("omraden")
        .order_by("status", "svar_senast", "-pk")[:500]
    )


def att_handlagga(user) -> list[Synpunkt]:
    """The open synpunkter routed to this manager, oldest deadline first."""
    return list(
        Synpunkt.objects.filter(handlaggs_av=user, status__in=OPPNA)
        .exclude(berord_personal=user)
        .select_related("enhet")
        .order_by("kvittens_senast", "pk")[:50]
    )


def synpunkt_detalj(synpunkt: Synpunkt) -> dict:
    return {
        "omraden": list(synpunkt.omraden.all()),
        "aterkopplingar": list(synpunkt.aterkopplingar.select_related("av")),
        "tillsyn": list(synpunkt.tillsynsarenden.all()),
    }


def mina_synpunkter(person: Person) -> list[Synpunkt]:
    """The applicant's own synpunkter with their answers (anonymous ones have no owner)."""
    return list(
        Synpunkt.objects.filter(person=person, anonym=False)
        .prefetch_related(
            Prefetch("aterkopplingar", queryset=Aterkoppling.objects.order_by("given"))
        )
        .order_by("-inkom", "-pk")
    )


def beslutsbrev_for_person(person: Person) -> list[Beslutsbrev]:
    """The sent decision letters of the applicant's own ansökningar, newest first."""
    return list(
        Beslutsbrev.objects.filter(
            ansokan__in=ansokningar_for_person(person), skickad__isnull=False
        ).order_by("-beslutsdatum", "-pk")[:20]
    )


def akt_for_person(person: Person) -> Akt | None:
    return person_akt(person)


def dagar(fran: datetime.date, till: datetime.datetime | None) -> int | None:
    if till is None:
        return None
    from django.utils import timezone

    return (timezone.localtime(till).date() - fran).days
