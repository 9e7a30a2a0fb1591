"""The working-day calendar and lag (1930:173)."""

from __future__ import annotations

import datetime as dt

import pytest

from bistand.kalender import (
    ar_arbetsdag,
    arbetsdagar_mellan,
    lagg_till_arbetsdagar,
    lagstadgad_frist,
)


@pytest.mark.parametrize(
    ("dag", "arbetsdag"),
    [
        (dt.date(2026, 6, 19), False),  # midsommarafton
        (dt.date(2026, 12, 24), False),  # julafton
        (dt.date(2026, 12, 31), False),  # nyårsafton
        (dt.date(2026, 6, 6), False),  # nationaldagen (a Saturday)
        (dt.date(2026, 1, 6), False),  # trettondedag jul
        (dt.date(2026, 11, 28), False),  # Saturday
        (dt.date(2026, 11, 29), False),  # Sunday
        (dt.date(2026, 11, 24), True),  # an ordinary Tuesday
        (dt.date(2026, 12, 23), True),
    ],
)
def test_working_days_exclude_weekends_holidays_and_the_three_eves(dag, arbetsdag):
    assert ar_arbetsdag(dag) is arbetsdag


@pytest.mark.parametrize(
    ("slut", "frist"),
    [
        (dt.date(2026, 6, 19), dt.date(2026, 6, 22)),  # midsommarafton → Monday
        (dt.date(2026, 12, 24), dt.date(2026, 12, 28)),  # julafton → after the holidays
        (dt.date(2026, 12, 31), dt.date(2027, 1, 4)),  # nyårsafton → after New Year and weekend
        (dt.date(2026, 11, 28), dt.date(2026, 11, 30)),  # Saturday → Monday
        (dt.date(2026, 11, 25), dt.date(2026, 11, 25)),  # a working day stays
    ],
)
def test_a_time_limit_ending_on_a_day_off_moves_to_the_next_working_day(slut, frist):
    assert lagstadgad_frist(slut) == frist


def test_ten_working_days_skip_christmas():
    assert lagg_till_arbetsdagar(dt.date(2026, 12, 18), 10) == dt.date(2027, 1, 8)


def test_working_days_between_two_dates_count_only_working_days():
    assert arbetsdagar_mellan(dt.date(2026, 12, 23), dt.date(2026, 12, 28)) == 1
    assert arbetsdagar_mellan(dt.date(2026, 12, 28), dt.date(2026, 12, 23)) == 0
