"""Lists that grow are shown a page at a time, and a page costs the same number of queries
whatever the list's length (docs/prestanda.md: Sidindelning). A list that fits on its first
page is read without its COUNT(s), so a longer one costs exactly those more."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bistand import services as kart
from bistand.sidindelning import PER_SIDA
from tests.logg import loggade_akter, senaste_logg_id

pytestmark = pytest.mark.django_db


def _skriv(akt, av, antal: int, start: int = 0) -> None:
    for i in range(start, start + antal):
        kart.journal_skriv(akt=akt, av=av, kontakttyp="telefon", text=f"Samtal nummer {i}.")


def _fragor(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as fragor:
        svar = client.get(url)
    assert svar.status_code == 200
    return len(fragor), svar


def test_the_journal_shows_the_newest_page_and_its_queries_stay_flat(
    client, settings, akt, handlaggare
):
    settings.SIDMINNE = False  # counts what drawing the page reads (bistand.sidminne)
    url = f"/akter/{akt.pk}/journal/"
    _skriv(akt, handlaggare, 5)
    client.force_login(handlaggare)
    client.get(url)
    fa, _ = _fragor(client, url)
    _skriv(akt, handlaggare, PER_SIDA + 5, start=5)
    manga, svar = _fragor(client, url)
    assert manga == fa + 2  # the COUNTs of the journal and the events, now that it overflows
    text = svar.content.decode()
    assert f"Samtal nummer {PER_SIDA + 9}." in text  # the newest
    assert "Samtal nummer 0." not in text
    assert "Sida 1 av 2" in text
    andra = client.get(url, {"sida": 2}).content.decode()
    assert "Samtal nummer 0." in andra and f"Samtal nummer {PER_SIDA + 9}." not in andra


def test_the_journal_filter_is_kept_on_the_next_page(client, akt, handlaggare):
    _skriv(akt, handlaggare, PER_SIDA + 1)
    client.force_login(handlaggare)
    text = client.get(f"/akter/{akt.pk}/journal/", {"typ": "telefon"}).content.decode()
    assert "?typ=telefon&amp;sida=2" in text


def test_the_akt_page_shows_the_newest_journal_entries_and_links_to_the_rest(
    client, settings, akt, handlaggare
):
    from bistand.views import AKT_JOURNAL

    settings.SIDMINNE = False  # counts what drawing the page reads (bistand.sidminne)

    url = f"/akter/{akt.pk}/"
    _skriv(akt, handlaggare, 3)
    client.force_login(handlaggare)
    client.get(url)
    fa, svar = _fragor(client, url)
    assert "Hela journalen" not in svar.content.decode()
    _skriv(akt, handlaggare, AKT_JOURNAL + 10, start=3)
    manga, svar = _fragor(client, url)
    assert manga == fa
    text = svar.content.decode()
    assert svar.context["antal_journal"] == AKT_JOURNAL
    assert text.count('<li class="journalpost">') == AKT_JOURNAL
    assert f"Samtal nummer {AKT_JOURNAL + 12}." in text and "Samtal nummer 0." not in text
    assert "Hela journalen" in text


def test_the_akt_history_shows_one_page_of_events_and_entries_and_its_queries_stay_flat(
    client, akt, handlaggare, django_assert_max_num_queries
):
    url = f"/akter/{akt.pk}/historik/"
    _skriv(akt, handlaggare, 5)
    client.force_login(handlaggare)
    client.get(url)
    fa, _ = _fragor(client, url)
    _skriv(akt, handlaggare, PER_SIDA + 5, start=5)
    with django_assert_max_num_queries(fa + 2):  # + the two sources' COUNTs
        svar = client.get(url)
    assert len(svar.context["rader"]) == PER_SIDA
    text = svar.content.decode()
    assert "Samtal nummer 0." in text  # the oldest first
    assert f"Samtal nummer {PER_SIDA + 9}." not in text
    andra = client.get(url, {"sida": "2"})
    assert 0 < len(andra.context["rader"]) <= PER_SIDA
    assert f"Samtal nummer {PER_SIDA + 9}." in andra.content.decode()


def test_the_akt_history_pdf_still_holds_the_whole_history(akt, handlaggare):
    from bistand.selectors import AktHistorik, akt_historik

    _skriv(akt, handlaggare, PER_SIDA + 5)
    alla = akt_historik(akt)
    assert len([r for r in alla if r.journal]) == PER_SIDA + 5
    assert AktHistorik(akt).count() == len(alla)


def _akuta(akt, antal: int) -> None:
    from django.utils import timezone

    from ansokan.models import Ansokan

    sokande = akt.hushall.medlemmar.get(roll="sokande").person
    idag = timezone.localdate()
    Ansokan.objects.bulk_create(
        Ansokan(akt=akt, sokande=sokande, typ="akut", kanal="besok", mottagen=idag)
        for _ in range(antal)
    )


def test_a_kvalitet_list_shows_and_logs_one_page_and_its_queries_stay_flat(
    client, akt, enhetschef, django_assert_max_num_queries
):

    url = "/kvalitet/listor/akut/"
    _akuta(akt, 5)
    client.force_login(enhetschef)
    client.get(url)
    fa, _ = _fragor(client, url)
    _akuta(akt, PER_SIDA + 5)
    fore = senaste_logg_id()
    with django_assert_max_num_queries(fa + 1):  # + the COUNT, now that it overflows
        svar = client.get(url)
    assert len(svar.context["rader"]) == PER_SIDA
    assert len(loggade_akter("kvalitet-lista", efter=fore)) == 1  # one Akt shown
    text = svar.content.decode()
    assert f"{PER_SIDA + 10} rader." in text and "Sida 1 av 2" in text
    assert len(client.get(url, {"sida": "2"}).context["rader"]) == 10
    # The CSV export still holds every row.
    csv = client.get(url, {"format": "csv"}).content.decode("utf-8-sig").strip().splitlines()
    assert len(csv) == PER_SIDA + 10 + 1


def test_a_list_that_fits_on_its_first_page_is_read_without_a_count(rf, akt, handlaggare):
    from bistand.models import JournalAnteckning
    from bistand.sidindelning import sida_av

    _skriv(akt, handlaggare, 3)
    rader = JournalAnteckning.objects.filter(akt=akt).order_by("pk")
    with CaptureQueriesContext(connection) as fragor:
        sida = sida_av(rf.get("/"), rader, per_sida=3)
        assert [j.text for j in sida.object_list] == [f"Samtal nummer {i}." for i in range(3)]
        assert not sida.has_next() and sida.paginator.count == 3
    assert len(fragor) == 1 and "COUNT" not in fragor[0]["sql"]

    _skriv(akt, handlaggare, 1, start=3)
    with CaptureQueriesContext(connection) as fragor:
        sida = sida_av(rf.get("/", {"sida": "x"}), rader, per_sida=3)  # not a number: page 1
        assert len(sida.object_list) == 3 and sida.has_next() and sida.paginator.num_pages == 2
    assert len(fragor) == 2 and "COUNT" in fragor[1]["sql"]  # the rows, then the COUNT
    andra = sida_av(rf.get("/", {"sida": "2"}), rader, per_sida=3)
    assert [j.text for j in andra.object_list] == ["Samtal nummer 3."]
    assert sida_av(rf.get("/", {"sida": "0"}), rader, per_sida=3).number == 2  # as Django's


def test_an_uncounted_page_reads_its_rows_and_one_more_and_no_count(rf, akt, handlaggare):
    from bistand.models import JournalAnteckning
    from bistand.sidindelning import oraknad_sida_av

    _skriv(akt, handlaggare, 7)
    rader = JournalAnteckning.objects.filter(akt=akt).order_by("pk")
    with CaptureQueriesContext(connection) as fragor:
        forsta = oraknad_sida_av(rf.get("/"), rader, per_sida=3)
    assert len(fragor) == 1 and "COUNT" not in fragor[0]["sql"]
    assert [j.text for j in forsta.object_list] == [f"Samtal nummer {i}." for i in range(3)]
    assert forsta.has_next() and not forsta.has_previous() and forsta.paginator is None
    tredje = oraknad_sida_av(rf.get("/", {"sida": "3"}), rader, per_sida=3)
    assert [j.text for j in tredje.object_list] == ["Samtal nummer 6."]
    assert tredje.has_previous() and not tredje.has_next() and tredje.has_other_pages()
    # Not a whole number from 1: page 1. Past the end: counted, and the last page.
    for fel in ("x", "0", "-2"):
        assert oraknad_sida_av(rf.get("/", {"sida": fel}), rader, per_sida=3).number == 1
    for bortom in ("9", str(10**30)):
        sista = oraknad_sida_av(rf.get("/", {"sida": bortom}), rader, per_sida=3)
        assert sista.number == 3 and [j.text for j in sista.object_list] == ["Samtal nummer 6."]
