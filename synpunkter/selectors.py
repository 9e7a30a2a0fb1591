"""Reads of synpunkter (docs/arkitektur.md: Kodstil (services och selectors)): lists, the
applicant's own, and the learning figures."""

from __future__ import annotations

import datetime
import statistics

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from ansokan.selectors import ansokningar_for_person, person_akt
from beslut.models import Beslutsbrev
from bistand.forberedd import Param, forberedd
from bistand.kalender import arbetsdagar_mellan
from bistand.models import Akt, Enhet, Person

from .models import Aterkoppling, Avvikelse, Kanal, Slag, Status, Synpunkt, Tillsynsarende

OPPNA = [Status.INKOMMEN, Status.MOTTAGEN, Status.BESVARAD]


def synpunkter_lista(synpunkter: QuerySet[Synpunkt], *, visa: str = "oppna") -> QuerySet[Synpunkt]:
    """The list's rows in order, with what the table shows fetched in a flat number of queries
    per page. A nämnd gathers thousands over the years: give it to
    `bistand.sidindelning.sida_av`, which reads one page (docs/prestanda.md: Sidindelning)."""
    if visa == "oppna":
        synpunkter = synpunkter.filter(status__in=OPPNA)
    return (
        synpunkter.select_related("enhet", "handlaggs_av", "person")
        .prefetch_related("omraden")
        .order_by("status", "svar_senast", "-pk")
    )


def att_handlagga(user) -> list[Synpunkt]:
    """The open synpunkter routed to this manager, oldest deadline first."""
    return list(
        Synpunkt.objects.filter(handlaggs_av=user, status__in=OPPNA)
        .exclude(berord_personal=user)
        .select_related("enhet")
        .order_by("kvittens_senast", "pk")[:50]
    )


def avvikelser_att_utreda(user) -> list:
    """The open reports the user is responsible for, lex Sarah IVO deadlines first."""
    return list(
        Avvikelse.objects.filter(ansvarig=user)
        .exclude(status=Avvikelse.Status.AVSLUTAD)
        .order_by("ivo_senast", "rapporterad")[:50]
    )


def synpunkt_detalj(synpunkt: Synpunkt) -> dict:
    return {
        "omraden": list(synpunkt.omraden.all()),
        "aterkopplingar": list(synpunkt.aterkopplingar.select_related("av")),
        "tillsyn": list(synpunkt.tillsynsarenden.all()),
        "omfordelningar": list(synpunkt.omfordelningar.select_related("fran", "till", "av")),
    }


def mina_synpunkter(person: Person) -> list[Synpunkt]:
    """The applicant's own synpunkter with their answers (anonymous ones have no owner). A
    prepared query, on every visit to Mina sidor (docs/prestanda.md: Förberedda frågor); the
    answers are read only when she has given a synpunkt."""
    rader = forberedd(
        ("mina_synpunkter",),
        lambda: Synpunkt.objects.filter(person_id=Param("person"), anonym=False).order_by(
            "-inkom", "-pk"
        ),
    ).rader({"person": person.pk})
    if rader:
        prefetch_related_objects(
            rader, Prefetch("aterkopplingar", queryset=Aterkoppling.objects.order_by("given"))
        )
    return rader


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

    return (timezone.localtime(till).date() - fran).days


# ---- learning: figures per period ----------------------------------------------------------


def _andel(antal: int, total: int) -> float:
    return round(100 * antal / total, 1) if total else 0.0


def _fordelning(namn_antal: dict[str, int], total: int) -> list[tuple[str, int, float]]:
    return [
        (namn, antal, _andel(antal, total))
        for namn, antal in sorted(namn_antal.items(), key=lambda r: (-r[1], r[0]))
    ]


def _median(varden: list[int]) -> float | None:
    return float(statistics.median(varden)) if varden else None


def synpunkter_i_period(*, fran: datetime.date, till: datetime.date, enheter) -> QuerySet:
    """The synpunkter that came in between `fran` and `till` (inclusive) and concern these
    enheter; those without an Enhet are counted when the enheter cover the whole nämnd."""
    enheter = list(enheter)
    enhet_ids = {e.pk for e in enheter}
    namnd_ids = {e.namnd_id for e in enheter}
    hela = enhet_ids and enhet_ids == set(
        Enhet.objects.filter(namnd_id__in=namnd_ids).values_list("pk", flat=True)
    )
    villkor = Q(enhet_id__in=enhet_ids)
    if hela:
        villkor |= Q(enhet__isnull=True, namnd_id__in=namnd_ids)
    return Synpunkt.objects.filter(villkor, inkom__gte=fran, inkom__lte=till)


