"""The nämnd's payment calendar (docs/regler.md: Utbetalningskalender)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from bistand.kalender import utbetalningsdag, utbetalningsdagar
from bistand.models import Flytt, Utbetalningsdag, Utbetalningsregel, Veckodag


@pytest.fixture
def kalender(namnd):
    """The 25th moved to the previous bank day, plus Tuesdays from 2027, one extra and one
    cancelled day."""
    Utbetalningsregel.objects.create(
        namnd=namnd, manadsdag=25, flytt=Flytt.FOREGAENDE, giltig_fran=dt.date(2020, 1, 1)
    )
    Utbetalningsregel.objects.create(
        namnd=namnd, veckodag=Veckodag.TISDAG, giltig_fran=dt.date(2027, 1, 1)
    )
    Utbetalningsdag.objects.create(namnd=namnd, datum=dt.date(2026, 12, 22), extra=True)
    Utbetalningsdag.objects.create(namnd=namnd, datum=dt.date(2027, 1, 26), extra=False)
    return namnd


@pytest.mark.parametrize(
    ("beslutsdatum", "akut", "dag"),
    [
        # An ordinary decision waits for the 25th (Wednesday 2026-11-25).
        (dt.date(2026, 11, 2), False, dt.date(2026, 11, 25)),
        # Decided on the payment day itself: paid that day.
        (dt.date(2026, 11, 25), False, dt.date(2026, 11, 25)),
        # After the 25th: the extra day before Christmas.
        (dt.date(2026, 11, 26), False, dt.date(2026, 12, 22)),
        # 2026-12-25 is juldagen: the rule's day moves back to 2026-12-23, after the extra day.
        (dt.date(2026, 12, 23), False, dt.date(2026, 12, 23)),
        # 2027-01-24/25... weekly Tuesdays from 2027: 2027-01-05 is the first.
        (dt.date(2026, 12, 24), False, dt.date(2027, 1, 5)),
        # 2027-01-25 is a Monday (rule day); decided Sunday 2027-01-24 → Monday.
        (dt.date(2027, 1, 24), False, dt.date(2027, 1, 25)),
        # The Tuesday 2027-01-26 is cancelled: next Tuesday 2027-02-02.
        (dt.date(2027, 1, 26), False, dt.date(2027, 2, 2)),
        # 2026-04-25 is a Saturday: moved back to Friday 2026-04-24.
        (dt.date(2026, 4, 20), False, dt.date(2026, 4, 24)),
        # Decided on Saturday the 25th after the moved day: next month's 25th (Monday).
        (dt.date(2026, 4, 25), False, dt.date(2026, 5, 25)),
        # Akut: the same day, even a Saturday.
        (dt.date(2026, 4, 25), True, dt.date(2026, 4, 25)),
        (dt.date(2026, 11, 2), True, dt.date(2026, 11, 2)),
    ],
)
def test_the_payment_day_is_the_first_on_or_after_the_decision(kalender, beslutsdatum, akut, dag):
    assert utbetalningsdag(namnd=kalender, beslutsdatum=beslutsdatum, akut=akut) == dag


def test_a_day_of_month_past_the_month_end_uses_the_last_day_moved_forward_if_asked(namnd):
    Utbetalningsregel.objects.create(
        namnd=namnd, manadsdag=31, flytt=Flytt.NASTA, giltig_fran=dt.date(2026, 1, 1)
    )
    # Saturday 31 January 2026 → Monday 2 February; February ends on Saturday the 28th →
    # Monday 2 March.
    assert utbetalningsdagar(namnd=namnd, fran=dt.date(2026, 2, 1), till=dt.date(2026, 3, 3)) == [
        dt.date(2026, 2, 2),
        dt.date(2026, 3, 2),
    ]


def test_a_rule_applies_only_within_its_dates(namnd):
    Utbetalningsregel.objects.create(
        namnd=namnd,
        manadsdag=25,
        giltig_fran=dt.date(2026, 1, 1),
        giltig_till=dt.date(2026, 6, 30),
    )
    Utbetalningsregel.objects.create(namnd=namnd, manadsdag=20, giltig_fran=dt.date(2026, 7, 1))
    assert utbetalningsdag(namnd=namnd, beslutsdatum=dt.date(2026, 6, 26)) == dt.date(2026, 7, 20)
    assert utbetalningsdag(namnd=namnd, beslutsdatum=dt.date(2026, 6, 1)) == dt.date(2026, 6, 25)


def test_a_namnd_without_a_calendar_pays_on_the_next_bank_day(namnd):
    assert utbetalningsdag(namnd=namnd, beslutsdatum=dt.date(2026, 12, 24)) == dt.date(2026, 12, 28)


def test_another_namnds_calendar_does_not_count(namnd, kalender):
    from bistand.models import Namnd

    annan = Namnd.objects.create(namn="Annan nämnd", kommun="Annanstad")
    assert utbetalningsdag(namnd=annan, beslutsdatum=dt.date(2026, 11, 2)) == dt.date(2026, 11, 2)


def test_an_extra_payment_day_must_be_a_bank_day(namnd):
    dag = Utbetalningsdag(namnd=namnd, datum=dt.date(2026, 12, 24), extra=True)
    with pytest.raises(ValidationError) as fel:
        dag.full_clean()
    assert "bankdag" in str(fel.value)


def test_a_rule_has_either_a_day_of_month_or_a_weekday(namnd):
    regel = Utbetalningsregel(
        namnd=namnd, manadsdag=25, veckodag=Veckodag.MANDAG, giltig_fran=dt.date(2026, 1, 1)
    )
    with pytest.raises(ValidationError):
        regel.full_clean()


def test_the_admin_edits_the_payment_calendar(client, administrator, namnd):
    client.force_login(administrator)
    svar = client.post(
        "/admin/bistand/utbetalningsregel/add/",
        {
            "namnd": namnd.pk,
            "manadsdag": "25",
            "veckodag": "",
            "flytt": "foregaende",
            "giltig_fran": "2026-01-01",
            "giltig_till": "",
            "beskrivning": "Ordinarie utbetalning",
        },
    )
    assert svar.status_code == 302, svar.content.decode()[:2000]
    assert utbetalningsdag(namnd=namnd, beslutsdatum=dt.date(2026, 11, 2)) == dt.date(2026, 11, 25)
