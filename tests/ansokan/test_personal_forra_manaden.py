"""The staff page of an återansökan marks what the applicant declared differently from last
month (docs/regler.md: Utredning)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.utredning.conftest import registrera  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_an_ateransokan_marks_what_changed_since_last_month(client, akt, handlaggare, registrera):  # noqa: F811
    with time_machine.travel(dt.datetime(2026, 10, 3, 9, tzinfo=dt.UTC), tick=False):
        registrera(
            akt,
            mottagen=dt.date(2026, 10, 2),
            uppgifter={"ekonomi": {"hyra": "7000", "lon": "5000"}},
        )
    with time_machine.travel(dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC), tick=False):
        ansokan = registrera(
            akt,
            typ="ateransokan",
            mottagen=dt.date(2026, 11, 3),
            uppgifter={"ekonomi": {"hyra": "7000", "lon": "6200"}},
        )
    client.force_login(handlaggare)
    html = client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    assert html.count("Ändrat sedan förra månaden") == 1
    assert "(då: 5" in html


def test_a_new_application_marks_nothing(client, akt, handlaggare, registrera):  # noqa: F811
    ansokan = registrera(akt, uppgifter={"ekonomi": {"hyra": "7000", "lon": "5000"}})
    client.force_login(handlaggare)
    html = client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    assert "Hyra" in html or "hyra" in html
    assert "Ändrat sedan förra månaden" not in html
