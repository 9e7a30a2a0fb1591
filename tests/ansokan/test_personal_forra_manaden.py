"""The staff page of an återansökan marks what the applicant declared differently from last
month (docs/regler.md: Utredning)."""

from __future__ import annotations

import datetime as dt

import pytest

from ansokan import steg
from tests.utredning.conftest import (
    ateransokan_med_uppgifter,
    registrera,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


def test_an_ateransokan_marks_what_changed_since_last_month(client, akt, handlaggare, registrera):  # noqa: F811
    ansokan = ateransokan_med_uppgifter(
        akt,
        registrera,
        {"ekonomi": {"hyra": "7000", "lon": "5000"}},
        {"ekonomi": {"hyra": "7000", "lon": "6200"}},
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


def _manad_for_manad(akt, registrera, forra_barn, barn):  # noqa: F811
    """Last month's nyansökan and this month's återansökan with these children."""
    return ateransokan_med_uppgifter(
        akt, registrera, {"hushall": {"barn": forra_barn}}, {"hushall": {"barn": barn}}
    )


def _hushallet(ansokan):
    return next(d for d in steg.uppgifter_mot_forra_manaden(ansokan) if d["kod"] == "hushall")


def test_children_are_matched_by_personnummer_not_by_name_or_place(
    client,
    akt,
    handlaggare,
    registrera,  # noqa: F811
    nytt_personnummer,
):
    alva, olle, nya_olle = (nytt_personnummer(dt.date(2016, 3, d)) for d in (1, 2, 3))
    ansokan = _manad_for_manad(
        akt,
        registrera,
        [
            {"fornamn": "Alva", "personnummer": alva, "boende": "bor"},
            {"fornamn": "Olle", "personnummer": olle, "boende": "bor"},
        ],
        [
            {"fornamn": "Olle", "personnummer": olle, "boende": "bor"},
            {"fornamn": "Alvah", "personnummer": alva, "boende": "bor"},
            {"fornamn": "Olle", "personnummer": nya_olle, "boende": "umgange", "umgangesdagar": 4},
        ],
    )
    rader = {
        v.split(",")[1].strip(): (andrad, forra)
        for _, v, andrad, forra in _hushallet(ansokan)["rader"]
    }
    assert rader[olle] == (False, f"Olle, {olle}, bor hos mig")
    assert rader[alva] == (True, f"Alva, {alva}, bor hos mig")
    assert rader[nya_olle] == (True, None)
    assert _hushallet(ansokan)["borttagna"] == []
    client.force_login(handlaggare)
    html = client.get(f"/ansokningar/{ansokan.pk}/").content.decode()
    assert html.count("Ändrat sedan förra månaden") == 2
    assert f"(då: Alva, {alva}" in html


def test_a_child_who_left_is_named_even_when_a_sibling_has_the_same_name(
    akt,
    registrera,  # noqa: F811
    nytt_personnummer,
):
    olle, andra_olle = (nytt_personnummer(dt.date(2016, 3, d)) for d in (1, 2))
    ansokan = _manad_for_manad(
        akt,
        registrera,
        [
            {"fornamn": "Olle", "personnummer": olle, "boende": "bor"},
            {"fornamn": "Olle", "personnummer": andra_olle, "boende": "bor"},
        ],
        [{"fornamn": "Olle", "personnummer": andra_olle, "boende": "bor"}],
    )
    hushallet = _hushallet(ansokan)
    assert [andrad for *_, andrad, _ in hushallet["rader"]] == [False]
    assert hushallet["borttagna"] == [("Barn 1", f"Olle, {olle}, bor hos mig")]
