"""The working-day calendar.

Non-working days are Saturdays, Sundays and the Swedish public holidays, with midsommarafton,
julafton and nyårsafton counted as holidays too (`holidays` SE, categories public and de_facto),
as lag (1930:173) om beräkning av lagstadgad tid 2 § lists them.
"""

from __future__ import annotations

import calendar
import datetime
from functools import lru_cache

import holidays
from django.db.models import Q
from django.utils import timezone

from .models import Utbetalningsdag, Utbetalningsregel

MANADER = (
    "januari februari mars april maj juni juli augusti september oktober november december"
).split()


def manad_text(dag: datetime.date) -> str:
    """The month of `dag` as people write it: "november 2026"."""
    return f"{MANADER[dag.month - 1]} {dag.year}"


def dygnets_borjan(dag: datetime.date) -> datetime.datetime:
    """Midnight at the start of `dag` in Europe/Stockholm (the project's time zone), aware.

    Filter a time by `>=` this and `<` the next day's rather than by its date: the database
    then compares the column itself and can use its index and skip partitions
    (docs/prestanda.md: Tillväxt: partitionering och arkiv)."""
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


_HELGKATEGORIER = ("public", "de_facto")


@lru_cache(maxsize=64)
def _helgdagar(ar: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("SE", years=ar, categories=_HELGKATEGORIER))


def ar_arbetsdag(dag: datetime.date) -> bool:
    """True on a weekday that is not a Swedish holiday or midsommar-, jul- or nyårsafton."""
    return dag.weekday() < 5 and dag not in _helgdagar(dag.year)


def nasta_arbetsdag(dag: datetime.date) -> datetime.date:
    """The day itself if it is a working day, else the next working day."""
    while not ar_arbetsdag(dag):
        dag += datetime.timedelta(days=1)
    return dag


def lagstadgad_frist(slutdag: datetime.date) -> datetime.date:
    """Lag (1930:173) 2 §: a time limit that ends on a Saturday, Sunday, public holiday,
    midsommarafton, julafton or nyårsafton ends instead on the next working day."""
    return nasta_arbetsdag(slutdag)


def lagg_till_arbetsdagar(fran: datetime.date, antal: int) -> datetime.date:
    """The date `antal` working days after `fran` (`fran` itself not counted)."""
    dag = fran
    kvar = antal
    while kvar > 0:
        dag += datetime.timedelta(days=1)
        if ar_arbetsdag(dag):
            kvar -= 1
    return dag


def arbetsdagar_mellan(fran: datetime.date, till: datetime.date) -> int:
    """Working days after `fran` up to and including `till` (0 when `till` <= `fran`)."""
    antal = 0
    dag = fran
    while dag < till:
        dag += datetime.timedelta(days=1)
        if ar_arbetsdag(dag):
            antal += 1
    return antal


def _flytta(dag: datetime.date, flytt: str) -> datetime.date:
    steg = datetime.timedelta(days=-1 if flytt == "foregaende" else 1)
    while not ar_arbetsdag(dag):
        dag += steg
    return dag


def _regeldagar(regel, fran: datetime.date, till: datetime.date) -> set[datetime.date]:
    """The bank days a rule gives from `fran` to `till`, both included."""
    dagar: set[datetime.date] = set()
    if regel.manadsdag:
        ar, manad = fran.year, fran.month - 1
        if manad == 0:
            ar, manad = ar - 1, 12
        while datetime.date(ar, manad, 1) <= till:
            sista = calendar.monthrange(ar, manad)[1]
            nominell = datetime.date(ar, manad, min(regel.manadsdag, sista))
            if _regel_galler(regel, nominell):
                dagar.add(_flytta(nominell, regel.flytt))
            ar, manad = (ar + 1, 1) if manad == 12 else (ar, manad + 1)
    else:
        dag = fran + datetime.timedelta(days=(regel.veckodag - fran.weekday()) % 7)
        while dag <= till:
            if _regel_galler(regel, dag) and ar_arbetsdag(dag):
                dagar.add(dag)
            dag += datetime.timedelta(days=7)
    return {d for d in dagar if fran <= d <= till}


def _regel_galler(regel, dag: datetime.date) -> bool:
    return regel.giltig_fran <= dag and (regel.giltig_till is None or dag <= regel.giltig_till)


def utbetalningsdagar(*, namnd, fran: datetime.date, till: datetime.date) -> list[datetime.date]:
    """The nämnd's payment days from `fran` to `till`, both included, in order.

    docs/regler.md: Utbetalningskalender — the recurring rules (a day of the month moved to a
    bank day, or a weekday on bank days only), plus the explicit extra days, minus the
    cancelled ones. A monthly day is taken from the rule in force on its nominal date.
    """
    regler = Utbetalningsregel.objects.filter(namnd=namnd, giltig_fran__lte=till).filter(
        _q_giltig_till(fran)
    )
    dagar: set[datetime.date] = set()
    for regel in regler:
        dagar |= _regeldagar(regel, fran, till)
    for undantag in Utbetalningsdag.objects.filter(namnd=namnd, datum__range=(fran, till)):
        if undantag.extra:
            dagar.add(undantag.datum)
        else:
            dagar.discard(undantag.datum)
    return sorted(dagar)


def _q_giltig_till(fran: datetime.date):
    # A monthly rule ending early in a month can still give a day moved back into `fran`'s
    # month; a margin of a week keeps it.
    return Q(giltig_till__isnull=True) | Q(giltig_till__gte=fran - datetime.timedelta(days=7))


# How far ahead a payment day is looked for before falling back to the next bank day.
_SOKHORISONT = datetime.timedelta(days=400)


def utbetalningsdag(*, namnd, beslutsdatum: datetime.date, akut: bool = False) -> datetime.date:
    """The day money decided on `beslutsdatum` is paid out.

    docs/regler.md: Utbetalningskalender. An akut decision (nödprövning) is paid the same
    day, by same-day transfer or the nämnd's alternative for those without an account.
    Otherwise the nämnd's first payment day on or after the decision date. A nämnd without a
    calendar (or none within the horizon) pays on the next bank day, so no decision is ever
    left without a date.
    """
    if akut:
        return beslutsdatum
    dagar = utbetalningsdagar(namnd=namnd, fran=beslutsdatum, till=beslutsdatum + _SOKHORISONT)
    if dagar:
        return dagar[0]
    return nasta_arbetsdag(beslutsdatum)
