""" "Gör som förra månaden" carries last month's controls over only while they are still valid:
each kind of control has a validity in months, and a kind valid 0 months (the monthly income and
account checks) is done again every month (docs/regler.md: Bakgrund)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from bistand.models import Handelse
from tests.utredning.conftest import forra_manaden_beslutad, hushall_med_barn
from utredning import services
from utredning.demo import KONTROLL_GILTIGHET_EXEMPEL, KONTROLLER_EXEMPEL
from utredning.models import Kontroll, KontrollMall, KontrollStatus, Utredning

pytestmark = pytest.mark.django_db


def test_a_control_valid_three_months_is_carried_over_and_a_monthly_one_is_not(
    client, enhet, handlaggare, nytt_personnummer, registrera
):
    for typ in ("nyansokan", "ateransokan"):
        KontrollMall.objects.create(ansokningstyp=typ, namn="Kontoutdrag", giltighet_manader=0)
        KontrollMall.objects.create(ansokningstyp=typ, namn="Hyreskontrakt", giltighet_manader=1)
    KontrollMall.objects.filter(namn="Läkarintyg vid sjukskrivning").update(giltighet_manader=3)
    akt = hushall_med_barn(enhet, handlaggare, nytt_personnummer)
    with time_machine.travel(dt.datetime(2026, 10, 3, 9, tzinfo=dt.UTC), tick=False):
        forra, _ = forra_manaden_beslutad(akt, handlaggare, registrera, dt.date(2026, 10, 2))
        forra_u = Utredning.objects.get(ansokan=forra)
        services.kontroller_spara(
            utredning=forra_u,
            av=handlaggare,
            rader=[{"kontroll": k, "status": k.status} for k in forra_u.kontroller.all()],
            alla_gjorda=True,
            idag=dt.date(2026, 10, 2),
        )
    with time_machine.travel(dt.datetime(2026, 11, 4, 9, tzinfo=dt.UTC), tick=False):
        ansokan = registrera(akt, typ="ateransokan", mottagen=dt.date(2026, 11, 3))
        client.force_login(handlaggare)
        svar = client.post(f"/ansokningar/{ansokan.pk}/utredning/som-forra-manaden/", follow=True)
        assert svar.status_code == 200
        html = svar.content.decode()

    kontroller = {k.namn: k for k in Kontroll.objects.filter(utredning__ansokan=ansokan)}
    lakarintyg = kontroller["Läkarintyg vid sjukskrivning"]
    assert lakarintyg.status == KontrollStatus.GJORD
    assert lakarintyg.overford
    assert lakarintyg.datum == dt.date(2026, 10, 2)
    for namn in ("Kontoutdrag", "Hyreskontrakt"):  # valid 0 months, and 1 month run out
        assert kontroller[namn].status == KontrollStatus.EJ_GJORD
        assert not kontroller[namn].overford
    assert "Gäller från förra månaden (kontrollerad 2026-10-02)" in html
    handelse = Handelse.objects.get(typ_id="utredning.som_forra_manaden", ansokan_id=ansokan.pk)
    # Exempelkommun's lasting controls of the återansökan list, done last month, carry too.
    varaktiga = [
        kontroller[namn]
        for namn in (
            "Identitet",
            "Boende och vistelse (hyreskontrakt eller inneboendeavtal)",
            "Folkbokföring",
        )
    ]
    assert all(k.overford and k.datum == dt.date(2026, 10, 2) for k in varaktiga)
    assert sorted(handelse.data["kontroller_overforda"]) == sorted(
        [lakarintyg.pk, *(k.pk for k in varaktiga)]
    )


def test_the_example_checklists_keep_identity_and_housing_a_year_and_income_never():
    giltighet = {(m.ansokningstyp, m.namn): m.giltighet_manader for m in KontrollMall.objects.all()}
    assert giltighet[("nyansokan", "Identitet")] == 12
    assert (
        giltighet[("nyansokan", "Boende och vistelse (hyreskontrakt eller inneboendeavtal)")] == 12
    )
    assert giltighet[("nyansokan", "Folkbokföring")] == 6
    assert giltighet[("nyansokan", "Inkomstuppgifter")] == 0
    assert giltighet[("nyansokan", "Kontoutdrag senaste 3 månaderna från samtliga konton")] == 0
    assert giltighet[("ateransokan", "Identitet")] == 12
    assert giltighet[("ateransokan", "Kontoutdrag från samtliga konton en månad tillbaka")] == 0
    assert giltighet[("ateransokan", "Närvarolistor från arbetsmarknadsenhetens verksamheter")] == 0
    namn = {n for lista in KONTROLLER_EXEMPEL.values() for n in lista}
    assert set(KONTROLL_GILTIGHET_EXEMPEL) <= namn
