"""The staff list of synpunkter is read a page at a time (docs/prestanda.md: Sidindelning)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bistand.models import Atkomstlogg
from bistand.sidindelning import PER_SIDA

pytestmark = pytest.mark.django_db


def _fragor(client, url: str) -> int:
    with CaptureQueriesContext(connection) as fragor:
        assert client.get(url).status_code == 200
    return len(fragor)


def test_the_list_costs_the_same_queries_for_5_and_50_synpunkter(
    client, registrera, akt, enhetschef
):
    for _ in range(5):
        registrera(akt=akt)
    client.force_login(enhetschef)
    client.get("/synpunkter/")  # warm the session and the role look-up
    fem = _fragor(client, "/synpunkter/")
    for _ in range(45):
        registrera(akt=akt)
    assert _fragor(client, "/synpunkter/") == fem


def test_the_list_shows_and_logs_one_page_and_links_to_the_next(
    client, registrera, akt, enhetschef
):
    synpunkter = [registrera(akt=akt) for _ in range(PER_SIDA + 1)]
    client.force_login(enhetschef)

    forsta = client.get("/synpunkter/").content.decode()
    assert "Sida 1 av 2" in forsta and "?sida=2" in forsta
    assert Atkomstlogg.objects.filter(sida="synpunkter").count() == PER_SIDA

    andra = client.get("/synpunkter/?sida=2").content.decode()
    assert "Sida 2 av 2" in andra
    visade = [s for s in synpunkter if f'/synpunkter/{s.pk}/"' in andra]
    assert len(visade) == 1
    assert Atkomstlogg.objects.filter(sida="synpunkter").count() == PER_SIDA + 1


def test_the_page_links_keep_the_choice_to_show_closed_ones(client, registrera, akt, enhetschef):
    for _ in range(PER_SIDA + 1):
        registrera(akt=akt)
    client.force_login(enhetschef)
    html = client.get("/synpunkter/?visa=alla").content.decode()
    assert "visa=alla&amp;sida=2" in html
