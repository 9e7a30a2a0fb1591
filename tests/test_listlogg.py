"""A list page's access-log rows commit without waiting for the disk; every other write waits
(docs/prestanda.md: Listans loggrader; docs/drift.md: Åtkomstloggen och disken)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection, transaction

from ansokan.access import logga_sokande_lista
from bistand.access import logga, logga_akt_ids
from bistand.models import Atkomstlogg
from synpunkter.access import logga_synpunkter
from tests.logg import loggade_akter

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'"),
]


@pytest.fixture
def installningar_vid_insert():
    """What `synchronous_commit` was while each insert into the log ran: a statement trigger
    on the log writes it down, in the transaction the insert commits with."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE provning_synkron (id serial, varde text)")
        cursor.execute(
            "CREATE FUNCTION provning_synkron_skriv() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN INSERT INTO provning_synkron (varde) "
            "VALUES (current_setting('synchronous_commit')); RETURN NULL; END $$"
        )
        cursor.execute(
            "CREATE TRIGGER provning_synkron AFTER INSERT ON bistand_atkomstlogg "
            "FOR EACH STATEMENT EXECUTE FUNCTION provning_synkron_skriv()"
        )

    def las() -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT varde FROM provning_synkron ORDER BY id")
            return [r[0] for r in cursor.fetchall()]

    try:
        yield las
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER provning_synkron ON bistand_atkomstlogg")
            cursor.execute("DROP FUNCTION provning_synkron_skriv()")
            cursor.execute("DROP TABLE provning_synkron")


def _installning() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def test_a_lists_rows_commit_without_waiting_and_the_connection_keeps_waiting_after(
    installningar_vid_insert, handlaggare, skapa_akt, enhet
):
    akter = [skapa_akt(enhet, handlaggare).pk for _ in range(3)]
    logga_akt_ids(handlaggare, akter, sida="arbetslista", sokvag="/arbetslista/")
    assert installningar_vid_insert() == ["off"]
    assert loggade_akter("arbetslista") == sorted(akter)
    # Set for that statement's transaction only: the next write on the connection waits.
    assert _installning() == "on"


def test_a_case_reads_row_waits_for_the_disk(installningar_vid_insert, handlaggare, akt):
    logga(handlaggare, sida="akt", beviljad=True, akt_id=akt.pk, sokvag="/akter/1/")
    assert installningar_vid_insert() == ["on"]


def test_a_list_logged_inside_a_transaction_leaves_its_commit_waiting(
    installningar_vid_insert, handlaggare, skapa_akt, enhet
):
    akter = [skapa_akt(enhet, handlaggare).pk for _ in range(2)]
    with transaction.atomic():
        logga_akt_ids(handlaggare, akter, sida="arbetslista", sokvag="/arbetslista/")
        # What else the transaction writes commits with the list's rows: it must wait.
        assert _installning() == "on"
    assert installningar_vid_insert() == ["on"]


def test_the_setting_keeps_a_lists_rows_waiting(
    installningar_vid_insert, handlaggare, skapa_akt, enhet, settings
):
    settings.LISTLOGG_VANTAR_PA_DISK = True
    akter = [skapa_akt(enhet, handlaggare).pk for _ in range(2)]
    logga_akt_ids(handlaggare, akter, sida="startsida", sokvag="/")
    assert installningar_vid_insert() == ["on"]


def test_the_start_page_logs_its_list_without_waiting(
    installningar_vid_insert, client, handlaggare, skapa_akt, enhet
):
    for _ in range(3):
        skapa_akt(enhet, handlaggare)
    client.force_login(handlaggare)
    assert client.get("/").status_code == 200
    assert installningar_vid_insert() == ["off"]
    assert len(loggade_akter("startsida")) == 3


def test_an_applicants_list_of_one_akt_commits_without_waiting(
    installningar_vid_insert, handlaggare, akt
):
    sokande = akt.hushall.medlemmar.first().person
    logga_sokande_lista(sokande, [akt.pk], sida="mina-sidor", sokvag="/e-tjanst/")
    assert installningar_vid_insert() == ["off"]
    assert Atkomstlogg.objects.filter(sida="mina-sidor", akt_id=akt.pk).count() == 1


def test_a_list_of_synpunkter_commits_without_waiting(installningar_vid_insert, handlaggare, akt):
    rader = [
        SimpleNamespace(akt_id=akt.pk, person_id=None),
        SimpleNamespace(akt_id=None, person_id=7),
    ]
    logga_synpunkter(handlaggare, rader, sida="synpunkter", sokvag="/synpunkter/")
    assert installningar_vid_insert() == ["off"]
    assert Atkomstlogg.objects.filter(sida="synpunkter").count() == 2
