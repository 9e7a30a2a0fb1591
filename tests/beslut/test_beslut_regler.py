"""Table-driven tests of the deadline rules (FL 44–46 §§; lag 1930:173; docs/regler.md:
Bakgrund)."""

from __future__ import annotations

import datetime as dt

import pytest

from beslut import regler

D = dt.date


@pytest.mark.parametrize(
    ("delgiven", "sista"),
    [
        # An ordinary Monday: three weeks later is a Monday, the last day itself.
        (D(2026, 3, 2), D(2026, 3, 23)),
        # Ends on a Saturday → Monday.
        (D(2026, 2, 28), D(2026, 3, 23)),
        # Ends on a Sunday → Monday.
        (D(2026, 3, 1), D(2026, 3, 23)),
        # Ends on midsommarafton (Fri 19 June 2026) → Monday 22 June (Sat is midsommardagen).
        (D(2026, 5, 29), D(2026, 6, 22)),
        # Ends on julafton (Thu 24 Dec 2026) → Monday 28 Dec (25, 26, 27 are holidays/weekend).
        (D(2026, 12, 3), D(2026, 12, 28)),
        # Ends on nyårsafton (Thu 31 Dec 2026) → Monday 4 Jan 2027 (1 Jan, then weekend).
        (D(2026, 12, 10), D(2027, 1, 4)),
        # Ends on nationaldagen (Sat 6 June 2026) → Monday 8 June.
        (D(2026, 5, 16), D(2026, 6, 8)),
        # Ends on långfredagen (Fri 3 April 2026) → Tuesday 7 April (annandag påsk Monday).
        (D(2026, 3, 13), D(2026, 4, 7)),
    ],
)
def test_the_last_day_to_appeal_is_three_weeks_later_moved_past_holidays(delgiven, sista):
    assert regler.besvarstid_slut(delgiven, 21) == sista


@pytest.mark.parametrize(
    ("inkommen", "rattidig"),
    [
        (D(2026, 3, 22), True),  # a day early
        (D(2026, 3, 23), True),  # on the last day (the three-week edge)
        (D(2026, 3, 24), False),  # a day late
    ],
)
def test_an_appeal_on_the_last_day_is_on_time_and_the_day_after_is_late(inkommen, rattidig):
    assert regler.ar_rattidig(delgiven=D(2026, 3, 2), inkommen=inkommen, dagar=21) is rattidig


def test_an_appeal_the_monday_after_a_saturday_deadline_is_on_time():
    # Delgiven Sat 28 Feb → day 21 is Sat 21 March → moved to Monday 23 March.
    assert regler.ar_rattidig(delgiven=D(2026, 2, 28), inkommen=D(2026, 3, 23), dagar=21)
    assert not regler.ar_rattidig(delgiven=D(2026, 2, 28), inkommen=D(2026, 3, 24), dagar=21)


@pytest.mark.parametrize(
    ("skickad", "oppnad", "delgiven"),
    [
        (D(2026, 3, 2), None, D(2026, 3, 9)),  # presumed after seven days
        (D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 4)),  # opened earlier
        (D(2026, 3, 2), D(2026, 3, 20), D(2026, 3, 9)),  # opened later: presumption wins
    ],
)
def test_delgivning_is_the_earlier_of_opening_and_presumed_delivery(skickad, oppnad, delgiven):
    assert regler.delgivningsdag(skickad=skickad, oppnad=oppnad, dagar=7) == delgiven


@pytest.mark.parametrize(
    ("inkommen", "senast"),
    [
        (D(2026, 3, 2), D(2026, 3, 9)),  # Monday → Monday
        (D(2026, 6, 12), D(2026, 6, 22)),  # Fri → midsommarafton 19 June → Monday 22
        (D(2026, 12, 17), D(2026, 12, 28)),  # → julafton → Monday 28 Dec
        (D(2026, 12, 24), D(2027, 1, 4)),  # → nyårsafton → Monday 4 Jan
    ],
)
def test_an_appeal_must_be_forwarded_within_a_week_moved_past_holidays(inkommen, senast):
    assert regler.overlamnande_senast(inkommen, 7) == senast


@pytest.mark.parametrize(
    ("godkant", "till"),
    [
        (D(2026, 1, 15), D(2026, 7, 14)),
        (D(2026, 8, 31), D(2027, 2, 27)),  # 28 Feb is the "same" day; last valid day before it
    ],
)
def test_an_avsteg_is_valid_at_most_six_months(godkant, till):
    assert regler.avsteg_giltigt_till(godkant, 6) == till
