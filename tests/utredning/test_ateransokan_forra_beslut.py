"""The utredning page of an återansökan shows last month's decision beside this month's
förslag (docs/regler.md: Utredning)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from beslut.models import Beslut
from tests.utredning.conftest import forra_manaden_beslutad, hushall_med_barn
from utredning import services

pytestmark = pytest.mark.django_db


def test_last_months_decision_is_shown_on_this_months_utredning(
    client, enhet, handlaggare, nytt_personnummer, registrera
):
    akt = hushall_med_barn(enhet, handlaggare, nytt_personnummer)
    with time_machine.travel(dt.datetime(2026, 10, 3, 9, tzinfo=dt.UTC), tick=False):
        forra, _ = forra_manaden_beslutad(akt, handlaggare, registrera, dt.date(2026, 10, 2))
    with time_machine.travel(dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC), tick=False):
        ansokan = registrera(akt, typ="ateransokan", mottagen=dt.date(2026, 11, 3))
        services.utredning_oppna(ansokan=ansokan, av=handlaggare)
        client.force_login(handlaggare)
        html = client.get(f"/ansokningar/{ansokan.pk}/utredning/").content.decode()
    assert f"Förra månadens beslut ({forra.referens})" in html
    fors = Beslut.objects.get(post__ansokan=forra, post__posttyp__kod="forsorjningsstod")
    assert f"{fors.belopp} kr" in html
