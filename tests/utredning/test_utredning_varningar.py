"""Warnings on an återansökan when something changed since last month (docs/regler.md: Utredning),
one test per kind, and the handläggare's acknowledgement."""

from __future__ import annotations

import datetime as dt

import pytest

from utredning import services
from utredning.models import Boendeniva, Varning

pytestmark = pytest.mark.django_db


def _par(akt, registrera, handlaggare, forra: dict, nu: dict):
    registrera(akt, uppgifter=forra, mottagen=dt.date(2026, 10, 2))
    ansokan = registrera(akt, typ="ateransokan", uppgifter=nu, mottagen=dt.date(2026, 11, 2))
    utredning = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    return {(v.typ, v.nyckel) for v in Varning.objects.filter(utredning=utredning)}


@pytest.mark.parametrize(
    ("forra", "nu", "vantad"),
    [
        ({"ekonomi": {"lon": "0"}}, {"ekonomi": {"lon": "4500"}}, ("ny_inkomst", "lon")),
        (
            {"ekonomi": {"ersattning": "6000"}},
            {"ekonomi": {"ersattning": ""}},
            ("bortfallen_inkomst", "ersattning"),
        ),
        (
            {"hushall": {"har_medsokande": False}},
            {"hushall": {"har_medsokande": True}},
            ("ny_medlem", "medsokande"),
        ),
        (
            {"hushall": {"barn": []}},
            {"hushall": {"barn": [{"fornamn": "Lova", "personnummer": ""}]}},
            ("ny_medlem", "barn:Lova"),
        ),
    ],
    ids=["ny inkomst", "bortfallen inkomst", "ny medsökande", "nytt barn"],
)
def test_each_change_since_last_month_gives_a_warning(
    akt, registrera, handlaggare, forra, nu, vantad
):
    assert vantad in _par(akt, registrera, handlaggare, forra, nu)


def test_a_rent_above_the_municipalitys_level_gives_a_warning(akt, registrera, handlaggare):
    Boendeniva.objects.create(
        hushallstyp="vuxen_1", giltig_fran=dt.date(2026, 1, 1), belopp=6500, kalla="Test"
    )
    varningar = _par(
        akt, registrera, handlaggare, {"ekonomi": {"hyra": "6000"}}, {"ekonomi": {"hyra": "8200"}}
    )
    assert ("hog_kostnad", "hyra") in varningar


def test_nothing_changed_gives_no_warning(akt, registrera, handlaggare):
    lika = {"ekonomi": {"lon": "4000"}, "hushall": {"har_medsokande": False}}
    assert _par(akt, registrera, handlaggare, lika, lika) == set()


def test_a_nyansokan_gets_no_change_warnings(akt, registrera, handlaggare):
    ansokan = registrera(akt, uppgifter={"ekonomi": {"lon": "5000"}})
    u = services.utredning_oppna(ansokan=ansokan, av=handlaggare)
    assert not u.varningar.exists()


def test_the_handlaggare_acknowledges_a_warning_on_the_page(client, akt, registrera, handlaggare):
    _par(akt, registrera, handlaggare, {"ekonomi": {"lon": "0"}}, {"ekonomi": {"lon": "4500"}})
    varning = Varning.objects.get()
    ansokan = varning.utredning.ansokan
    client.force_login(handlaggare)
    text = client.get(f"/ansokningar/{ansokan.pk}/utredning/").content.decode()
    assert "Ny inkomst: lön 4500 kr per månad." in text
    client.post(f"/ansokningar/{ansokan.pk}/utredning/varningar/{varning.pk}/kvittera/")
    varning.refresh_from_db()
    assert varning.kvitterad is not None and varning.kvitterad_av == handlaggare


def test_the_page_offers_to_compare_again_and_finds_a_later_change(
    client, akt, registrera, handlaggare
):
    _par(akt, registrera, handlaggare, {"ekonomi": {"lon": "0"}}, {"ekonomi": {"lon": "0"}})
    from utredning.models import Utredning

    utredning = Utredning.objects.get()
    ansokan = utredning.ansokan
    ansokan.uppgifter = {"ekonomi": {"lon": "3000"}}
    ansokan.save(update_fields=["uppgifter"])
    client.force_login(handlaggare)
    sida = client.get(f"/ansokningar/{ansokan.pk}/utredning/").content.decode()
    assert "Jämför med förra månaden igen" in sida
    client.post(f"/ansokningar/{ansokan.pk}/utredning/varningar/")
    assert utredning.varningar.filter(typ="ny_inkomst").exists()
