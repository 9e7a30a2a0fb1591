"""A chosen period on the quality pages: a year, a quarter, a month or from–to dates, for the
domar, likvärdighet, the unit's lists and the kvalitetsrapport (docs/regler.md:
Kvalitetsarbete och statistik)."""

from __future__ import annotations

import datetime

import pytest
from django import forms

from beslut.models import Overklagande
from kvalitet.perioder import tolka
from tests.kvalitet.test_analys import _dom

pytestmark = pytest.mark.django_db
IDAG = datetime.date.today()  # noqa: DTZ011


@pytest.mark.parametrize(
    ("text", "fran", "till", "namn"),
    [
        ("2026", (2026, 1, 1), (2026, 12, 31), "2026"),
        ("2026-K2", (2026, 4, 1), (2026, 6, 30), "kvartal 2 2026"),
        ("2026-q4", (2026, 10, 1), (2026, 12, 31), "kvartal 4 2026"),
        ("2026-02", (2026, 2, 1), (2026, 2, 28), "februari 2026"),
        (" 2024-2 ", (2024, 2, 1), (2024, 2, 29), "februari 2024"),
    ],
)
def test_a_named_period_is_a_year_a_quarter_or_a_month(text, fran, till, namn):
    p = tolka(text)
    assert (p.fran, p.till, p.text) == (datetime.date(*fran), datetime.date(*till), namn)


@pytest.mark.parametrize("text", ["2026-13", "2026-K5", "december", "26", "2026-00"])
def test_a_bad_period_gets_a_plain_swedish_message(text):
    with pytest.raises(forms.ValidationError, match="Skriv perioden som"):
        tolka(text)


def _domar_i_tva_kvartal(fatta, akt, handlaggare, ar=None):
    """One changed ruling in the first quarter, one unchanged in the third, this year (or
    `ar`)."""
    ar = ar or IDAG.year
    for dom, dag in (("bifall", datetime.date(ar, 2, 10)), ("avslag", datetime.date(ar, 8, 20))):
        o = _dom(fatta(akt, handlaggare, utfall="avslag"), handlaggare, dom)
        Overklagande.objects.filter(pk=o.pk).update(dom_datum=dag)
    return ar


def test_domar_are_shown_for_a_quarter_a_month_or_dates(
    client, fatta, akt, handlaggare, enhetschef
):
    ar = _domar_i_tva_kvartal(fatta, akt, handlaggare)
    client.force_login(enhetschef)
    helt = client.get("/kvalitet/domar/").content.decode()
    assert "<td>2</td><td>1</td><td>50,0 %</td>" in helt
    k1 = client.get("/kvalitet/domar/", {"period": f"{ar}-K1"}).content.decode()
    assert f"Domar mot riktlinjerna kvartal 1 {ar}" in k1
    assert "<td>1</td><td>1</td><td>100,0 %</td>" in k1
    aug = client.get("/kvalitet/domar/", {"period": f"{ar}-08"}).content.decode()
    assert "<td>1</td><td>0</td><td>0,0 %</td>" in aug
    datum = client.get("/kvalitet/domar/", {"fran": f"{ar}-08-01", "till": f"{ar}-08-31"})
    assert f"{ar}-08-01 – {ar}-08-31" in datum.content.decode()
    fel = client.get("/kvalitet/domar/", {"period": "hösten"}).content.decode()
    assert "Skriv perioden som" in fel and 'value="hösten"' in fel  # kept beside the field


def test_a_list_is_filtered_by_a_named_period(client, fatta, akt, handlaggare, enhetschef):
    ar = _domar_i_tva_kvartal(fatta, akt, handlaggare)
    Overklagande.objects.filter(dom_datum__month=2).update(inkommen=datetime.date(ar, 1, 20))
    Overklagande.objects.filter(dom_datum__month=8).update(inkommen=datetime.date(ar, 7, 5))
    client.force_login(enhetschef)
    url = "/kvalitet/listor/overklaganden/"
    assert client.get(url).content.decode().count("Avgjord av domstol") == 2
    k3 = client.get(url, {"period": f"{ar}-K3"}).content.decode()
    assert k3.count("Avgjord av domstol") == 1 and f"{ar}-07-05" in k3
    csv = client.get(url, {"period": f"{ar}-01", "format": "csv"}).content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == 2


def test_the_kvalitetsrapport_covers_a_quarter_of_its_year(
    client, fatta, akt, handlaggare, enhetschef
):
    # Last year's report: both rulings are past whatever the date (this year's in January
    # would hold an August still to come).
    ar = _domar_i_tva_kvartal(fatta, akt, handlaggare, ar=IDAG.year - 1)
    client.force_login(enhetschef)
    hela = client.get(f"/kvalitet/rapport/{ar}/").content.decode()
    assert "2, varav 1" in hela
    k1 = client.get(f"/kvalitet/rapport/{ar}/", {"period": f"{ar}-K1"}).content.decode()
    assert f"kvartal 1 {ar}" in k1 and f"Perioden {ar}-01-01–{ar}-03-31" in k1
    assert "1, varav 1" in k1
    assert f"/kvalitet/rapport/{ar}.pdf?period={ar}-K1" in k1
    utanfor = client.get(f"/kvalitet/rapport/{ar}/", {"period": f"{ar - 1}-K1"}).content.decode()
    assert f"Välj en period inom {ar}" in utanfor and "2, varav 1" in utanfor
