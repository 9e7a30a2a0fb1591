"""A row template writes every value as `{{ value }}` in a template would — escaped, localised,
safe HTML kept — and the rows of a list in order (docs/prestanda.md: Tabellrader)."""

from __future__ import annotations

import datetime

import pytest
from django.template import engines
from django.urls import reverse
from django.utils.safestring import mark_safe

from bistand.radmall import Radmall, lank

MALL = "bistand/_akt_rad.html"


def _varden(**andrat):
    return {
        "url": "/akter/7/",
        "aktnummer": "A-7",
        "sokande_namn": "Anna Ek",
        "antal_personer": 3,
        "enhet_cell": "",
        "handlaggare": "Kim Berg",
        **andrat,
    }


@pytest.mark.parametrize(
    "varde",
    [
        '<script>alert("x")</script> & co',
        mark_safe("<em>redan säker</em>"),
        datetime.date(2026, 11, 30),
        1234567,
        None,
    ],
)
def test_a_value_is_written_as_a_template_variable_would_write_it(varde):
    som_mall = engines["django"].from_string("{{ v }}").render({"v": varde})
    rad = Radmall(MALL).fyll(_varden(sokande_namn=varde))
    assert f"<td>{som_mall}</td>" in rad


def test_the_rows_come_in_order_and_a_missing_value_is_named():
    rader = Radmall(MALL).rader(
        [_varden(aktnummer="A-1"), _varden(aktnummer="A-2"), _varden(aktnummer="A-3")]
    )
    assert rader.index("A-1") < rader.index("A-2") < rader.index("A-3")
    assert rader.count("<tr>") == 3
    varden = _varden()
    del varden["handlaggare"]
    with pytest.raises(KeyError, match="handlaggare"):
        Radmall(MALL).fyll(varden)


def test_a_link_is_the_reversed_url_with_each_rows_id():
    url = lank("akt")
    assert [url(7), url(123456)] == ["/akter/7/", "/akter/123456/"]
    signera = lank("journal-signera", 7)
    assert signera(42) == reverse("journal-signera", args=[7, 42])


def test_a_fragment_keeps_the_spaces_around_it():
    signerad = Radmall("utredning/_journal_signerad.html").fyll(
        {"tid": "2026-12-01 10:00", "av": "Kim"}
    )
    assert signerad == " · signerad 2026-12-01 10:00 av Kim"
    flagga = Radmall("utredning/_arbetslista_flagga.html").fyll(
        {"klass": "etikett", "text": "Akut"}
    )
    assert flagga == '<span class="etikett">Akut</span> '
