"""The working-day calendar.

Non-working days are Saturdays, Sundays and the Swedish public holidays, with midsommarafton,
julafton and nyårsafton counted as holidays too (`holidays` SE, categories public and de_facto),
as lag (1930:173) om beräkning av lagstadgad tid 2 § lists them.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

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
