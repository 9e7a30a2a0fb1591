"""The figures and riktlinjer in the project's admin, for the Administratör (docs/regler.md:
Beräkning, p. 3–4)."""

from __future__ import annotations

import datetime

import pytest

from utredning.models import Boendeniva, Riksnorm, Riktlinje

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "sida",
    [
        "/admin/utredning/riksnorm/",
        "/admin/utredning/riksnormbelopp/?verifierad__exact=0",
        "/admin/utredning/boendeniva/",
        "/admin/utredning/riktlinje/",
        "/admin/utredning/riksnorm/add/",
        "/admin/utredning/boendeniva/add/",
        "/admin/utredning/riktlinje/add/",
        "/admin/bistand/parameter/?kod=prisbasbelopp",
    ],
)
def test_the_administrator_maintains_the_figures(client, administrator, sida):
    client.force_login(administrator)
    assert client.get(sida).status_code == 200


def test_a_riksnorm_year_shows_every_amount_with_source_and_flag(client, administrator):
    client.force_login(administrator)
    riksnorm = Riksnorm.objects.get(giltig_fran=datetime.date(2026, 1, 1))
    html = client.get(f"/admin/utredning/riksnorm/{riksnorm.pk}/change/").content.decode()
    assert "SFS 2025:1046" in html
    assert html.count('name="belopp-') >= 21 * 4  # post, belopp, verifierad, kalla per row


def test_the_list_counts_unverified_amounts(client, administrator):
    client.force_login(administrator)
    svar = client.get("/admin/utredning/riksnorm/")
    rader = {r.benamning: r._overifierade for r in svar.context["cl"].result_list}
    assert rader["Riksnorm 2021"] == 0
    assert rader["Riksnorm 2026"] == 0
    assert rader["Riksnorm 2024"] == 21


def test_a_handlaggare_cannot_edit_the_figures(client, handlaggare):
    client.force_login(handlaggare)
    assert client.get("/admin/utredning/riksnorm/").status_code == 302


def test_housing_levels_are_dated_per_household_type(client, administrator):
    client.force_login(administrator)
    svar = client.post(
        "/admin/utredning/boendeniva/add/",
        {
            "hushallstyp": "vuxen_1",
            "giltig_fran": "2026-01-01",
            "belopp": "6500",
            "kalla": "Socialnämnden § 3/2026",
            "verifierad": "on",
        },
    )
    assert svar.status_code == 302
    assert Boendeniva.objects.get().belopp == 6500


def test_the_admin_action_makes_a_new_version(client, administrator):
    dokument = Riktlinje.objects.create(
        kod="eb",
        titel="Riktlinjer",
        version="1",
        antagen=datetime.date(2025, 1, 1),
        giltig_fran=datetime.date(2025, 1, 1),
    )
    dokument.avsnitt.create(nummer="1", titel="Inledning", text="Text")
    client.force_login(administrator)
    url = "/admin/utredning/riktlinje/"
    svar = client.post(url, {"action": "ny_version", "_selected_action": [dokument.pk]})
    assert svar.status_code == 200
    assert "Skapa version" in svar.content.decode()
    svar = client.post(
        url,
        {
            "action": "ny_version",
            "_selected_action": [dokument.pk],
            "spara_version": "1",
            "version": "2",
            "antagen": "2025-11-01",
            "giltig_fran": "2026-01-01",
        },
    )
    ny = Riktlinje.objects.get(version="2")
    assert svar.status_code == 302
    assert svar["Location"] == f"/admin/utredning/riktlinje/{ny.pk}/change/"
    assert ny.avsnitt.get().titel == "Inledning"