def synpunkter_statistik(*, fran: datetime.date, till: datetime.date, enheter) -> dict:
    """Counts and shares by kind, area, channel and Enhet, and working days to receipt and
    answer, for the synpunkter that came in during the period (docs/regler.md: Synpunkter).
    The shape is documented in `synpunkter_arsstatistik`."""
    rader = list(
        synpunkter_i_period(fran=fran, till=till, enheter=enheter)
        .select_related("enhet")
        .prefetch_related("omraden")
    )
    total = len(rader)
    per_slag = {label: 0 for _, label in Slag.choices}
    per_kanal = {label: 0 for _, label in Kanal.choices}
    per_omrade: dict[str, int] = {}
    per_enhet: dict[str, int] = {}
    kvittens: list[int] = []
    svar: list[int] = []
    kvitterade_i_tid = besvarade_i_tid = onskade_svar = 0
    for s in rader:
        per_slag[s.get_slag_display()] += 1
        per_kanal[s.get_kanal_display()] += 1
        for o in s.omraden.all():
            per_omrade[o.namn] = per_omrade.get(o.namn, 0) + 1
        enhet = s.enhet.namn if s.enhet else "Ingen enhet"
        per_enhet[enhet] = per_enhet.get(enhet, 0) + 1
        if s.kvitterad:
            dag = timezone.localtime(s.kvitterad).date()
            kvittens.append(arbetsdagar_mellan(s.inkom, dag))
            kvitterade_i_tid += dag <= s.kvittens_senast
        if s.vill_ha_svar:
            onskade_svar += 1
            if s.besvarad:
                dag = timezone.localtime(s.besvarad).date()
                svar.append(arbetsdagar_mellan(s.inkom, dag))
                besvarade_i_tid += dag <= s.svar_senast
    namnd_ids = {e.namnd_id for e in enheter}
    tillsyn = Tillsynsarende.objects.filter(
        namnd_id__in=namnd_ids, inkom__gte=fran, inkom__lte=till
    )
    avvikelser = Avvikelse.objects.filter(
        enhet__in=enheter, rapporterad__date__gte=fran, rapporterad__date__lte=till
    )
    lex_sarah = avvikelser.exclude(typ=Avvikelse.Typ.AVVIKELSE)
    return {
        "fran": fran,
        "till": till,
        "antal": total,
        "per_slag": _fordelning(per_slag, total),
        "per_omrade": _fordelning(per_omrade, total),
        "per_kanal": _fordelning(per_kanal, total),
        "per_enhet": _fordelning(per_enhet, total),
        "kvittens_median_arbetsdagar": _median(kvittens),
        "kvitterade_i_tid_andel": _andel(kvitterade_i_tid, len(kvittens)) if kvittens else None,
        "svar_median_arbetsdagar": _median(svar),
        "besvarade_i_tid_andel": _andel(besvarade_i_tid, onskade_svar) if onskade_svar else None,
        "onskade_svar": onskade_svar,
        "ivo_jo": {
            "arenden": tillsyn.count(),
            "med_kritik": tillsyn.filter(kritik=True).count(),
        },
        "avvikelser": avvikelser.filter(typ=Avvikelse.Typ.AVVIKELSE).count(),
        "lex_sarah": {
            "rapporter": lex_sarah.count(),
            "allvarliga": lex_sarah.filter(allvarligt=True).count(),
            "anmalda_ivo": lex_sarah.filter(ivo_anmald__isnull=False).count(),
        },
    }


def synpunkter_arsstatistik(*, ar: int, enheter) -> dict:
    """The year's figures for the kvalitetsrapport (SOSFS 2011:9 5 kap. 6 §: complaints are
    compiled and analysed to improve the work).

    `enheter` is an iterable (or queryset) of `bistand.models.Enhet`; synpunkter without an
    Enhet are included when the enheter cover their whole nämnd. Returns a dict:

    - "fran", "till": `date` — 1 January and 31 December of `ar`.
    - "antal": `int` — synpunkter that came in during the year.
    - "per_slag", "per_omrade", "per_kanal", "per_enhet": `list[tuple[str, int, float]]` —
      (Swedish label, count, share of "antal" in per cent with one decimal), largest first.
      Every kind and channel is listed, zeros included; areas only when used. A synpunkt
      can have several areas, so the area shares may add up to more than 100.
    - "kvittens_median_arbetsdagar", "svar_median_arbetsdagar": `float | None` — median
      working days from arrival to receipt / to återkoppling (None when there is none).
    - "kvitterade_i_tid_andel", "besvarade_i_tid_andel": `float | None` — per cent of the
      receipted within the receipt deadline, and of those wanting an answer answered within
      the answer deadline.
    - "onskade_svar": `int` — synpunkter where the person wanted an answer.
    - "ivo_jo": `{"arenden": int, "med_kritik": int}` — IVO and JO matters of the nämnd
      that came in during the year.
    - "avvikelser": `int` — avvikelser reported (not lex Sarah).
    - "lex_sarah": `{"rapporter": int, "allvarliga": int, "anmalda_ivo": int}`.
    """
    return synpunkter_statistik(
        fran=datetime.date(ar, 1, 1), till=datetime.date(ar, 12, 31), enheter=enheter
    )


def synpunkter_export(*, fran: datetime.date, till: datetime.date, enheter) -> list[list[str]]:
    """Rows for the CSV export: no personal data, only what the analysis needs."""
    rader = [
        [
            "Nummer",
            "Inkom",
            "Slag",
            "Kanal",
            "Områden",
            "Enhet",
            "Status",
            "Arbetsdagar till kvittens",
            "Ville ha svar",
            "Arbetsdagar till svar",
        ]
    ]
    for s in (
        synpunkter_i_period(fran=fran, till=till, enheter=enheter)
        .select_related("enhet")
        .prefetch_related("omraden")
        .order_by("inkom", "pk")
    ):

        def dagar(tid, inkom=s.inkom):
            if tid is None:
                return ""
            return str(arbetsdagar_mellan(inkom, timezone.localtime(tid).date()))

        rader.append(
            [
                s.nummer,
                f"{s.inkom:%Y-%m-%d}",
                s.get_slag_display(),
                s.get_kanal_display(),
                "; ".join(o.namn for o in s.omraden.all()),
                s.enhet.namn if s.enhet else "Ingen enhet",
                s.get_status_display(),
                dagar(s.kvitterad),
                "ja" if s.vill_ha_svar else "nej",
                dagar(s.besvarad),
            ]
        )
    return rader
