"""Small, pure rules of beslut, each with its source (STYLE.md §8). Figures come from dated
Parameters read by the callers, never literals."""

from __future__ import annotations

import calendar
import datetime

from bistand.kalender import lagstadgad_frist


def besvarstid_slut(delgiven: datetime.date, dagar: int) -> datetime.date:
    """FL 44 §: an appeal must have come in within three weeks from the day the applicant took
    part of the decision. Lag (1930:173) 2 §: a last day on a Saturday, Sunday, holiday,
    midsommarafton, julafton or nyårsafton moves to the next working day."""
    return lagstadgad_frist(delgiven + datetime.timedelta(days=dagar))


def ar_rattidig(*, delgiven: datetime.date, inkommen: datetime.date, dagar: int) -> bool:
    """FL 45 §: the authority checks that the appeal came in on time (the last day included)."""
    return inkommen <= besvarstid_slut(delgiven, dagar)


def delgivningsdag(
    *, skickad: datetime.date, oppnad: datetime.date | None, dagar: int
) -> datetime.date:
    """Issue 7, point 5: the applicant took part of the decision on the earlier of the day it
    was opened in the e-tjänst and the letter's presumed delivery (`dagar` after sending)."""
    presumerad = skickad + datetime.timedelta(days=dagar)
    return min(oppnad, presumerad) if oppnad else presumerad


def overlamnande_senast(inkommen: datetime.date, dagar: int) -> datetime.date:
    """FL 46 § and JO: forward the appeal without delay, normally within a week of arrival;
    an end on a non-working day moves to the next working day (lag 1930:173)."""
    return lagstadgad_frist(inkommen + datetime.timedelta(days=dagar))


def lagg_till_manader(dag: datetime.date, manader: int) -> datetime.date:
    """Calendar months; the 31st becomes the month's last day when it has none."""
    index = dag.month - 1 + manader
    ar, manad = dag.year + index // 12, index % 12 + 1
    return dag.replace(year=ar, month=manad, day=min(dag.day, calendar.monthrange(ar, manad)[1]))


def avsteg_giltigt_till(godkant: datetime.date, manader: int) -> datetime.date:
    """Seed 001 (Norrköping): an avsteg is valid at most six months from the samråd approval;
    the last valid day is the day before the same date `manader` months later."""
    return lagg_till_manader(godkant, manader) - datetime.timedelta(days=1)
