"""kvalitet's lists filter in the database and read only the page shown
(docs/prestanda.md: Sidindelning); långvarigt as Socialstyrelsen defines it
(docs/regler.md: Kvalitetsarbete och statistik)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from beslut.models import Beslut
from bistand.sidindelning import PER_SIDA
from kvalitet.listor import Kedja, lista_hamta
from tests.logg import loggade_akter, senaste_logg_id

pytestmark = pytest.mark.django_db
IDAG = datetime.date.today()  # noqa: DTZ011


def _bistand_manader(beslut: Beslut, manader: list[datetime.date]) -> None:
    """The decided post copied as a granted decision for each month (plain rows: the list
    reads decisions, however they came about)."""
    kopior = []
    for manad in manader:
        kopia = Beslut.objects.get(pk=beslut.pk)
        kopia.pk = None
        kopia.period_fran = manad
        kopia.period_till = manad
        kopior.append(kopia)
    Beslut.objects.bulk_create(kopior)


def _ar(ar: int, antal: int = 12) -> list[datetime.date]:
    return [datetime.date(ar, m, 1) for m in range(1, antal + 1)]


def _i_ar(antal: int) -> list[datetime.date]:
    """Months of this year that with the fixture's decision (this month) make `antal`."""
    return [m for m in _ar(IDAG.year) if m.month != IDAG.month][: antal - 1]


@pytest.fixture
def langvarig(fatta, skapa_akt, enhet, handlaggare):
    """An Akt with granted bistånd in the given months."""

    def skapa(manader: list[datetime.date]):
        akt = skapa_akt(enhet, handlaggare)
        _bistand_manader(fatta(akt, handlaggare), manader)
        return akt

    return skapa


def _rader(enhet, urval=""):
    _, rader = lista_hamta(
        "langvarigt",
        type(enhet).objects.filter(pk=enhet.pk),
        urval=urval,
        handlaggare=None,
        fran=None,
        till=None,
        idag=IDAG,
    )
    return [(r.akt.pk, *r.varden[1:]) for r in rader]


def test_langvarigt_lists_ten_months_of_the_year_and_mycket_three_years_in_a_row(langvarig, enhet):
    ar = IDAG.year
    tio = langvarig(_i_ar(10))
    nio = langvarig(_i_ar(9))
    tre_ar = langvarig(_ar(ar - 2) + _ar(ar - 1) + _i_ar(10))
    avbrott = langvarig(_ar(ar - 3) + _ar(ar - 2, 9) + _ar(ar - 1) + _i_ar(11))

    rader = _rader(enhet)
    akter = {r[0] for r in rader}
    assert nio.pk not in akter
    assert (tio.pk, 10, 1) in rader
    assert (avbrott.pk, 11, 2) in rader
    assert {tio.pk, tre_ar.pk, avbrott.pk} == akter
    mycket = {r[0]: r for r in _rader(enhet, urval="mycket")}
    assert set(mycket) == {tre_ar.pk}
    assert mycket[tre_ar.pk][2] == 3


def _fragor(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as fragor:
        svar = client.get(url)
    assert svar.status_code == 200
    return len(fragor), svar.content.decode()


def test_the_langvarigt_list_costs_the_same_queries_for_5_and_50_akter(
    client, langvarig, enhetschef
):
    url = "/kvalitet/listor/langvarigt/"
    for _ in range(5):
        langvarig(_i_ar(10))
    client.force_login(enhetschef)
    client.get(url)
    fem, _ = _fragor(client, url)
    for _ in range(45):
        langvarig(_i_ar(10))
    femtio, html = _fragor(client, url)
    assert femtio == fem
    assert "50 rader." in html


def test_the_langvarigt_list_reads_and_logs_only_the_page(client, langvarig, enhetschef):
    for _ in range(PER_SIDA + 1):
        langvarig(_i_ar(10))
    client.force_login(enhetschef)
    fore = senaste_logg_id()
    svar = client.get("/kvalitet/listor/langvarigt/")
    assert len(svar.context["rader"]) == PER_SIDA
    assert len(loggade_akter("kvalitet-lista", efter=fore)) == PER_SIDA
    assert len(client.get("/kvalitet/listor/langvarigt/?sida=2").context["rader"]) == 1
    csv = client.get("/kvalitet/listor/langvarigt/?format=csv").content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == PER_SIDA + 2


class _Del(list):
    """A row source as `Kedja` sees one: counted, sliced, iterated."""

    def count(self) -> int:  # type: ignore[override]
        return len(self)


@pytest.mark.parametrize(
    ("start", "stopp", "vantat"),
    [
        (0, 2, ["a1", "a2"]),
        (2, 5, ["a3", "b1", "b2"]),
        (3, 6, ["b1", "b2", "b3"]),
        (5, 50, ["b3", "c1"]),
        (6, 50, ["c1"]),
        (7, 50, []),
    ],
)
def test_a_chain_of_sources_reads_only_the_slice_from_each(start, stopp, vantat):
    kedja = Kedja(_Del(["a1", "a2", "a3"]), _Del(["b1", "b2", "b3"]), _Del([]), _Del(["c1"]))
    assert kedja.count() == 7
    assert kedja[start:stopp] == vantat
    assert list(kedja) == ["a1", "a2", "a3", "b1", "b2", "b3", "c1"]
