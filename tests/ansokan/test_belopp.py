"""Amounts in the e-tjänst are accepted as people write them (docs/regler.md "Handläggarens
arbete"); what cannot be read gets a Swedish message beside the field and the text stays."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ansokan.forms import belopp
from ansokan.models import Ansokan, Status

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
THIN = "\u2009"
NNBSP = "\u202f"

LASBARA = [
    ("9800", Decimal("9800")),
    ("9 800", Decimal("9800")),
    ("9 800 kr", Decimal("9800")),
    ("9800 kr", Decimal("9800")),
    ("9 800 kr.", Decimal("9800")),
    ("9 800:-", Decimal("9800")),
    ("9800,50", Decimal("9800.50")),
    ("9 800,50 kr", Decimal("9800.50")),
    ("9.800", Decimal("9800")),
    ("123.456", Decimal("123456")),
    ("9.800,50", Decimal("9800.50")),
    ("9800.50", Decimal("9800.50")),
    (f"9{NBSP}800", Decimal("9800")),
    (f"9{THIN}800{NBSP}kr", Decimal("9800")),
    (f"9{NNBSP}800,50", Decimal("9800.50")),
    ("  12 345  ", Decimal("12345")),
]

OLASBARA = ["mycket", "9 800 euro", "9,800,50", "9..800", "kr", "9 8o0", "1,2,3"]


def _utkast(klient) -> Ansokan:
    assert klient.post("/e-tjanst/ny/nyansokan/").status_code == 302
    return Ansokan.objects.filter(status=Status.UTKAST).order_by("-pk").first()


@pytest.mark.parametrize(("text", "vantat"), LASBARA)
def test_the_amount_field_reads_amounts_as_people_write_them(text, vantat):
    assert belopp("Hyra").clean(text) == vantat


@pytest.mark.parametrize("text", OLASBARA)
def test_the_amount_field_refuses_what_it_cannot_read_in_swedish(text):
    falt = belopp("Hyra")
    with pytest.raises(Exception) as fel:
        falt.clean(text)
    assert "Vi kan inte läsa beloppet" in str(fel.value)


@pytest.mark.parametrize(("text", "vantat"), LASBARA)
def test_the_economy_step_saves_amounts_written_as_people_write_them(sokande_klient, text, vantat):
    a = _utkast(sokande_klient)
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/ekonomi/", {"hyra": text, "lon": text}
    )
    assert svar.status_code == 302, svar.content.decode()[:2000]
    a.refresh_from_db()
    assert Decimal(a.uppgifter["ekonomi"]["hyra"]) == vantat
    assert Decimal(a.uppgifter["ekonomi"]["lon"]) == vantat


@pytest.mark.parametrize("text", OLASBARA)
def test_an_unreadable_amount_gets_a_message_beside_the_field_and_the_text_is_kept(
    sokande_klient, text
):
    a = _utkast(sokande_klient)
    svar = sokande_klient.post(
        f"/e-tjanst/ansokan/{a.pk}/steg/ekonomi/", {"hyra": text, "hemforsakring": "1 150"}
    )
    assert svar.status_code == 200
    html = svar.content.decode()
    assert "Vi kan inte läsa beloppet" in html
    assert f'value="{text}"' in html and 'value="1 150"' in html
    a.refresh_from_db()
    assert "ekonomi" not in a.uppgifter
