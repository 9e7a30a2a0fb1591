"""The learning page per period, its CSV export and the annual figures for the
kvalitetsrapport (docs/regler.md: Synpunkter)."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from synpunkter import services
from synpunkter.models import Omrade
from synpunkter.selectors import synpunkter_arsstatistik

pytestmark = pytest.mark.django_db


@pytest.fixture
def underlag(registrera, enhet, annan_enhet, enhetschef, annan_enhetschef, akt):
    bemotande = Omrade.objects.get(kod="bemotande")
    tillganglighet = Omrade.objects.get(kod="tillganglighet")
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False):
        a = registrera(
            enhet=enhet,
            omraden=[bemotande],
            vill_ha_svar=True,
            svarssatt="brev",
            adress="Storgatan 1",
        )
        b = registrera(
            enhet=enhet, kanal="telefon", fragan_stalld=True, omraden=[bemotande, tillganglighet]
        )
        registrera(enhet=annan_enhet, slag="berom", kanal="epost", omraden=[tillganglighet])
    # Receipt after 1 working day (Tuesday), answer after 4 (Friday).
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, tzinfo=datetime.UTC), tick=False):
        services.synpunkt_kvittera(synpunkt=a, av=enhetschef)
        services.synpunkt_kvittera(synpunkt=b, av=enhetschef)
    with time_machine.travel(datetime.datetime(2026, 3, 6, 9, tzinfo=datetime.UTC), tick=False):
        services.synpunkt_aterkoppla(synpunkt=a, av=enhetschef, satt="brev", text="Svar.")
    # Another year: not counted.
    registrera(enhet=enhet, inkom=datetime.date(2025, 12, 30))


def test_the_annual_figures_count_and_share_by_area_kind_channel_and_enhet(
    underlag, enhet, annan_enhet
):
    d = synpunkter_arsstatistik(ar=2026, enheter=[enhet, annan_enhet])
    assert d["antal"] == 3
    assert ("Klagomål", 2, 66.7) in d["per_slag"] and ("Beröm", 1, 33.3) in d["per_slag"]
    assert d["per_omrade"][0] == ("Tillgänglighet", 2, 66.7) or d["per_omrade"][0] == (
        "Bemötande",
        2,
        66.7,
    )
    assert ("Telefon", 1, 33.3) in d["per_kanal"] and ("Förslag", 0, 0.0) in d["per_slag"]
    assert ("Enhet Norr", 2, 66.7) in d["per_enhet"]
    assert d["kvittens_median_arbetsdagar"] == 1.0 and d["kvitterade_i_tid_andel"] == 100.0
    assert d["svar_median_arbetsdagar"] == 4.0 and d["besvarade_i_tid_andel"] == 100.0
    assert synpunkter_arsstatistik(ar=2026, enheter=[annan_enhet])["antal"] == 1


def test_the_enhetschef_sees_charts_with_tables_for_her_unit_only(client, underlag, enhetschef):
    client.force_login(enhetschef)
    svar = client.get("/synpunkter/larande/?fran=2026-01-01&till=2026-12-31")
    html = svar.content.decode()
    assert svar.status_code == 200
    assert html.count('<svg class="diagram"') == 4
    assert "Synpunkter per område: antal och andel" in html
    assert "Enhet Söder" not in html
    assert "<dd>2</dd>" in html


def test_a_bad_period_is_explained_beside_the_field(client, underlag, enhetschef):
    client.force_login(enhetschef)
    svar = client.get("/synpunkter/larande/?fran=2026-12-31&till=2026-01-01")
    assert svar.status_code == 200
    assert "Slutdatum kan inte vara före startdatum." in svar.content.decode()


def test_the_csv_export_has_one_row_per_synpunkt_and_no_personal_data(client, underlag, kvalitet):
    client.force_login(kvalitet)
    svar = client.get("/synpunkter/larande.csv?fran=2026-01-01&till=2026-12-31")
    text = svar.content.decode("utf-8-sig")
    rader = text.strip().splitlines()
    assert svar["Content-Type"].startswith("text/csv")
    assert len(rader) == 4 and rader[0].startswith("Nummer;Inkom;Slag")
    assert "Storgatan" not in text and "Sven" not in text


def test_a_handlaggare_does_not_reach_the_learning_page(client, handlaggare):
    client.force_login(handlaggare)
    assert client.get("/synpunkter/larande/").status_code == 404
    assert client.get("/synpunkter/larande.csv").status_code == 404
